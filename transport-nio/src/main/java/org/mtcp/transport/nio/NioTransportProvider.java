package org.mtcp.transport.nio;

import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * The NIO transport's provider: name {@value #NAME}, priority 20. It runs on every JVM this project
 * supports. The descriptor limit per transport is {@value NioTransport#DEFAULT_LIMIT} unless the system
 * property {@value #LIMIT_PROPERTY} says otherwise.
 */
public final class NioTransportProvider implements TransportProvider {
    /** The provider's name. */
    public static final String NAME = "nio";
    /** System property: the most descriptors one transport instance may have open. */
    public static final String LIMIT_PROPERTY = "mtcp.nio.maxDescriptors";

    /** For {@link java.util.ServiceLoader}; does nothing that can fail. */
    public NioTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> capabilities() {
        return NioTransport.CAPABILITIES;
    }

    @Override
    public Transport open() {
        int limit = NioTransport.DEFAULT_LIMIT;
        try {
            limit = Integer.getInteger(LIMIT_PROPERTY, NioTransport.DEFAULT_LIMIT);
        } catch (SecurityException ignored) {
            // The default will do.
        }
        return new NioTransport(limit > 0 ? limit : NioTransport.DEFAULT_LIMIT);
    }
}
