package org.mtcp.transport.nio.osgi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;
import org.mtcp.transport.nio.NioTransportProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@code nio} transport as an OSGi service ({@link TransportProvider}, property
 * {@code mtcp.transport=nio}, ranked by priority), registered by Declarative Services. It delegates to
 * the same {@link NioTransportProvider} that {@link java.util.ServiceLoader} finds.
 *
 * <p>Each consumer bundle gets its own instance. Transports opened through it are closed, with all their
 * sockets, when the instance is deactivated: when this bundle stops, or when the consumer releases the
 * service (ungets it, or stops). Keep the service while you use the transports you opened from it.
 */
@Component(service = TransportProvider.class, scope = ServiceScope.BUNDLE,
        property = {"mtcp.transport=" + NioTransportProvider.NAME,
            "service.ranking:Integer=20"}) // NioTransportProvider's priority
public final class NioTransportComponent implements TransportProvider {
    private final TransportProvider provider = new NioTransportProvider();
    // Weak: a transport its user closed and dropped is forgotten; one still referenced is closed on deactivation.
    private final Set<Transport> opened = Collections.newSetFromMap(new WeakHashMap<>());
    private boolean deactivated;

    /** Created by the DS runtime. */
    public NioTransportComponent() {
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

    /** Opens a transport that is closed when this service goes away. */
    @Override
    public Transport open() {
        synchronized (opened) {
            if (deactivated) {
                throw new IllegalStateException("the " + name() + " transport service has been released");
            }
            Transport t = provider.open();
            opened.add(t);
            return t;
        }
    }

    @Deactivate
    void deactivate() {
        List<Transport> toClose;
        synchronized (opened) {
            deactivated = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (Transport t : toClose) {
            t.close();
        }
    }
}
