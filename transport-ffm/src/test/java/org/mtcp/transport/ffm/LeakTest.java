package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.SECOND;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Family;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * Open/close cycles must not grow native memory or leak descriptors. Native memory is measured twice: Native
 * Memory Tracking's count of Unsafe allocations (where native segments come from) and the process RSS.
 *
 * <p>{@code -Dffm.leak.cycles=N} sets the cycles (default 20,000; the long run is 100,000). Figures go to
 * the test output and {@code target/ffm-leak.txt}.
 */
class LeakTest {
    private static final int CYCLES = Integer.getInteger("ffm.leak.cycles", 20_000);

    private static final java.util.regex.Pattern OTHER =
            java.util.regex.Pattern.compile("Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /**
     * KB of native memory malloc'ed through {@code Unsafe} (native segments), from Native Memory Tracking's
     * "Other" category (surefire runs with {@code -XX:NativeMemoryTracking=summary}); -1 without NMT.
     * Called by reflection: the test runs inside module org.mtcp.transport.ffm, which does not read
     * java.management.
     */
    private static long nativeKb() throws Exception {
        Class<?> mf = Class.forName("java.lang.management.ManagementFactory");
        Object server = mf.getMethod("getPlatformMBeanServer").invoke(null);
        Class<?> on = Class.forName("javax.management.ObjectName");
        Object name = on.getConstructor(String.class).newInstance("com.sun.management:type=DiagnosticCommand");
        Class<?> mbs = Class.forName("javax.management.MBeanServer");
        String out = (String) mbs.getMethod("invoke", on, String.class, Object[].class, String[].class)
                .invoke(server, name, "vmNativeMemory", new Object[] {new String[] {"summary"}},
                        new String[] {String[].class.getName()});
        java.util.regex.Matcher m = OTHER.matcher(out);
        return m.find() ? Long.parseLong(m.group(2)) : -1;
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static void settle() throws InterruptedException {
        // Automatic arenas (per-thread scratch of dead threads) are freed by the GC's cleaner.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    /** One cycle: a socket set up and closed; every 10th a connection; some in a short-lived thread. */
    private static void cycle(Transport t, int listener, int port, int i) throws Exception {
        int s = t.socket(i % 2 == 0 ? Family.INET : Family.INET6);
        t.setOption(s, SocketOption.REUSEADDR, true);
        t.bind(s, Net.loopback(i % 2 == 0 ? Family.INET : Family.INET6, 0));
        t.listen(s, 4);
        t.localAddress(s);
        t.poll(new int[] {s, listener}, new int[] {Transport.POLLIN, Transport.POLLIN}, new int[2], 2, 0);
        t.close(s);
        if (i % 10 == 0) {
            int c = t.socket(Family.INET);
            t.connect(c, Net.loopback(Family.INET, port), 5 * SECOND);
            int a = t.accept(listener, 5 * SECOND);
            t.write(c, new byte[] {1, 2, 3}, 0, 3, SECOND);
            t.read(a, new byte[8], 0, 8, SECOND);
            t.read(a, new byte[8], 0, 8, 1000); // a short wait: a waker is used
            t.close(c);
            t.close(a);
        }
    }

    @Test
    void noNativeGrowthOverOpenCloseCycles() throws Exception {
        // The measure works: a native segment shows in NMT's "Other".
        long d0 = nativeKb();
        assertTrue(d0 >= 0, "run with -XX:NativeMemoryTracking=summary");
        try (Arena probe = Arena.ofConfined()) {
            probe.allocate(4 << 20);
            assertTrue(nativeKb() - d0 >= 4000, "native segments are not counted in NMT Other");
        }
        try (Transport t = Net.open()) {
            int listener = Net.listener(t, Family.INET);
            int port = Net.port(t, listener);
            for (int i = 0; i < 2_000; i++) {
                cycle(t, listener, port, i);
            }
            settle();
            long fds0 = Net.openFds();
            long direct0 = nativeKb();
            long rss0 = rssKb();
            long t0 = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                cycle(t, listener, port, i);
                if (i % 500 == 0) {
                    // A thread that makes calls and dies: its scratch memory must go with it.
                    Thread th = new Thread(() -> {
                        try {
                            cycle(t, listener, port, 1);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    th.start();
                    th.join();
                }
                if (i % 1000 == 0) {
                    // A whole transport opened and closed.
                    Transport u = Net.open();
                    int x = u.socket(Family.INET);
                    assertEquals(Transport.TIMEOUT, u.getOption(x, SocketOption.ERROR).equals(0) ? Transport.TIMEOUT : 0);
                    u.close();
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            settle();
            long fds1 = Net.openFds();
            long direct1 = nativeKb();
            long rss1 = rssKb();
            String line = String.format("ffm leak: %d cycles in %d ms; native memory (NMT Other) %d -> %d kB"
                    + " (%+d kB); VmRSS %d -> %d kB (%+d kB); open fds %d -> %d%n", CYCLES, ms, direct0, direct1,
                    direct1 - direct0, rss0, rss1, rss1 - rss0, fds0, fds1);
            System.out.print(line);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "ffm-leak.txt"), line);
            assertEquals(fds0, fds1, "descriptors leaked");
            assertTrue(direct1 - direct0 <= 256, line);
            // RSS also moves with the Java heap and the JIT: only a large growth means a leak.
            assertTrue(rss1 - rss0 <= 64 * 1024, line);
        }
    }
}
