package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/** Discovery and selection of the bundled transports through ServiceLoader on the class path. */
class TransportsTest {
    @Test
    void everyBundledTransportIsFound() {
        List<String> names = Transports.discover().stream().map(Transports.Found::name).toList();
        assertTrue(names.containsAll(List.of("blocking", "nio", "ffm")), names.toString());
    }

    @Test
    void requireOpensExactlyThatTransport() {
        try (Transport t = Transports.require("blocking")) {
            assertEquals("blocking", t.name());
        }
    }

    @Test
    void requireOfAnUnknownNameSaysWhatExists() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transports.require("carrier-pigeon"));
        assertTrue(e.getMessage().contains("no transport named 'carrier-pigeon'"), e.getMessage());
        assertTrue(e.getMessage().contains("blocking"), e.getMessage());
    }

    @Test
    void preferFallsBackInOrder() {
        try (Transport t = Transports.prefer("carrier-pigeon", "blocking", "nio")) {
            assertEquals("blocking", t.name());
        }
    }

    @Test
    void preferWithNothingUsableListsEachReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transports.prefer("a", "b"));
        assertTrue(e.getMessage().contains("a: not found") && e.getMessage().contains("b: not found"), e.getMessage());
    }

    @Test
    void systemPropertiesSelect() {
        String old = System.getProperty(Transports.REQUIRE_PROPERTY);
        try {
            System.setProperty(Transports.REQUIRE_PROPERTY, "blocking");
            try (Transport t = Transports.fromSystemProperties()) {
                assertEquals("blocking", t.name());
            }
            System.clearProperty(Transports.REQUIRE_PROPERTY);
            System.setProperty(Transports.PREFER_PROPERTY, "nope, blocking");
            try (Transport t = Transports.fromSystemProperties()) {
                assertEquals("blocking", t.name());
            }
        } finally {
            System.clearProperty(Transports.PREFER_PROPERTY);
            if (old != null) {
                System.setProperty(Transports.REQUIRE_PROPERTY, old);
            }
        }
    }
}
