package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Timing helpers for the LuaSocket timeout items (behaviour.md section d): a peer script that sends one
 * byte on a fixed schedule, started by the client, and elapsed-time checks with the generous tolerances a
 * loaded 2-core machine needs.
 */
public final class Paced {
    /** What the client sends to start the peer's clock, right before it starts the call under test. */
    public static final byte[] GO = Bytes.of("g");

    private Paced() {
    }

    /**
     * A peer script: waits for {@link #GO}, then sends one {@code "x"} at {@code interval}, 2 × interval,
     * ... ({@code count} bytes, on an absolute schedule so pauses do not drift), then keeps the connection
     * open until the client closes it.
     */
    public static Peer.Script bytes(int count, long intervalMillis) {
        return s -> {
            Peer.readExactly(s, GO.length);
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                sleepUntil(t0 + i * intervalMillis * 1_000_000L);
                Peer.send(s, "x");
            }
            holdOpen(s);
        };
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code deadline}. */
    public static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Peer.pause(Math.max(1, left / 1_000_000L));
        }
    }

    /** Keeps the connection open until the client closes it (or the peer's read timeout ends it). */
    public static void holdOpen(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // Discard: the test only needs the connection to stay up.
            }
        } catch (IOException closedOrTimedOut) {
            // The test is over.
        }
    }

    /** Seconds since {@code startNanos}. */
    public static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Asserts an elapsed time of about {@code expected} seconds: not less than {@code expected − 0.1} and
     * not more than {@code expected + 1.5} (the machine may be loaded; the lower bound is what matters).
     */
    public static void assertAbout(double expected, double elapsed, String what) {
        assertTrue(elapsed >= expected - 0.1 && elapsed <= expected + 1.5,
                () -> what + ": expected ≈" + expected + " s, took " + elapsed + " s");
    }
}
