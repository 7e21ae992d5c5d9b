package org.mtcp.examples;

import org.mtcp.Transports;
import org.mtcp.conformance.Conformance;
import org.mtcp.spi.TransportProvider;

/**
 * The README's transport-author snippet, run as written: the whole conformance kit against a provider
 * found the way users find it (here the blocking transport stands in for a third party's).
 */
// README:transport-author-begin
class MyTransportConformanceTest implements Conformance {
    @Override
    public TransportProvider provider() {
        // Looked up as users look it up, so the ServiceLoader registration is tested too.
        return Transports.discover().stream().filter(f -> f.name().equals("blocking")).findFirst()
                .orElseThrow().provider();
    }
}
// README:transport-author-end
