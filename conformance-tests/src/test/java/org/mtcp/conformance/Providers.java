package org.mtcp.conformance;

import java.util.List;
import java.util.stream.Collectors;
import org.mtcp.Transports;
import org.mtcp.spi.TransportProvider;

/** The bundled providers as ServiceLoader finds them, by name. */
final class Providers {
    private Providers() {
    }

    static TransportProvider named(String name) {
        return Transports.discover().stream().filter(f -> f.name().equals(name)).findFirst()
                .map(Transports.Found::provider)
                .orElseThrow(() -> new IllegalStateException("no provider named " + name));
    }

    static List<TransportProvider> availableProviders() {
        return Transports.discover().stream().filter(Transports.Found::available).map(Transports.Found::provider)
                .collect(Collectors.toList());
    }
}
