package org.mtcp.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A provider that remembers the transports it opened, so a container can close them all at once: what
 * an OSGi service of a transport does when its bundle stops or its consumer releases it. It delegates to
 * the provider {@link java.util.ServiceLoader} finds, so both routes run the same transport.
 */
public class ClosingProvider implements TransportProvider {
    private final TransportProvider provider;
    // Weak: a transport its user closed and dropped is forgotten; one still referenced is closed by closeAll.
    private final Set<Transport> opened = Collections.newSetFromMap(new WeakHashMap<>());
    private boolean closed;

    /** Wraps {@code provider}. */
    public ClosingProvider(TransportProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public int priority() {
        return provider.priority();
    }

    @Override
    public Optional<String> unavailableReason() {
        return provider.unavailableReason();
    }

    @Override
    public Set<Capability> capabilities() {
        return provider.capabilities();
    }

    /**
     * Opens a transport that {@link #closeAll()} will close.
     *
     * @throws IllegalStateException once {@link #closeAll()} has run
     */
    @Override
    public Transport open() {
        synchronized (opened) {
            if (closed) {
                throw new IllegalStateException("the " + name() + " transport service has been released");
            }
            Transport t = provider.open();
            opened.add(t);
            return t;
        }
    }

    /** Closes every transport still open (with all their sockets); later {@link #open()} calls fail. */
    public void closeAll() {
        List<Transport> toClose;
        synchronized (opened) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (Transport t : toClose) {
            t.close();
        }
    }
}
