package org.mtcp.conformance.faults;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.mtcp.spi.Transport;

/**
 * A deliberately broken provider, and the checklist items the kit must fail because of it.
 *
 * @param name short name
 * @param what what is broken, in words
 * @param wrap for an I/O-layer fault: wraps each real transport in a misbehaving one (else null)
 * @param patch for a shared-layer fault: one source edit compiled into a test-only copy of that class,
 *     loaded ahead of the real one in an isolated class loader (else null)
 * @param areas the kit areas to run (the fault's neighbourhood, to keep the run short)
 * @param expected checklist items whose tests must fail
 */
record Fault(String name, String what, UnaryOperator<Transport> wrap, Patch patch, Set<String> areas,
        Set<String> expected) {

    /**
     * Replaces {@code from} (which must occur exactly once) by {@code to} in one source file of mtcp-spi.
     *
     * @param source the path under mtcp-spi/src/main/java, e.g. {@code org/mtcp/internal/Timeout.java}
     */
    record Patch(String source, String from, String to) {
    }

    String layer() {
        return wrap != null ? "I/O" : "shared";
    }

    @Override
    public String toString() {
        return name + " (" + layer() + ")";
    }
}
