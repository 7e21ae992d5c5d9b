package org.mtcp.transport.blocking.osgi;

import org.mtcp.spi.ClosingProvider;
import org.mtcp.spi.TransportProvider;
import org.mtcp.transport.blocking.BlockingTransportProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@code blocking} transport as an OSGi service ({@link TransportProvider}, property
 * {@code mtcp.transport=blocking}, ranked by priority), registered by Declarative Services. It delegates to
 * the same {@link BlockingTransportProvider} that {@link java.util.ServiceLoader} finds.
 *
 * <p>Each consumer bundle gets its own instance. Transports opened through it are closed, with all their
 * sockets, when the instance is deactivated: when this bundle stops, or when the consumer releases the
 * service (ungets it, or stops). Keep the service while you use the transports you opened from it.
 */
@Component(service = TransportProvider.class, scope = ServiceScope.BUNDLE,
        property = {"mtcp.transport=" + BlockingTransportProvider.NAME,
            "service.ranking:Integer=" + BlockingTransportProvider.PRIORITY})
public final class BlockingTransportComponent extends ClosingProvider {
    /** Created by the DS runtime. */
    public BlockingTransportComponent() {
        super(new BlockingTransportProvider());
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }
}
