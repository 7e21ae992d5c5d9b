package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * Open/close cycles leave descriptors and native memory where they were; a socket dropped without close is
 * closed by the Cleaner. The short run is 5,000 cycles per transport ({@code -Dreliability.leak.cycles});
 * {@code mtcp soak} runs 100,000.
 */
class LeakTest {
    static final int CYCLES = Integer.getInteger("reliability.leak.cycles", 5_000);

    static List<Arguments> transports() {
        return Available.transports();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    @Timeout(300)
    void cyclesReturnToTheStartingLevels(String name) {
        try (Transport t = Transports.require(name)) {
            LeakCycles.Report r = LeakCycles.run(t, CYCLES);
            System.out.println(r);
            assertTrue(r.nativeKb0() >= 0, "the test JVM runs with NMT: " + r);
            assertEquals(r.fds0(), r.fds1(), "descriptors leaked: " + r);
            assertTrue(r.levelsReturned(256), r.toString());
            // RSS also moves with the heap and the JIT: only a large growth means a leak.
            assertTrue(r.rssKb1() - r.rssKb0() <= 64 * 1024, r.toString());
            assertTrue(r.refused() > 0 && r.resets() > 0 && r.timeouts() > 0 && r.accepts() > 0, r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    @Timeout(60)
    void theCleanerClosesDroppedSockets(String name) {
        try (Transport t = Transports.require(name)) {
            LuaSocket socket = LuaSocket.on(t);
            Proc.settle();
            long before = Proc.openFds();
            List<Tcp> held = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Tcp s = socket.tcp4().orThrow();
                s.bind("127.0.0.1", 0).orThrow();
                held.add(s);
            }
            // Every transport here holds a kernel socket per object (java.net and NIO do too).
            assertTrue(Proc.openFds() >= before + 100, "100 sockets hold descriptors");
            held.clear();
            long after = Long.MAX_VALUE;
            for (int k = 0; k < 30 && after > before; k++) {
                Proc.settle();
                after = Proc.openFds();
            }
            assertEquals(before, after, "the Cleaner closed every dropped socket");
        }
    }
}
