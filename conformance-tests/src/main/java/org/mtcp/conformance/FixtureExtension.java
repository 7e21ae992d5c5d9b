package org.mtcp.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mtcp.spi.TransportProvider;

/**
 * Gives each test method a {@link Fixture} for the provider its test class names, closed after the test.
 * A provider that cannot run here skips the test with its reason (before any parameter is resolved).
 */
public final class FixtureExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FixtureExtension.class);

    private static TransportProvider provider(ExtensionContext c) {
        Object instance = c.getRequiredTestInstance();
        if (!(instance instanceof TransportConformance)) {
            throw new ParameterResolutionException(instance.getClass() + " must implement TransportConformance");
        }
        return ((TransportConformance) instance).provider();
    }

    @Override
    public void beforeEach(ExtensionContext c) {
        TransportProvider p = provider(c);
        Assumptions.assumeTrue(p.unavailableReason().isEmpty(),
                () -> "transport " + p.name() + " unavailable: " + p.unavailableReason().orElse(""));
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Fixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Fixture f = Fixture.open(provider(c));
        c.getStore(NS).put(Fixture.class.getName() + p.getIndex(), f);
        return f;
    }
}
