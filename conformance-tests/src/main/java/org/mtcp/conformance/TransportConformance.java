package org.mtcp.conformance;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtcp.spi.TransportProvider;

/**
 * The root of the kit: a test class implements this (through {@link Conformance}) and names its provider.
 * Test methods take a {@link Fixture} parameter; jqwik properties open one themselves with
 * {@link Fixture#open}.
 */
@ExtendWith(FixtureExtension.class)
public interface TransportConformance {
    /** The provider under test. */
    TransportProvider provider();

    /** Providers to pair with for interop tests (server on one, client on the other); by default itself. */
    default List<TransportProvider> peers() {
        return List.of(provider());
    }
}
