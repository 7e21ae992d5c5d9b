package org.mtcp.conformance.faults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mtcp.Transports;
import org.mtcp.conformance.check.KitRun;
import org.mtcp.conformance.check.Outcome;
import org.mtcp.spi.TransportProvider;

/**
 * Runs the kit's tests of a fault's areas against the blocking transport with the fault in place, in
 * whatever class loader this class was loaded by (an isolated one for shared-layer patches).
 */
public final class FaultRun {
    /** The transport every fault is seeded into. */
    static final String BASE = "blocking";

    private FaultRun() {
    }

    /**
     * The kit tests that failed, as {@code "method: first line of the reason"}.
     *
     * @param faultName a {@link Faults} name, or null for the unbroken transport
     * @param items when not null, only tests of these comma-separated items run (else the fault's areas)
     */
    public static List<String> failedTests(String faultName, String items, String workDir) {
        TransportProvider base = Transports.discover().stream().filter(f -> f.name().equals(BASE)).findFirst()
                .orElseThrow().provider();
        Fault f = faultName == null ? null : Faults.named(faultName);
        TransportProvider p = f == null || f.wrap() == null ? base : new FaultyProvider(base, f.name(), f.wrap());
        List<String> only = items == null ? null : List.of(items.split(","));
        List<Outcome> outcomes = KitRun.run(p.name(), p, List.of(p),
                t -> only != null ? t.item().map(only::contains).orElse(false) : f.areas().contains(t.area()),
                null, Path.of(workDir), Map.of("junit.jupiter.execution.timeout.default", "20 s"), List.of());
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED)
                .map(o -> o.method() + ": " + o.reason().lines().findFirst().orElse(""))
                .collect(Collectors.toList());
    }
}
