/**
 * The classic java.net transport ({@link java.net.Socket}, {@link java.net.ServerSocket}). Exports nothing;
 * it is found through {@link org.mtcp.spi.TransportProvider} under the name {@code "blocking"}.
 */
module org.mtcp.transport.blocking {
    requires org.mtcp.spi;
    // Declarative Services annotations (class retention) for the OSGi registration in the .osgi package.
    requires static org.osgi.service.component.annotations;
    requires jdk.net;

    provides org.mtcp.spi.TransportProvider with org.mtcp.transport.blocking.BlockingTransportProvider;
}
