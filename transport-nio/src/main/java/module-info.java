/** The NIO transport (SocketChannel, ServerSocketChannel, Selector). Exports nothing. */
module org.mtcp.transport.nio {
    requires org.mtcp.spi;
}
