/**
 * The {@code mtcp} command: lists the transports found on the module path, runs the interop demo (echo
 * round trips between every pair of transports, over both APIs) and serves plain TCP echo.
 *
 * <p>Transports are found only through {@link java.util.ServiceLoader} (via {@code org.mtcp.Transports});
 * this module never names a transport class.
 */
module org.mtcp.cli {
    requires org.mtcp.spi;
    requires info.picocli;
    requires org.mtcp.lua;
    requires org.mtcp.reliability;
    // mtcp check: the conformance kit, run through the JUnit Platform Launcher.
    requires org.mtcp.conformance;

    uses org.mtcp.spi.TransportProvider;

    // picocli reads and writes the annotated command fields reflectively.
    opens org.mtcp.cli to info.picocli;
}
