package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColourTest {
    @Test
    void autoColoursOnlyATerminalWithoutNoColor() {
        assertTrue(Colour.of(Colour.Mode.AUTO, Map.of(), true).enabled());
        assertFalse(Colour.of(Colour.Mode.AUTO, Map.of(), false).enabled());
        assertFalse(Colour.of(Colour.Mode.AUTO, Map.of("NO_COLOR", "1"), true).enabled());
        // no-color.org: only a non-empty NO_COLOR counts.
        assertTrue(Colour.of(Colour.Mode.AUTO, Map.of("NO_COLOR", ""), true).enabled());
    }

    @Test
    void explicitModesWin() {
        assertTrue(Colour.of(Colour.Mode.ALWAYS, Map.of("NO_COLOR", "1"), false).enabled());
        assertFalse(Colour.of(Colour.Mode.NEVER, Map.of(), true).enabled());
    }

    @Test
    void disabledColourWritesPlainText() {
        Colour off = Colour.of(Colour.Mode.NEVER, Map.of(), true);
        assertEquals("ok", off.green("ok"));
        assertEquals("FAIL", off.red("FAIL"));
        Colour on = Colour.of(Colour.Mode.ALWAYS, Map.of(), false);
        assertEquals("\u001b[32mok\u001b[0m", on.green("ok"));
        assertEquals("\u001b[31mFAIL\u001b[0m", on.red("FAIL"));
    }

    @Test
    void theLaunchersTerminalVerdictIsTrusted() {
        String old = System.getProperty(Colour.TTY_PROPERTY);
        try {
            System.setProperty(Colour.TTY_PROPERTY, "false");
            assertFalse(Colour.stdoutIsTerminal());
            System.setProperty(Colour.TTY_PROPERTY, "true");
            assertTrue(Colour.stdoutIsTerminal());
        } finally {
            if (old == null) {
                System.clearProperty(Colour.TTY_PROPERTY);
            } else {
                System.setProperty(Colour.TTY_PROPERTY, old);
            }
        }
    }
}
