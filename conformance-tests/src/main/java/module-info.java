/**
 * The conformance kit: every checklist behaviour of mtcp and LuaSocket as tests that run against any
 * {@link org.mtcp.spi.TransportProvider}. Implement {@link org.mtcp.conformance.TransportConformance} once.
 */
open module org.mtcp.conformance {
    requires transitive org.mtcp.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;

    exports org.mtcp.conformance;

    uses org.mtcp.spi.TransportProvider;
}
