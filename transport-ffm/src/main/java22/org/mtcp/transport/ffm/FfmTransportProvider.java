package org.mtcp.transport.ffm;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * The FFM transport (Java 22+): Linux sockets through libc with {@code java.lang.foreign}. It needs native
 * access for module {@code org.mtcp.transport.ffm} ({@code --enable-native-access=org.mtcp.transport.ffm},
 * or ALL-UNNAMED on the class path); when libc or native access is missing it says so in
 * {@link #unavailableReason()} and never throws.
 */
public final class FfmTransportProvider implements TransportProvider {
    /** Creates the provider; never fails (libc is only looked at when asked). */
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
        return Availability.reason();
    }

    @Override
    public Set<Capability> capabilities() {
        return Availability.reason().isEmpty() ? Availability.capabilities() : EnumSet.noneOf(Capability.class);
    }

    @Override
    public Transport open() {
        Optional<String> reason = Availability.reason();
        if (reason.isPresent()) {
            throw new IllegalStateException("the ffm transport cannot run here: " + reason.get());
        }
        return new FfmTransport(Availability.capabilities());
    }
}
