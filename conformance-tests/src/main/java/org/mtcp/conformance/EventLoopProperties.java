package org.mtcp.conformance;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mtcp.spi.TransportProvider;

/**
 * Event loops as LuaSocket programs write them (checklist items E5 and E6): random schedules of
 * {@code connect}, {@code accept}, {@code send}, {@code receive(n)}, {@code receive("*a")},
 * {@code shutdown("send")}, {@code close} and {@code socket.select} over a listener and several
 * connections, every object with {@code settimeout(0)}, each step checked against {@link EventLoopWorld}'s
 * model of a kernel socket. E5 runs on the transport under test alone; E6 on every (server, client) pair
 * of it and its {@link #peers()}, both ways (in {@code mtcp check}, the cross-pair rows). At the end of a chain every byte sent must have arrived.
 * A failing chain shrinks to the shortest schedule that still fails.
 */
public interface EventLoopProperties extends TransportConformance {

    @Property(tries = 25)
    default void E5_eventLoopSchedulesFollowTheKernelSocketModel(
            @ForAll("sameTransportLoops") ActionChain<EventLoopWorld> chain) {
        runToTheEnd(chain);
    }

    @Property(tries = 12)
    default void E6_eventLoopSchedulesAcrossTransportPairsFollowTheModel(
            @ForAll("crossTransportLoops") ActionChain<EventLoopWorld> chain) {
        runToTheEnd(chain);
    }

    private static void runToTheEnd(ActionChain<EventLoopWorld> chain) {
        try {
            chain.run().drain();
        } finally {
            for (EventLoopWorld w : new ArrayList<>(EventLoopWorld.OPEN)) {
                w.close();
            }
        }
    }

    @Provide
    default Arbitrary<ActionChain<EventLoopWorld>> sameTransportLoops() {
        TransportProvider p = provider();
        return loops(p, p);
    }

    @Provide
    default Arbitrary<ActionChain<EventLoopWorld>> crossTransportLoops() {
        // Server on the transport under test and clients on each peer, and the other way round (as the
        // interop tests pair them: a run whose only peer is the transport itself pairs it with itself).
        List<TransportProvider[]> pairs = new ArrayList<>();
        TransportProvider p = provider();
        for (TransportProvider q : peers()) {
            if (q.unavailableReason().isPresent()) {
                continue; // the interop tests report it
            }
            pairs.add(new TransportProvider[] {p, q});
            if (!q.name().equals(p.name())) {
                pairs.add(new TransportProvider[] {q, p});
            }
        }
        return Arbitraries.of(pairs).flatMap(pair -> loops(pair[0], pair[1]));
    }

    /** Chains over a world with the listener on {@code serverSide} and the clients on {@code clientSide}. */
    private static Arbitrary<ActionChain<EventLoopWorld>> loops(TransportProvider serverSide,
            TransportProvider clientSide) {
        return ActionChain.<EventLoopWorld>startWith(() -> {
            EventLoopWorld w = EventLoopWorld.open(serverSide, clientSide);
            w.connect();
            return w;
        })
                .withAction(2, step(Arbitraries.just(0), (w, x) -> "connect()", (w, x) -> w.connect()))
                .withAction(3, step(Arbitraries.just(0), (w, x) -> "listener:accept()", (w, x) -> w.accept()))
                .withAction(6, step(Combinators.combine(ends(), Arbitraries.oneOf(
                                Arbitraries.integers().between(1, 3000), Arbitraries.integers().between(3000, 40_000)))
                                .as((e, n) -> new int[] {e, n}),
                        (w, a) -> "end#" + a[0] + ":send(" + a[1] + " bytes)", (w, a) -> w.send(w.pick(a[0]), a[1])))
                .withAction(5, step(Combinators.combine(ends(), Arbitraries.integers().between(1, 9000))
                                .as((e, n) -> new int[] {e, n}),
                        (w, a) -> "end#" + a[0] + ":receive(" + a[1] + ")", (w, a) -> w.receive(w.pick(a[0]), a[1])))
                .withAction(1, step(ends(), (w, e) -> "end#" + e + ":receive(\"*a\")",
                        (w, e) -> w.receiveAll(w.pick(e))))
                .withAction(1, step(ends(), (w, e) -> "end#" + e + ":shutdown(\"send\")",
                        (w, e) -> w.shutdownSend(w.pick(e))))
                .withAction(1, step(ends(), (w, e) -> "end#" + e + ":close()", (w, e) -> w.close(w.pick(e))))
                .withAction(5, step(Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 255),
                                Arbitraries.integers().between(0, 255), Arbitraries.of(true, false))
                                .as((server, r, wr, l) -> new Object[] {server, r, wr, l}),
                        (w, a) -> "select(" + ((Boolean) a[0] ? "server" : "client") + " side, read mask " + a[1]
                                + ", write mask " + a[2] + ((Boolean) a[3] ? ", listener" : "") + ")",
                        (w, a) -> w.select((Boolean) a[0], (Integer) a[1], (Integer) a[2], (Boolean) a[3])))
                .withMaxTransformations(25);
    }

    private static Arbitrary<Integer> ends() {
        return Arbitraries.integers().between(0, 2 * EventLoopWorld.MAX_CONNECTIONS - 1);
    }

    /** An action whose argument is generated; the end it names is looked up when it runs (shrinking-safe). */
    private static <T> Action.Independent<EventLoopWorld> step(Arbitrary<T> args, Describe<T> describe, Step<T> step) {
        return () -> args.map(a -> Transformer.mutate(describe.text(null, a), w -> step.apply(w, a)));
    }

    /** One step of a chain. */
    @FunctionalInterface
    interface Step<T> {
        void apply(EventLoopWorld world, T arg);
    }

    /** A step's description in a failure report. */
    @FunctionalInterface
    interface Describe<T> {
        String text(EventLoopWorld world, T arg);
    }
}
