package org.mtcp.conformance;

import java.util.List;
import org.mtcp.spi.TransportProvider;

/** The kit against the ffm transport, paired with every available transport. */
class FfmConformanceTest implements Conformance {
    @Override
    public TransportProvider provider() {
        return Providers.named("ffm");
    }

    @Override
    public List<TransportProvider> peers() {
        return Providers.availableProviders();
    }
}
