package org.mtcp.transport.nio.osgi;

import org.mtcp.spi.ClosingProvider;
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
public final class NioTransportComponent extends ClosingProvider {
    /** Created by the DS runtime. */
    public NioTransportComponent() {
        super(new NioTransportProvider());
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }
}
