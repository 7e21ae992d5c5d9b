package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mtcp.conformance.Fixture.ok;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.mtcp.LuaError;
import org.mtcp.Result;

/**
 * jqwik properties for mtcp's read loop and write index rules, each checked against a small reference
 * model written from the spec ({@link MtcpReadModel}, {@link MtcpWriteModel}). Payloads use all 256 byte
 * values. Tries are kept modest: every try opens real loopback connections.
 */
public interface MtcpProperties extends TransportConformance {

    /** One step of a read script: the peer sends bytes (then pauses), or the test calls read. */
    interface ReadStep {
    }

    /** The peer writes {@code data} in one write, then pauses. */
    record Send(byte[] data, int pauseMillis) implements ReadStep {
        @Override
        public String toString() {
            return "Send[" + data.length + " bytes, pause " + pauseMillis + " ms]";
        }
    }

    /** The test calls {@code read(fd, n, timeout)}. */
    record Read(long n, long timeoutMillis) implements ReadStep {
    }

    /** A write call's arguments. */
    record Write(long idx, long n) {
    }

    /**
     * A peer sends random chunks (sizes around the 1024 boundary included) with random pauses; between
     * them the test calls read(fd, n, timeout) with random n (≤ 0 included) and short timeouts. After the
     * peer closes, reads go on until "". Every result equals the model's: the same bytes, "" at end of
     * stream, or nil,"poll timeout" when nothing was waiting.
     */
    @Property(tries = 30)
    @AddLifecycleHook(TransportAvailableHook.class)
    default void readLoopMatchesTheModel(@ForAll("readScripts") List<ReadStep> script) {
        try (Fixture f = Fixture.open(provider())) {
            PeerControl peer = PeerControl.start(f);
            int fd = f.mtcpConnect("127.0.0.1", peer.port());
            MtcpReadModel model = new MtcpReadModel();
            boolean unsettled = false;
            int step = 0;
            for (ReadStep s : script) {
                step++;
                if (s instanceof Send) {
                    Send send = (Send) s;
                    peer.send(send.data());
                    model.deliver(send.data());
                    Peer.pause(send.pauseMillis());
                    unsettled = true;
                } else {
                    Read read = (Read) s;
                    if (unsettled) {
                        PeerControl.settle();
                        unsettled = false;
                    }
                    check(model.read(read.n()), f.mtcp.read(fd, read.n(), read.timeoutMillis()), "step " + step
                            + " " + s);
                }
            }
            peer.finish();
            PeerControl.settle();
            model.endOfStream();
            for (int i = 0; i < 100; i++) {
                byte[] expected = model.read(MtcpReadModel.CHUNK);
                check(expected, f.mtcp.read(fd, MtcpReadModel.CHUNK, 2000), "after the peer closed, read " + i);
                if (expected.length == 0) {
                    return;
                }
            }
            fail("the model never reached end of stream");
        }
    }

    /**
     * Random (idx, n) pairs on random strings (empty, negatives and out-of-range values, extremes) against
     * the model of the index rules: the raised error, the returned failure, or the count — and, over the
     * whole run, exactly the model's bytes on the wire, in order (as a plain java.net peer receives them).
     */
    @Property(tries = 30)
    @AddLifecycleHook(TransportAvailableHook.class)
    default void writeIndexRulesMatchTheModel(@ForAll("strings") byte[] s, @ForAll("writes") List<Write> writes) {
        try (Fixture f = Fixture.open(provider())) {
            AtomicReference<byte[]> wire = new AtomicReference<>();
            Peer peer = f.track(Peer.listen("127.0.0.1")).serve(p -> wire.set(Peer.readAll(p)));
            int fd = f.mtcpConnect("127.0.0.1", peer.port());
            ByteArrayOutputStream expectedWire = new ByteArrayOutputStream();
            for (Write w : writes) {
                MtcpWriteModel.Outcome expected = MtcpWriteModel.write(s, w.idx(), w.n());
                String label = "write(fd, <" + s.length + " bytes>, " + w.idx() + ", " + w.n() + ") " + expected;
                if (expected.raised() != null) {
                    LuaError e = assertThrows(LuaError.class, () -> f.mtcp.write(fd, s, w.idx(), w.n()),
                            label);
                    assertEquals(expected.raised(), e.getMessage(), label);
                    continue;
                }
                Result<Long> r = f.mtcp.write(fd, s, w.idx(), w.n());
                if (expected.failure() != null) {
                    assertEquals(expected.failure(), r.error(), label);
                } else {
                    assertEquals((long) expected.sent().length, ok(r), label);
                    expectedWire.writeBytes(expected.sent());
                }
            }
            ok(f.mtcp.close(fd));
            peer.await();
            assertArrayEquals(expectedWire.toByteArray(), wire.get(), "bytes on the wire");
        }
    }

    private static void check(byte[] expected, Result<byte[]> actual, String label) {
        if (expected == null) {
            assertEquals("poll timeout", actual.error(), label + ": nothing was waiting");
            return;
        }
        assertTrue(actual.isOk(), () -> label + ": expected " + expected.length + " bytes, got " + actual);
        assertNotNull(actual.value(), label);
        assertArrayEquals(expected, actual.value(), () -> label + ": expected " + expected.length
                + " bytes, got " + actual.value().length);
    }

    // ---- generators ----------------------------------------------------------------------------------

    @Provide
    default Arbitrary<List<ReadStep>> readScripts() {
        // Whole multiples of 1024 matter most: they are where a read loop has to wait for more.
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1, 3000)),
                Tuple.of(1, Arbitraries.of(1, 1023, 1025, 2047, 2049)),
                Tuple.of(2, Arbitraries.of(1024, 2048, 3072)));
        Arbitrary<byte[]> chunks = sizes.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
        Arbitrary<ReadStep> send = Combinators.combine(chunks, Arbitraries.integers().between(0, 15)).as(Send::new);
        Arbitrary<Long> ns = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-2, 5000)),
                Tuple.of(1, Arbitraries.of(0L, 1L, 1024L, 1025L, 2048L, 4096L)));
        Arbitrary<ReadStep> read = Combinators.combine(ns, Arbitraries.of(0L, 1L, 5L, 20L)).as(Read::new);
        return Arbitraries.frequencyOf(
                Tuple.of(2, send),
                Tuple.of(3, read)).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    default Arbitrary<byte[]> strings() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(20);
    }

    @Provide
    default Arbitrary<List<Write>> writes() {
        Arbitrary<Long> small = Arbitraries.longs().between(-25, 25);
        Arbitrary<Long> extreme = Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L << 32, 1L << 32,
                Long.MAX_VALUE - 1, Long.MAX_VALUE);
        Arbitrary<Long> any = Arbitraries.frequencyOf(Tuple.of(9, small),
                Tuple.of(1, extreme));
        return Combinators.combine(any, any).as(Write::new).list().ofMinSize(1).ofMaxSize(8);
    }
}
