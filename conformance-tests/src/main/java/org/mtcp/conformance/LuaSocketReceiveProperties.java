package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;

/**
 * Property: random byte streams (every byte value, LF and CR made frequent), delivered by a peer in random
 * chunks with short random pauses and then closed, read with random sequences of {@code receive("*l")},
 * {@code receive("*a")} and {@code receive(n)} with random prefixes, give exactly what {@link ReceiveModel}
 * (behaviour.md section e) predicts, partial results included.
 */
public interface LuaSocketReceiveProperties extends TransportConformance {

    /** One receive call: the pattern, the count for COUNT, and the prefix (null: none given). */
    record Call(ReceiveModel.Kind kind, int count, byte[] prefix) {
        Object pattern() {
            switch (kind) {
                case LINE: return "*l";
                case ALL: return "*a";
                default: return count;
            }
        }

        @Override
        public String toString() {
            String p = kind == ReceiveModel.Kind.COUNT ? String.valueOf(count) : "\"" + pattern() + "\"";
            return "receive(" + p + (prefix == null ? "" : ", " + ReceiveModel.show(prefix)) + ")";
        }
    }

    /** A stream, how the peer cuts and paces it, and the calls that read it. */
    record Scenario(byte[] stream, List<Integer> chunks, List<Integer> pausesMillis, List<Call> calls) {
        @Override
        public String toString() {
            return "stream " + ReceiveModel.show(stream) + ", chunks " + chunks + ", pauses " + pausesMillis
                    + ", calls " + calls;
        }
    }

    /** Generates {@link Scenario}s. */
    class Scenarios implements ArbitrarySupplier<Scenario> {
        @Override
        public Arbitrary<Scenario> get() {
            Arbitrary<Byte> oneByte = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.of((byte) '\n', (byte) '\r')),
                    Tuple.of(10, Arbitraries.bytes()));
            Arbitrary<byte[]> stream = oneByte.list().ofMaxSize(12_000)
                    .withSizeDistribution(RandomDistribution.uniform()).map(LuaSocketReceiveProperties::toArray);
            Arbitrary<List<Integer>> chunks = Arbitraries.integers().between(1, 5000).list().ofMinSize(1).ofMaxSize(8);
            Arbitrary<List<Integer>> pauses = Arbitraries.integers().between(0, 25).list().ofMaxSize(6);
            Arbitrary<byte[]> prefix = Arbitraries.bytes().list().ofMaxSize(12).map(LuaSocketReceiveProperties::toArray);
            Arbitrary<byte[]> maybePrefix = Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just((byte[]) null)),
                    Tuple.of(2, prefix));
            Arbitrary<ReceiveModel.Kind> kind = Arbitraries.frequencyOf(
                    Tuple.of(5, Arbitraries.just(ReceiveModel.Kind.LINE)),
                    Tuple.of(1, Arbitraries.just(ReceiveModel.Kind.ALL)),
                    Tuple.of(6, Arbitraries.just(ReceiveModel.Kind.COUNT)));
            Arbitrary<Integer> count = Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.integers().between(0, 20)),
                    Tuple.of(2, Arbitraries.integers().between(0, 10_000)));
            Arbitrary<Call> call = Combinators.combine(kind, count, maybePrefix).as(Call::new);
            return Combinators.combine(stream, chunks, pauses, call.list().ofMinSize(1).ofMaxSize(10))
                    .as(Scenario::new);
        }
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] b = new byte[bytes.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = bytes.get(i);
        }
        return b;
    }

    /** The peer: the stream in chunks (cycling through the sizes), pausing after the first writes, then FIN. */
    static Peer.Script deliver(Scenario s) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            int pos = 0;
            for (int k = 0; pos < s.stream().length; k++) {
                int n = Math.min(s.chunks().get(k % s.chunks().size()), s.stream().length - pos);
                out.write(s.stream(), pos, n);
                out.flush();
                pos += n;
                if (k < s.pausesMillis().size()) {
                    Peer.pause(s.pausesMillis().get(k));
                }
            }
            socket.shutdownOutput();
            Paced.holdOpen(socket);
        };
    }

    @Property(tries = 20)
    default void receiveReturnsWhatTheModelPredicts(@ForAll(supplier = Scenarios.class) Scenario s) {
        try (Fixture f = Fixture.open(provider())) {
            Peer peer = f.track(Peer.listen("127.0.0.1").serve(deliver(s)));
            Tcp c = f.clientTo(peer);
            c.settimeout(10);
            ReceiveModel model = new ReceiveModel(s.stream());
            for (int i = 0; i < s.calls().size(); i++) {
                Call call = s.calls().get(i);
                byte[] prefix = call.prefix() == null ? new byte[0] : call.prefix();
                ReceiveModel.Outcome want = model.receive(call.kind(), call.count(), prefix);
                Received got = call.prefix() == null ? c.receive(call.pattern()) : c.receive(call.pattern(), prefix);
                String what = "call " + (i + 1) + " " + call + ": expected " + want + ", got " + got;
                assertEquals(want.ok(), got.isOk(), what);
                assertEquals(want.error(), got.error(), what);
                assertTrue(ReceiveModel.same(want.data(), want.ok() ? got.data() : got.partial()), what);
            }
        }
    }
}
