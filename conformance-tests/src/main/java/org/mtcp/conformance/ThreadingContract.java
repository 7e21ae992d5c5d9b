package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * What a Java user expects of threads (the foundation's promise; checklist items T1–T5): a reader and a
 * writer may work on one object at once, and a close from another thread ends a blocked call with
 * {@code "closed"}.
 */
public interface ThreadingContract extends TransportConformance {

    /** Runs a task on a fresh daemon thread: the common pool may have a single thread on 2 cores. */
    static void spawn(Runnable task) {
        Thread t = new Thread(task, "mtcp-conformance-worker");
        t.setDaemon(true);
        t.start();
    }

    @Test
    default void T1_closeFromAnotherThreadWakesABlockedReceive(Fixture f) throws Exception {
        Fixture.Pair p = f.pair();
        CompletableFuture<Received> blocked = CompletableFuture.supplyAsync(() -> p.client().receive("*a"), ThreadingContract::spawn);
        Peer.pause(300);
        long t0 = System.nanoTime();
        p.client().close();
        Received r = blocked.get(5, TimeUnit.SECONDS);
        assertEquals("closed", r.error());
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "woke within 3 s");
    }

    @Test
    default void T2_closeFromAnotherThreadWakesABlockedAccept(Fixture f) throws Exception {
        Tcp server = f.server();
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> server.accept().error(), ThreadingContract::spawn);
        Peer.pause(300);
        server.close();
        assertEquals("closed", blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    default void T3_oneReaderAndOneWriterAtOnce(Fixture f) throws Exception {
        Fixture.Pair p = f.pair();
        byte[] data = Bytes.random(new Random(7), 4 << 20);
        p.client().settimeout(20);
        p.accepted().settimeout(20);
        // The accepted side echoes in its own thread while the client sends and receives concurrently.
        CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
            while (true) {
                Received r = p.accepted().receive(65536);
                byte[] chunk = r.isOk() ? r.data() : r.partial();
                if (chunk.length > 0 && !p.accepted().send(chunk).isOk()) {
                    return;
                }
                if (!r.isOk()) {
                    return;
                }
            }
        }, ThreadingContract::spawn);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            Received r = p.client().receive(data.length);
            return r.isOk() ? r.data() : r.partial();
        }, ThreadingContract::spawn);
        Sent s = p.client().send(data);
        assertTrue(s.isOk(), () -> "send: " + s);
        assertArrayEquals(data, reader.get(30, TimeUnit.SECONDS));
        p.client().close();
        echo.get(30, TimeUnit.SECONDS);
    }

    @Test
    default void T4_anUnreferencedObjectIsClosedByTheCleaner(Fixture f) throws Exception {
        Tcp server = f.server();
        server.settimeout(5);
        f.socket.connect("127.0.0.1", Fixture.port(server)).value(); // dropped at once
        Tcp accepted = f.track(ok(server.accept()));
        accepted.settimeout(0.2);
        Received r = accepted.receive("*a");
        for (int i = 0; i < 50 && "timeout".equals(r.error()); i++) {
            System.gc();
            r = accepted.receive("*a");
        }
        assertEquals("closed", r.error(), "the peer saw the dropped client closed");
    }

    /** Closing deregisters from the Cleaner; a descriptor given to the object later is guarded again. */
    @Test
    default void T5_aClosedObjectGivenANewDescriptorIsClosedByTheCleanerAgain(Fixture f) throws Exception {
        Tcp server = f.server();
        server.settimeout(5);
        Tcp client = ok(f.socket.connect("127.0.0.1", Fixture.port(server)));
        Tcp accepted = f.track(ok(server.accept()));
        Tcp holder = f.socket.tcp();
        holder.close();
        holder.setfd(client.getfd());
        client.setfd(-1); // only the holder has the descriptor now
        holder = null; // dropped
        accepted.settimeout(0.2);
        Received r = accepted.receive("*a");
        for (int i = 0; i < 50 && "timeout".equals(r.error()); i++) {
            System.gc();
            r = accepted.receive("*a");
        }
        assertEquals("closed", r.error(), "the peer saw the dropped holder's descriptor closed");
    }
}
