package org.mtcp.transport.ffm;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * The FFM transport's provider as Java 17 to 21 see it: it loads, and says it cannot run. The working
 * provider, with the same name, is in the jar's {@code META-INF/versions/22}.
 */
public final class FfmTransportProvider implements TransportProvider {
    /** Creates the provider; never fails. */
    public FfmTransportProvider() {
    }

    @Override
    public String name() {
        return "ffm";
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public Optional<String> unavailableReason() {
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            // Only reachable when the jar lost its multi-release nature (e.g. repackaged without the manifest entry).
            return Optional.of("the FFM transport's Java 22 classes were not loaded (running " + feature
                    + "): its jar must stay a multi-release jar (Multi-Release: true) with META-INF/versions/22");
        }
        return Optional.of("the FFM transport needs Java 22 or newer (running " + feature + ")");
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public Transport open() {
        throw new IllegalStateException(unavailableReason().get());
    }
}
