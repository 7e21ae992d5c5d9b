/** Example applications of mtcp; each is also a test. */
module org.mtcp.examples {
    requires org.mtcp.spi;

    exports org.mtcp.examples;
}
