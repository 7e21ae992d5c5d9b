package org.mtcp.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives each test method a {@link Fixture} for the provider its test class names, closed after the test. */
public final class FixtureExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FixtureExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Fixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Object instance = c.getRequiredTestInstance();
        if (!(instance instanceof TransportConformance)) {
            throw new ParameterResolutionException(instance.getClass() + " must implement TransportConformance");
        }
        Fixture f = Fixture.open(((TransportConformance) instance).provider());
        c.getStore(NS).put(Fixture.class.getName() + p.getIndex(), (ExtensionContext.Store.CloseableResource) f::close);
        return f;
    }
}
