package org.mtcp.spi;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A transport as {@link java.util.ServiceLoader} finds it. Implementations must have a public no-argument
 * constructor that never fails: a provider that cannot run here (say FFM on Java 17) still loads and
 * reports why through {@link #unavailableReason()}.
 */
// Implemented by transports, the providers of this API: a new method is a minor version step and
// transport bundles import the package with a range narrower than the next minor version.
@ProviderType
public interface TransportProvider {
    /** The transport's name, e.g. {@code "blocking"}, {@code "nio"}, {@code "ffm"}. */
    String name();

    /** Higher is preferred when no order is asked for. */
    int priority();

    /** Why this transport cannot run here, or empty when it can. Never throws. */
    Optional<String> unavailableReason();

    /** What the transport can do (the same set as {@link Transport#capabilities()}). */
    Set<Capability> capabilities();

    /**
     * Opens a transport instance with its own descriptor space.
     *
     * @throws IllegalStateException with the reason when the transport is unavailable
     */
    Transport open();
}
