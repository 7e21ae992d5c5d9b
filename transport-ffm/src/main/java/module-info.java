/**
 * The FFM transport (libc through java.lang.foreign). Exports nothing.
 *
 * <p>The jar is multi-release: on Java 17 to 21 its provider loads and reports that it needs Java 22;
 * from Java 22 the classes in {@code META-INF/versions/22} call libc. Native access must be granted to
 * this module: {@code --enable-native-access=org.mtcp.transport.ffm} (ALL-UNNAMED on the class path).
 */
module org.mtcp.transport.ffm {
    requires org.mtcp.spi;
    // JFR events for socket reads, writes, connects and accepts (org.mtcp.ffm.Socket*).
    requires jdk.jfr;
    // Declarative Services annotations (class retention) for the OSGi registration in the .osgi package.
    requires static org.osgi.service.component.annotations;

    provides org.mtcp.spi.TransportProvider with org.mtcp.transport.ffm.FfmTransportProvider;
}
