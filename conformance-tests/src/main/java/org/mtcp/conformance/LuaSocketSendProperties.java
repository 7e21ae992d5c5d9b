package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * Properties of {@code client:send(data, i, j)} (checklist L81–L84 generalised): for random data and
 * random i, j — negatives, zero, out of range, fractions — the bytes on the wire and the returned index
 * match {@link SendIndexModel}, a reference written from the spec; and sends resumed with
 * {@code last + 1} put the whole string on the wire in order.
 */
public interface LuaSocketSendProperties extends TransportConformance {

    /** A byte written after each property's send, so that extra or missing bytes show. */
    byte MARK = 0x7f;

    /** Index values: mostly small integers around the data, some fractions, a few far out of range. */
    @Provide
    default Arbitrary<Double> sendIndex() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-30, 30).map(Integer::doubleValue),
                Arbitraries.doubles().between(-30, 30).ofScale(2),
                Arbitraries.of(0.0, -0.0, 0.5, -0.5, 0.999, -0.999, 1e9, -1e9, 2147483648.0, -2147483649.0));
    }

    /** Reads exactly {@code n} bytes from {@code t} within 5 s, failing the property otherwise. */
    static byte[] take(Tcp t, int n) {
        t.settimeout(5);
        Received r = t.receive(n);
        assertTrue(r.isOk(), () -> "receive(" + n + ") failed: " + r);
        return r.data();
    }

    @Property(tries = 50)
    default void sendIndexRulesMatchTheModel(@ForAll @Size(max = 24) byte[] data,
            @ForAll("sendIndex") double i, @ForAll("sendIndex") double j) {
        SendIndexModel expected = SendIndexModel.of(data, i, j);
        try (Fixture f = Fixture.open(provider())) {
            Fixture.Pair p = f.pair();
            Tcp c = p.client();
            c.settimeout(5);
            assertEquals(Sent.ok(expected.last()), c.send(data, i, j),
                    () -> "send(" + data.length + " bytes, " + i + ", " + j + ")");
            assertEquals(Sent.ok(1), c.send(new byte[] {MARK}));
            byte[] wire = new byte[expected.wire().length + 1];
            System.arraycopy(expected.wire(), 0, wire, 0, expected.wire().length);
            wire[wire.length - 1] = MARK;
            assertArrayEquals(wire, take(p.accepted(), wire.length),
                    () -> "bytes on the wire for send(" + data.length + " bytes, " + i + ", " + j + ")");
        }
    }

    @Property(tries = 30)
    default void sendsResumedAtLastPlusOneDeliverTheWholeString(@ForAll @Size(min = 1, max = 200) byte[] data,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 200) Integer> cuts) {
        // Cut points inside the data, ascending, ending at its length: send(data, last + 1, cut) each time.
        TreeSet<Integer> ends = new TreeSet<>();
        for (int cut : cuts) {
            ends.add(Math.min(cut, data.length));
        }
        ends.add(data.length);
        try (Fixture f = Fixture.open(provider())) {
            Fixture.Pair p = f.pair();
            Tcp c = p.client();
            c.settimeout(5);
            long last = 0;
            for (int end : ends) {
                Sent s = c.send(data, last + 1, end);
                assertEquals(Sent.ok(end), s, "send(data, " + (last + 1) + ", " + end + ")");
                last = s.last();
            }
            // A final send past the end selects nothing and reports #data.
            assertEquals(Sent.ok(data.length), c.send(data, last + 1));
            assertEquals(Sent.ok(1), c.send(new byte[] {MARK}));
            byte[] wire = Arrays.copyOf(data, data.length + 1);
            wire[data.length] = MARK;
            assertArrayEquals(wire, take(p.accepted(), wire.length));
        }
    }
}
