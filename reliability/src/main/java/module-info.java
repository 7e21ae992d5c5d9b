/**
 * Reliability tooling for mtcp: a fault-injecting TCP proxy, a load driver, an open/close cycle driver that
 * watches descriptors and native memory, an exhaustion probe for a child JVM with a low descriptor limit,
 * hostile-input generators for both APIs, and a timeout-precision probe. The tests of this module run
 * short versions; {@code mtcp soak} runs long ones ({@link org.mtcp.reliability.Soak}).
 *
 * <p>Transports are found only through {@link java.util.ServiceLoader} ({@code org.mtcp.Transports}).
 */
module org.mtcp.reliability {
    requires transitive org.mtcp.spi;
    // Native Memory Tracking is read through the DiagnosticCommand MBean.
    requires java.management;

    exports org.mtcp.reliability;

    uses org.mtcp.spi.TransportProvider;
}
