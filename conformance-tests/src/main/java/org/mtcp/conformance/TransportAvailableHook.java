package org.mtcp.conformance;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.MethodLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik property, with the reason, when its test class's transport cannot run here — as the
 * {@link Fixture} does for JUnit tests (a jqwik try that is aborted would count as a rejected sample).
 */
public final class TransportAvailableHook implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (!(context instanceof MethodLifecycleContext)) {
            return SkipResult.doNotSkip();
        }
        Object instance = instanceOf((MethodLifecycleContext) context);
        if (!(instance instanceof TransportConformance)) {
            return SkipResult.doNotSkip();
        }
        var provider = ((TransportConformance) instance).provider();
        Optional<String> reason = provider.unavailableReason();
        return reason.isPresent()
                ? SkipResult.skip("transport " + provider.name() + " unavailable: " + reason.get())
                : SkipResult.doNotSkip();
    }

    private static Object instanceOf(MethodLifecycleContext context) {
        try {
            return context.testInstance();
        } catch (RuntimeException notYetCreated) {
            return context.newInstance(context.containerClass());
        }
    }
}
