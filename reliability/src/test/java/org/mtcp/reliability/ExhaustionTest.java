package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In a child JVM with {@code ulimit -n 64}: opening sockets past the limit gives "Too many open files"
 * (LuaSocket) and errno 24 (mtcp: bind, connect, accept), and work goes on once sockets are closed.
 */
class ExhaustionTest {
    @Test
    @Timeout(180)
    void pastTheDescriptorLimitEachApiSaysSoAndRecovers() {
        Exhaustion.Outcome o = Exhaustion.run(64);
        String all = String.join("\n", o.lines());
        System.out.println(all);
        assertTrue(o.failures().isEmpty(), all);
        // Eight checks per transport, at least one transport.
        assertTrue(o.passed().size() >= 8 && o.passed().size() % 8 == 0, all);
        assertEquals(0, o.exitCode(), all);
    }
}
