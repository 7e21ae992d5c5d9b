/** The NIO transport (SocketChannel, ServerSocketChannel, Selector). Exports nothing. */
module org.mtcp.transport.nio {
    requires org.mtcp.spi;
    // Declarative Services annotations (class retention) for the OSGi registration in the .osgi package.
    requires static org.osgi.service.component.annotations;
    // TCP keepalive tuning options; optional at run time (see KeepaliveTuning).
    requires jdk.net;

    provides org.mtcp.spi.TransportProvider with org.mtcp.transport.nio.NioTransportProvider;
}
