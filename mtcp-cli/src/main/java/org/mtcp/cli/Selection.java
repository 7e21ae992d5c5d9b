package org.mtcp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtcp.Transports;

/** Orders and filters what discovery found, by the user's preference and explicit names. */
final class Selection {
    private Selection() {
    }

    /** {@code found} with the preferred names first, in the preferred order, then the rest by priority. */
    static List<Transports.Found> ordered(List<Transports.Found> found, List<String> prefer) {
        List<Transports.Found> out = new ArrayList<>();
        for (String name : prefer) {
            byName(found, name).filter(f -> !out.contains(f)).ifPresent(out::add);
        }
        for (Transports.Found f : found) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Exactly the named transports, each of which must be available.
     *
     * @throws CliException naming the one that is missing or cannot run, and why
     */
    static List<Transports.Found> required(List<Transports.Found> found, List<String> names) {
        List<Transports.Found> out = new ArrayList<>();
        for (String name : names) {
            Transports.Found f = byName(found, name).orElseThrow(() -> new CliException(
                    "no transport named '" + name + "'; found: " + names(found), Main.NO_TRANSPORT));
            if (!f.available()) {
                throw new CliException("transport '" + name + "' cannot run here: " + f.unavailableReason().get(),
                        Main.NO_TRANSPORT);
            }
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    static Optional<Transports.Found> byName(List<Transports.Found> found, String name) {
        return found.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static String names(List<Transports.Found> found) {
        if (found.isEmpty()) {
            return "(none)";
        }
        List<String> n = new ArrayList<>();
        found.forEach(f -> n.add(f.name()));
        return String.join(", ", n);
    }

    /** The message for a module path without any usable transport. */
    static String noneUsable(List<Transports.Found> found) {
        if (found.isEmpty()) {
            return "no mtcp transport found: no module on the module path provides org.mtcp.spi.TransportProvider"
                    + " (expected mtcp-transport-ffm, mtcp-transport-nio, mtcp-transport-blocking)";
        }
        StringBuilder sb = new StringBuilder("no mtcp transport can run here:");
        for (Transports.Found f : found) {
            sb.append("\n  ").append(f.name()).append(": ").append(f.unavailableReason().orElse("available"));
        }
        return sb.toString();
    }
}
