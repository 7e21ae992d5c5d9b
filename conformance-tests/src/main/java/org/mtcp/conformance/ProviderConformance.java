package org.mtcp.conformance;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mtcp.Transports;
import org.mtcp.spi.TransportProvider;

/**
 * The whole kit for a provider chosen at run time, without writing a class: runners (the {@code mtcp check}
 * command, the kit's fat jar, the kit's own fault tests) call {@link #use} and then select this class with
 * the JUnit Platform Launcher. Without {@code use}, the system property {@value #PROVIDER_PROPERTY} names
 * a provider that {@link java.util.ServiceLoader} finds; with neither, the class is disabled.
 */
@EnabledIf("org.mtcp.conformance.ProviderConformance#configured")
public class ProviderConformance implements Conformance {
    /** System property naming the provider when {@link #use} was not called. */
    public static final String PROVIDER_PROPERTY = "mtcp.conformance.provider";

    private static volatile TransportProvider provider;
    private static volatile List<TransportProvider> peers;

    /** Runs the kit against {@code p} from now on, pairing it with {@code peerProviders} in interop tests. */
    public static void use(TransportProvider p, List<TransportProvider> peerProviders) {
        peers = List.copyOf(peerProviders);
        provider = p;
    }

    /** Forgets the provider set by {@link #use}. */
    public static void reset() {
        provider = null;
        peers = null;
    }

    /** Whether a provider is set or named; JUnit's condition for this class. */
    public static boolean configured() {
        return provider != null || System.getProperty(PROVIDER_PROPERTY) != null;
    }

    @Override
    public TransportProvider provider() {
        TransportProvider p = provider;
        if (p != null) {
            return p;
        }
        String name = System.getProperty(PROVIDER_PROPERTY);
        if (name == null) {
            throw new IllegalStateException("no provider: call ProviderConformance.use(...) or set -D"
                    + PROVIDER_PROPERTY + "=NAME");
        }
        return Transports.discover().stream().filter(f -> f.name().equals(name)).findFirst()
                .map(Transports.Found::provider)
                .orElseThrow(() -> new IllegalStateException("no provider named " + name));
    }

    @Override
    public List<TransportProvider> peers() {
        List<TransportProvider> p = peers;
        return provider != null && p != null ? p : List.of(provider());
    }
}
