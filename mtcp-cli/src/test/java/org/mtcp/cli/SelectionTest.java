package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Capability;

/** Ordering and filtering of discovery results (records only: nothing here opens a transport). */
class SelectionTest {
    private static Transports.Found found(String name, int priority, String unavailable) {
        return new Transports.Found(name, priority, Optional.ofNullable(unavailable), EnumSet.noneOf(Capability.class),
                null);
    }

    private static final List<Transports.Found> FOUND = List.of(found("ffm", 30, null), found("nio", 20, null),
            found("blocking", 10, "switched off"));

    private static List<String> names(List<Transports.Found> l) {
        return l.stream().map(Transports.Found::name).collect(Collectors.toList());
    }

    @Test
    void preferenceComesFirstThenPriority() {
        assertEquals(List.of("ffm", "nio", "blocking"), names(Selection.ordered(FOUND, List.of())));
        assertEquals(List.of("blocking", "nio", "ffm"),
                names(Selection.ordered(FOUND, List.of("blocking", "nio", "unknown", "nio"))));
    }

    @Test
    void requiredNamesMustExistAndRun() {
        assertEquals(List.of("nio", "ffm"), names(Selection.required(FOUND, List.of("nio", "ffm", "nio"))));
        CliException off = assertThrows(CliException.class, () -> Selection.required(FOUND, List.of("blocking")));
        assertEquals("transport 'blocking' cannot run here: switched off", off.getMessage());
        assertEquals(Main.NO_TRANSPORT, off.exitCode());
        CliException unknown = assertThrows(CliException.class, () -> Selection.required(FOUND, List.of("x")));
        assertEquals("no transport named 'x'; found: ffm, nio, blocking", unknown.getMessage());
    }

    @Test
    void noneUsableSaysWhy() {
        assertTrue(Selection.noneUsable(List.of()).contains("no module on the module path provides"));
        assertTrue(Selection.noneUsable(List.of(found("blocking", 10, "switched off")))
                .contains("blocking: switched off"));
    }
}
