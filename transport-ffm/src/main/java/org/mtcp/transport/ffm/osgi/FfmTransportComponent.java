package org.mtcp.transport.ffm.osgi;

import org.mtcp.spi.ClosingProvider;
import org.mtcp.spi.TransportProvider;
import org.mtcp.transport.ffm.FfmTransportProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@code ffm} transport as an OSGi service ({@link TransportProvider}, property
 * {@code mtcp.transport=ffm}, ranked by priority), registered by Declarative Services. It delegates to
 * the same {@link FfmTransportProvider} that {@link java.util.ServiceLoader} finds.
 *
 * <p>Each consumer bundle gets its own instance. Transports opened through it are closed, with all their
 * sockets, when the instance is deactivated: when this bundle stops, or when the consumer releases the
 * service (ungets it, or stops). Keep the service while you use the transports you opened from it.
 *
 * <p>This class is compiled for Java 17 and calls whichever {@link FfmTransportProvider} the multi-release
 * jar gives: on Java 22+ the real one (native access for bundles is {@code --enable-native-access=ALL-UNNAMED});
 * before, one that says it needs Java 22. The service is registered either way, as ServiceLoader lists it.
 */
@Component(service = TransportProvider.class, scope = ServiceScope.BUNDLE,
        property = {"mtcp.transport=ffm", "service.ranking:Integer=30"}) // FfmTransportProvider's name and priority
public final class FfmTransportComponent extends ClosingProvider {
    /** Created by the DS runtime. */
    public FfmTransportComponent() {
        super(new FfmTransportProvider());
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }
}
