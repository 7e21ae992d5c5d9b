package org.mtcp.conformance.faults;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/** A real provider whose transports come wrapped in a seeded fault. */
final class FaultyProvider implements TransportProvider {
    private final TransportProvider real;
    private final String fault;
    private final UnaryOperator<Transport> wrap;

    FaultyProvider(TransportProvider real, String fault, UnaryOperator<Transport> wrap) {
        this.real = real;
        this.fault = fault;
        this.wrap = wrap;
    }

    @Override
    public String name() {
        return real.name() + "+" + fault;
    }

    @Override
    public int priority() {
        return real.priority();
    }

    @Override
    public Optional<String> unavailableReason() {
        return real.unavailableReason();
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public Transport open() {
        return wrap.apply(real.open());
    }
}
