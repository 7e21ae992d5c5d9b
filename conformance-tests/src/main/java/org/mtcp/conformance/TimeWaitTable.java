package org.mtcp.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Linux's TIME_WAIT table is (nearly) full. When it is, the kernel closes an actively closed
 * connection at once instead of keeping a TIME_WAIT, so a port that "must still be held" is free: a
 * machine that has just run tens of thousands of connections a second is in that state for a minute.
 */
final class TimeWaitTable {
    private TimeWaitTable() {
    }

    /** True when the TIME_WAIT count is within 1% of {@code tcp_max_tw_buckets}; false if unknown. */
    static boolean full() {
        try {
            long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_max_tw_buckets")).get(0).trim());
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                if (line.startsWith("TCP:")) {
                    String[] f = line.trim().split("\\s+");
                    for (int i = 1; i + 1 < f.length; i++) {
                        if (f[i].equals("tw")) {
                            return Long.parseLong(f[i + 1]) >= max - max / 100;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
