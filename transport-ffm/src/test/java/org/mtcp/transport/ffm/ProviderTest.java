package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/** Discovery, identity and the capabilities this transport declares. */
class ProviderTest {
    @Test
    void identity() {
        TransportProvider p = new FfmTransportProvider();
        assertEquals("ffm", p.name());
        assertEquals(30, p.priority());
        assertEquals(java.util.Optional.empty(), p.unavailableReason());
        assertEquals(EnumSet.of(Capability.REAL_DESCRIPTORS, Capability.KERNEL_ADDRESSES, Capability.KERNEL_V6ONLY,
                Capability.EXACT_ZERO_WAIT, Capability.SHUTDOWN_RECEIVE, Capability.POLL_ERROR_EVENTS,
                Capability.LINUX_TCP_OPTIONS,
                Capability.IPV6), p.capabilities());
        try (Transport t = p.open()) {
            assertEquals("ffm", t.name());
            assertEquals(p.capabilities(), t.capabilities());
        }
    }

    @Test
    void serviceLoaderFindsItOnTheModulePath() {
        List<Transports.Found> found = Transports.discover();
        Transports.Found ffm = found.stream().filter(f -> f.name().equals("ffm")).findFirst().orElseThrow();
        assertTrue(ffm.available(), () -> String.valueOf(ffm.unavailableReason()));
        try (Transport t = Transports.require("ffm")) {
            assertEquals("ffm", t.name());
        }
    }

    @Test
    void nativeAccessIsGrantedToThisModuleOnly() {
        Module m = FfmTransportProvider.class.getModule();
        assertEquals("org.mtcp.transport.ffm", m.getName());
        assertTrue(m.isNativeAccessEnabled());
    }
}
