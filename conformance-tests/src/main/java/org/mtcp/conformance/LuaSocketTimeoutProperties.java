package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.LuaSocketReceiveEdgeContract.assertFailed;
import static org.mtcp.conformance.LuaSocketReceiveEdgeContract.assertReceived;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;

/**
 * Property: random (block, total) timeout pairs against a peer that sends one byte every
 * {@value #PACE_MILLIS} ms: {@code receive(n)} succeeds or times out, with the partial bytes, at the time
 * a model of behaviour.md section (d) predicts. Pairs whose outcome hinges on less than
 * {@value #MARGIN} s are not generated, so the property holds on a loaded machine.
 */
public interface LuaSocketTimeoutProperties extends TransportConformance {
    /** The peer's pace. */
    long PACE_MILLIS = 600;
    /** How far every deadline must be from every arrival the outcome depends on, in seconds. */
    double MARGIN = 0.25;

    /**
     * What section (d) predicts for {@code receive(bytes)} when byte i arrives at i × pace after the call
     * starts and each arrives alone: {@code got} bytes, success when {@code got == bytes}, at time {@code at};
     * {@code margin} is the closest an arrival came to its deadline.
     */
    record Prediction(int got, boolean ok, double at, double margin) {
    }

    /** One case: the two limits (negative: none) and the number of bytes asked for. */
    record Case(double block, double total, int bytes) {
        /** The model of section (d). */
        Prediction predict() {
            double pace = PACE_MILLIS / 1e3;
            double prev = 0; // when the wait for the next byte starts (elapsed since the call's start)
            double margin = Double.POSITIVE_INFINITY;
            for (int i = 1; i <= bytes; i++) {
                double arrival = i * pace;
                double deadline;
                if (block < 0 && total < 0) {
                    deadline = Double.POSITIVE_INFINITY;
                } else if (block < 0) {
                    deadline = prev + Math.max(total - prev, 0);
                } else if (total < 0) {
                    deadline = prev + Math.max(block - prev, 0);
                } else {
                    deadline = prev + Math.min(block, Math.max(total - prev, 0));
                }
                margin = Math.min(margin, Math.abs(arrival - deadline));
                if (arrival >= deadline) {
                    return new Prediction(i - 1, false, deadline, margin);
                }
                prev = arrival;
            }
            return new Prediction(bytes, true, prev, margin);
        }

        @Override
        public String toString() {
            return "block " + block + ", total " + total + ", receive(" + bytes + ")";
        }
    }

    /** Generates {@link Case}s clear of the boundaries. */
    class Cases implements ArbitrarySupplier<Case> {
        @Override
        public Arbitrary<Case> get() {
            // Blocks shorter than the pace end at the first wait; longer ones are where the two readings of
            // "block" differ, so they are drawn more often.
            Arbitrary<Double> block = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(-1.0)),
                    Tuple.of(1, Arbitraries.integers().between(0, 7).map(i -> i / 20.0)),
                    Tuple.of(4, Arbitraries.integers().between(17, 40).map(i -> i / 20.0)));
            Arbitrary<Double> total = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(-1.0)),
                    Tuple.of(3, Arbitraries.integers().between(0, 44).map(i -> i / 20.0)));
            return Combinators.combine(block, total, Arbitraries.integers().between(1, 3)).as(Case::new)
                    .filter(c -> c.predict().margin() >= MARGIN);
        }
    }

    @Property(tries = 12)
    default void receiveTimesOutWhenSectionDSaysSo(@ForAll(supplier = Cases.class) Case c) {
        Prediction p = c.predict();
        Statistics.collect(c.block() < 0 ? "no block" : "block", c.total() < 0 ? "no total" : "total",
                p.ok() ? "success" : "timeout");
        try (Fixture f = Fixture.open(provider())) {
            Peer peer = f.track(Peer.listen("127.0.0.1").serve(Paced.bytes(c.bytes(), PACE_MILLIS)));
            Tcp client = f.clientTo(peer);
            client.settimeout(c.block(), "b");
            client.settimeout(c.total(), "t");
            assertTrue(client.send(Paced.GO).isOk(), "start signal");
            long t0 = System.nanoTime();
            Received r = client.receive(c.bytes());
            double took = Paced.since(t0);
            String xs = "x".repeat(p.got());
            if (p.ok()) {
                assertReceived(xs, r);
            } else {
                assertFailed("timeout", xs, r);
            }
            Paced.assertAbout(p.at(), took, c + " (predicted " + p + ")");
        }
    }
}
