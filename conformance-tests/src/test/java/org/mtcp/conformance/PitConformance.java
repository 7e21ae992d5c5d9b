package org.mtcp.conformance;

import java.util.List;
import org.mtcp.spi.TransportProvider;

/**
 * The kit over the blocking transport alone, for mutation testing (the {@code pit} profile): no peers, no
 * native access needed. Not a *Test: surefire leaves it to PIT.
 */
class PitConformance implements Conformance {
    @Override
    public TransportProvider provider() {
        return Providers.named("blocking");
    }

    @Override
    public List<TransportProvider> peers() {
        return List.of(provider());
    }
}
