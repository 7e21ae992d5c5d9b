package org.mtcp.bench;

import java.util.Arrays;

/** The bytes the workloads send: fixed, so every subject moves exactly the same data. */
final class Payloads {
    /** Bulk write size: 64 KiB. */
    static final int CHUNK = 64 * 1024;
    /** Line length including its LF. */
    static final int LINE = 100;
    /** Idle connections in the select workload. */
    static final int IDLE = 10_000;

    private Payloads() {
    }

    /** {@code size} bytes of 'x'. */
    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** As many whole 100-byte lines (99 characters and an LF) as fit in 64 KiB. */
    static byte[] lineBlock() {
        int lines = CHUNK / LINE;
        byte[] b = new byte[lines * LINE];
        for (int i = 0; i < lines; i++) {
            Arrays.fill(b, i * LINE, i * LINE + LINE - 1, (byte) ('a' + i % 26));
            b[i * LINE + LINE - 1] = '\n';
        }
        return b;
    }

    /** The port in a raw sockaddr_in/sockaddr_in6 (network order at bytes 2 and 3). */
    static int port(byte[] sockaddr) {
        return ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
    }
}
