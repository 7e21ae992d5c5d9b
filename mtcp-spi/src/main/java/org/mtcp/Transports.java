package org.mtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * Finds transports with {@link ServiceLoader} (class path or module path) and picks one, in two modes:
 * <em>prefer</em> (an ordered list of names, falling back to the next available one) and <em>require</em>
 * (exactly that one, or an exception saying why it cannot run).
 *
 * <p>System properties: {@value #REQUIRE_PROPERTY}{@code =nio} requires a transport;
 * {@value #PREFER_PROPERTY}{@code =ffm,nio,blocking} sets the preference. Without either,
 * {@link #fromSystemProperties()} takes the available transport with the highest priority.
 */
public final class Transports {
    /** Logger {@code org.mtcp.Transports}: which transport was chosen and why (see {@link #prefer}). */
    private static final System.Logger LOG = System.getLogger("org.mtcp.Transports");

    /** System property naming the one transport to use. */
    public static final String REQUIRE_PROPERTY = "mtcp.transport.require";
    /** System property listing transports in order of preference, comma-separated. */
    public static final String PREFER_PROPERTY = "mtcp.transport.prefer";

    private Transports() {
    }

    /** What discovery found about one provider. */
    public record Found(String name, int priority, Optional<String> unavailableReason, Set<Capability> capabilities,
            TransportProvider provider) {
        /** Whether the transport can run here. */
        public boolean available() {
            return unavailableReason.isEmpty();
        }
    }

    /** Every provider visible to this module's class loader / layer, best first. */
    public static List<Found> discover() {
        return discover(ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()));
    }

    /** Every provider a given loader finds, best first. A provider that fails to load is reported, not thrown. */
    public static List<Found> discover(ServiceLoader<TransportProvider> loader) {
        List<Found> found = new ArrayList<>();
        var it = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<TransportProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                found.add(new Found("(unloadable)", Integer.MIN_VALUE, Optional.of(String.valueOf(e.getMessage())),
                        EnumSet.noneOf(Capability.class), null));
                continue;
            }
            found.add(describe(p));
        }
        found.sort(Comparator.comparingInt(Found::priority).reversed().thenComparing(Found::name));
        return found;
    }

    private static Found describe(ServiceLoader.Provider<TransportProvider> p) {
        String typeName = p.type().getName();
        try {
            TransportProvider tp = p.get();
            return describe(tp);
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            return new Found(typeName, Integer.MIN_VALUE, Optional.of("cannot load " + typeName + ": " + e),
                    EnumSet.noneOf(Capability.class), null);
        }
    }

    /** Describes one provider instance (for providers obtained another way, such as an OSGi service). */
    public static Found describe(TransportProvider tp) {
        Optional<String> reason;
        Set<Capability> caps;
        try {
            reason = tp.unavailableReason();
            caps = reason.isEmpty() ? tp.capabilities() : EnumSet.noneOf(Capability.class);
        } catch (RuntimeException | LinkageError e) {
            reason = Optional.of("provider failed to describe itself: " + e);
            caps = EnumSet.noneOf(Capability.class);
        }
        return new Found(tp.name(), tp.priority(), reason, caps, tp);
    }

    /**
     * Opens the first available transport among {@code names}, in that order; with no names, the available
     * transport with the highest priority.
     *
     * @throws IllegalStateException when none of them can run, with each one's reason
     */
    public static Transport prefer(String... names) {
        return prefer(discover(), names);
    }

    /** {@link #prefer(String...)} over an already discovered list. */
    public static Transport prefer(List<Found> found, String... names) {
        List<String> order = names.length > 0 ? Arrays.asList(names)
                : found.stream().map(Found::name).collect(Collectors.toList());
        StringBuilder why = new StringBuilder();
        for (String name : order) {
            Optional<Found> f = found.stream().filter(x -> x.name().equals(name)).findFirst();
            if (f.isEmpty()) {
                why.append("\n  ").append(name).append(": not found");
            } else if (!f.get().available()) {
                why.append("\n  ").append(name).append(": ").append(f.get().unavailableReason().get());
            } else {
                // A fallback (an earlier choice could not run) is worth a line; the plain choice is DEBUG.
                LOG.log(why.length() > 0 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                        "transport {0} chosen by prefer({1}){2}", name, String.join(",", order),
                        why.length() > 0 ? "; passed over:" + why : "");
                return f.get().provider().open();
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "prefer({0}): no usable transport:{1}", String.join(",", order), why);
        throw new IllegalStateException("no usable mtcp transport among " + order + ":" + why);
    }

    /**
     * Opens exactly the named transport.
     *
     * @throws IllegalStateException saying why it cannot run, or which transports exist when it is unknown
     */
    public static Transport require(String name) {
        return require(discover(), name);
    }

    /** {@link #require(String)} over an already discovered list. */
    public static Transport require(List<Found> found, String name) {
        for (Found f : found) {
            if (f.name().equals(name)) {
                if (!f.available()) {
                    LOG.log(System.Logger.Level.DEBUG, "require({0}): cannot run here: {1}", name,
                            f.unavailableReason().get());
                    throw new IllegalStateException("transport '" + name + "' cannot run here: "
                            + f.unavailableReason().get());
                }
                LOG.log(System.Logger.Level.DEBUG, "transport {0} chosen by require({0})", name);
                return f.provider().open();
            }
        }
        throw new IllegalStateException("no transport named '" + name + "'; found: "
                + found.stream().map(Found::name).collect(Collectors.joining(", ")));
    }

    /** Chooses as the system properties say ({@value #REQUIRE_PROPERTY}, then {@value #PREFER_PROPERTY}). */
    public static Transport fromSystemProperties() {
        String required = System.getProperty(REQUIRE_PROPERTY);
        if (required != null && !required.isBlank()) {
            return require(required.trim());
        }
        String preferred = System.getProperty(PREFER_PROPERTY);
        if (preferred != null && !preferred.isBlank()) {
            return prefer(Arrays.stream(preferred.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new));
        }
        return prefer();
    }
}
