package org.mtcp.conformance;

import java.util.ArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Stateful property of LuaSocket objects (behaviour.md section b): random sequences of tcp/tcp4, bind,
 * listen, accept, connect, send, receive, shutdown, close, settimeout and setoption on masters, clients and
 * servers, each step checked against {@link LuaSocketWorld}'s model — the class each method needs (else a
 * raised {@code tcp{X} expected}), the class after the step, what a closed or socketless object returns,
 * timeouts as set. A failing chain shrinks to the shortest sequence that still fails.
 */
public interface LuaSocketStateProperties extends TransportConformance {

    @Property(tries = 15)
    default void luaSocketObjectsFollowTheStateModel(@ForAll("luaSocketChains") ActionChain<LuaSocketWorld> chain) {
        try {
            chain.withInvariant("model", LuaSocketWorld::checkInvariants).run().close();
        } finally {
            for (LuaSocketWorld w : new ArrayList<>(LuaSocketWorld.OPEN)) {
                w.close();
            }
        }
    }

    @Provide
    default Arbitrary<ActionChain<LuaSocketWorld>> luaSocketChains() {
        return ActionChain.<LuaSocketWorld>startWith(() -> {
            LuaSocketWorld w = LuaSocketWorld.open(provider());
            w.create(false);
            return w;
        })
                .withAction(1, new Create())
                .withAction(3, on("bind", Arbitraries.just(""), (w, o, x) -> w.bind(o)))
                .withAction(3, on("listen", Arbitraries.just(""), (w, o, x) -> w.listen(o)))
                .withAction(2, on("accept", Arbitraries.just(""), (w, o, x) -> w.accept(o)))
                .withAction(3, on("connect", Arbitraries.of("silent", "closed"),
                        (w, o, target) -> w.connect(o, target.equals("silent"))))
                .withAction(2, on("send", Arbitraries.just(""), (w, o, x) -> w.send(o)))
                .withAction(2, on("receive", Arbitraries.of("*l", "*a", "1", "0"),
                        (w, o, p) -> w.receive(o, p.startsWith("*") ? p : Integer.valueOf(p))))
                .withAction(1, on("shutdown", Arbitraries.of("send", "receive", "both", "default", "bogus"),
                        (w, o, m) -> w.shutdown(o, m.equals("default") ? null : m)))
                .withAction(2, on("close", Arbitraries.just(""), (w, o, x) -> w.close(o)))
                .withAction(1, on("settimeout", Combinators.combine(
                                Arbitraries.of("nil", "-1", "0", "0.5", "1.5", "-5"),
                                Arbitraries.of("default", "b", "t", "r", "block", "total", "x"))
                                .as((v, m) -> v + " " + m),
                        (w, o, vm) -> {
                            String[] p = vm.split(" ");
                            w.settimeout(o, p[0].equals("nil") ? null : Double.valueOf(p[0]),
                                    p[1].equals("default") ? null : p[1]);
                        }))
                .withAction(1, on("setoption", Combinators.combine(
                                Arbitraries.of("keepalive", "tcp-nodelay", "reuseaddr"), Arbitraries.of(true, false))
                                .as((n, v) -> n + " " + v),
                        (w, o, nv) -> {
                            String[] p = nv.split(" ");
                            w.setoption(o, p[0], Boolean.parseBoolean(p[1]));
                        }))
                .withMaxTransformations(20);
    }

    /** An action on one of the world's objects (chosen by index) with one generated argument. */
    private static Action.Dependent<LuaSocketWorld> on(String method, Arbitrary<String> args,
            Step step) {
        return world -> Combinators.combine(Arbitraries.integers().between(0, LuaSocketWorld.MAX_OBJECTS - 1), args)
                .as((index, arg) -> {
                    LuaSocketWorld.Obj target = world.pick(index);
                    String text = target.name + ":" + method + (arg.isEmpty() ? "()" : "(" + arg + ")");
                    return Transformer.mutate(text, w -> step.apply(w, w.pick(index), arg));
                });
    }

    /** One step of a chain. */
    @FunctionalInterface
    interface Step {
        void apply(LuaSocketWorld world, LuaSocketWorld.Obj target, String arg);
    }

    /** socket.tcp() or socket.tcp4(), while there is room. */
    final class Create implements Action.Independent<LuaSocketWorld> {
        @Override
        public boolean precondition(LuaSocketWorld w) {
            return w.objects.size() < LuaSocketWorld.MAX_OBJECTS;
        }

        @Override
        public Arbitrary<Transformer<LuaSocketWorld>> transformer() {
            return Arbitraries.of(true, false).map(withSocket ->
                    Transformer.mutate(withSocket ? "tcp4()" : "tcp()", w -> w.create(withSocket)));
        }
    }
}
