/** The FFM transport (libc through java.lang.foreign). Exports nothing. */
module org.mtcp.transport.ffm {
    requires org.mtcp.spi;
}
