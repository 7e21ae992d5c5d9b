package org.mtcp.conformance;

import java.util.List;
import org.mtcp.spi.TransportProvider;

/** The kit against the java.net transport, paired with every available transport. */
class BlockingConformanceTest implements Conformance {
    @Override
    public TransportProvider provider() {
        return Providers.named("blocking");
    }

    @Override
    public List<TransportProvider> peers() {
        return Providers.availableProviders();
    }
}
