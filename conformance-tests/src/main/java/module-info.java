/**
 * The conformance kit: every checklist behaviour of mtcp, LuaSocket and the transport primitives as tests that run against any
 * {@link org.mtcp.spi.TransportProvider}. Implement {@link org.mtcp.conformance.TransportConformance} once,
 * or run {@link org.mtcp.conformance.ProviderConformance} for a provider chosen at run time
 * ({@link org.mtcp.conformance.check.Check}: {@code mtcp check} and the kit's fat jar).
 */
open module org.mtcp.conformance {
    requires transitive org.mtcp.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive net.jqwik.api;
    requires org.junit.platform.launcher;
    requires org.junit.platform.reporting;
    requires com.google.gson;
    requires java.xml;

    exports org.mtcp.conformance;
    exports org.mtcp.conformance.check;

    uses org.mtcp.spi.TransportProvider;
}
