package org.mtcp.conformance;

import java.util.List;
import org.mtcp.spi.TransportProvider;

/** The kit against the nio transport, paired with every available transport. */
class NioConformanceTest implements Conformance {
    @Override
    public TransportProvider provider() {
        return Providers.named("nio");
    }

    @Override
    public List<TransportProvider> peers() {
        return Providers.availableProviders();
    }
}
