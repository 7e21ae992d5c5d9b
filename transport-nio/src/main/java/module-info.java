/** The NIO transport (SocketChannel, ServerSocketChannel, Selector). Exports nothing. */
module org.mtcp.transport.nio {
    requires org.mtcp.spi;
    // TCP keepalive tuning options; optional at run time (see KeepaliveTuning).
    requires jdk.net;

    provides org.mtcp.spi.TransportProvider with org.mtcp.transport.nio.NioTransportProvider;
}
