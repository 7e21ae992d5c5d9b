package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Peer} the test drives step by step: each {@link #send} returns once the peer has written the
 * bytes (TCP_NODELAY, one write each), {@link #finish} closes its end (FIN), {@link #reset} resets it (RST).
 * With {@link #settle()} after a step, the test knows exactly what waits in its own kernel buffer.
 */
final class PeerControl {
    private static final Object FIN = new Object();
    private static final Object RST = new Object();
    /**
     * Loopback hands the bytes to the receiving socket inside the sender's write call; this pause only
     * covers a deferred network soft interrupt on a loaded machine.
     */
    private static final long SETTLE_MILLIS = 30;

    private final Peer peer;
    private final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> acks = new LinkedBlockingQueue<>();

    private PeerControl(Fixture f) {
        this.peer = f.track(Peer.listen("127.0.0.1"));
        peer.serve(s -> {
            s.setTcpNoDelay(true);
            while (true) {
                Object c = commands.poll(15, TimeUnit.SECONDS);
                if (c == null || c == FIN) {
                    return;
                }
                if (c == RST) {
                    Peer.reset(s);
                    return;
                }
                Peer.send(s, (byte[]) c);
                acks.put(c);
            }
        });
    }

    /** A peer on 127.0.0.1 waiting for commands, closed with the fixture. */
    static PeerControl start(Fixture f) {
        return new PeerControl(f);
    }

    /** The port to connect to. */
    int port() {
        return peer.port();
    }

    /** The peer writes {@code data}; returns once it has. */
    void send(byte[] data) {
        commands.add(data.clone());
        try {
            if (acks.poll(10, TimeUnit.SECONDS) == null) {
                fail("the peer did not send within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** The peer closes its end normally; returns once it has. */
    void finish() {
        commands.add(FIN);
        peer.await();
    }

    /** The peer resets the connection; returns once it has. */
    void reset() {
        commands.add(RST);
        peer.await();
    }

    /** Lets what the peer did reach this side's kernel buffer. */
    static void settle() {
        Peer.pause(SETTLE_MILLIS);
    }
}
