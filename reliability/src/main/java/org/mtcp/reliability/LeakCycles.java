package org.mtcp.reliability;

import java.util.Map;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/**
 * The leak driver: open/close cycles of every kind through both APIs — a listener opened and closed, an
 * accept that times out, a refused connect (both APIs), a connection accepted and used, a receive that
 * times out, a peer reset (linger 0), an mtcp connection — plus sockets dropped without close for the
 * Cleaner. Levels are read at rest before and after: open descriptors ({@code /proc/self/fd}), native
 * memory (NMT "Other") and resident memory.
 */
public final class LeakCycles {
    /** What a run did and the levels before and after. */
    public record Report(String transport, int cycles, long millis, long fds0, long fds1, long nativeKb0,
            long nativeKb1, long rssKb0, long rssKb1, long refused, long timeouts, long resets, long accepts,
            long dropped) {
        @Override
        public String toString() {
            return String.format("leak %s: %d cycles in %d ms (%d refused connects, %d timeouts, %d resets, %d"
                    + " accepts, %d sockets left to the Cleaner); open fds %d -> %d; native (NMT Other) %s;"
                    + " VmRSS %d -> %d kB (%+d kB)", transport, cycles, millis, refused, timeouts, resets, accepts,
                    dropped, fds0, fds1, nativeKb0 < 0 ? "not tracked (run with -XX:NativeMemoryTracking=summary)"
                            : String.format("%d -> %d kB (%+d kB)", nativeKb0, nativeKb1, nativeKb1 - nativeKb0),
                    rssKb0, rssKb1, rssKb1 - rssKb0);
        }

        /** Whether descriptors came back exactly and native memory within {@code slackKb}. */
        public boolean levelsReturned(long slackKb) {
            return fds1 == fds0 && (nativeKb0 < 0 || nativeKb1 - nativeKb0 <= slackKb);
        }
    }

    private final Transport t;
    private final LuaSocket socket;
    private final Mtcp mtcp;
    private final Tcp listener;
    private final int port;
    private final int deadPort;
    private final Tcp portHolder;
    private long refused;
    private long timeouts;
    private long resets;
    private long accepts;
    private long dropped;

    private LeakCycles(Transport t) {
        this.t = t;
        this.socket = LuaSocket.on(t);
        this.mtcp = Mtcp.on(t);
        this.listener = socket.bind("127.0.0.1", 0, 128).orThrow();
        this.port = listener.getsockname().orThrow().port();
        // A port nobody listens on, held by a bound socket that never listens: connects to it are refused,
        // and no ephemeral bind of the run can take it.
        this.portHolder = socket.tcp4().orThrow();
        portHolder.bind("127.0.0.1", 0).orThrow();
        this.deadPort = portHolder.getsockname().orThrow().port();
    }

    /**
     * Runs {@code cycles} cycles after a warm-up of {@code cycles / 10} (at most 2,000), reading levels at
     * rest around them.
     */
    public static Report run(Transport t, int cycles) {
        return run(t, cycles, Long.MAX_VALUE);
    }

    /**
     * As {@link #run(Transport, int)}, but starts no cycle once {@link System#nanoTime()} has passed
     * {@code deadlineNanos}; the report's {@code cycles} says how many ran.
     */
    public static Report run(Transport t, int cycles, long deadlineNanos) {
        LeakCycles l = new LeakCycles(t);
        try {
            for (int i = 0; i < Math.min(2_000, Math.max(100, cycles / 10)); i++) {
                l.cycle(i);
            }
            l.refused = l.timeouts = l.resets = l.accepts = l.dropped = 0;
            Proc.settle();
            long fds0 = Proc.openFds();
            long native0 = Proc.nativeOtherKb();
            long rss0 = Proc.rssKb();
            long t0 = System.nanoTime();
            int ran = 0;
            for (; ran < cycles; ran++) {
                if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                    break;
                }
                l.cycle(ran);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // The dropped sockets are closed by the Cleaner once collected: give it a few rounds.
            long fds1 = Long.MAX_VALUE;
            for (int k = 0; k < 20 && fds1 > fds0; k++) {
                Proc.settle();
                fds1 = Proc.openFds();
            }
            return new Report(t.name(), ran, millis, fds0, fds1, native0, Proc.nativeOtherKb(), rss0,
                    Proc.rssKb(), l.refused, l.timeouts, l.resets, l.accepts, l.dropped);
        } finally {
            l.listener.close();
            l.portHolder.close();
        }
    }

    private void cycle(int i) {
        switch (i % 8) {
            case 0: { // a listener opened and closed; an accept that times out
                Tcp s = socket.bind("127.0.0.1", 0).orThrow();
                s.settimeout(0);
                expect(s.accept(), "timeout");
                timeouts++;
                s.close();
                break;
            }
            case 1: { // refused connects, both APIs
                expect(socket.connect("127.0.0.1", deadPort), "connection refused");
                Result<FdAddress> r = mtcp.connect("127.0.0.1", Integer.toString(deadPort));
                expect(r, "connect error: -1  111");
                refused += 2;
                break;
            }
            case 2:
            case 5: { // accepted and used; a receive that times out
                Tcp c = socket.connect("127.0.0.1", port).orThrow();
                listener.settimeout(10);
                Tcp a = listener.accept().orThrow();
                accepts++;
                c.send("ping\n");
                Received r = a.receive();
                ReliabilityFailure.check(r.isOk() && r.string().equals("ping"), "receive gave " + r);
                a.settimeout(0);
                Received none = a.receive(1);
                ReliabilityFailure.check(!none.isOk() && "timeout".equals(none.error()), "receive gave " + none);
                timeouts++;
                c.close();
                a.close();
                break;
            }
            case 3: { // the peer resets
                Tcp c = socket.connect("127.0.0.1", port).orThrow();
                listener.settimeout(10);
                Tcp a = listener.accept().orThrow();
                accepts++;
                a.setoption("linger", Map.of("on", Boolean.TRUE, "timeout", 0));
                a.close();
                c.settimeout(10);
                Received r = c.receive();
                ReliabilityFailure.check(!r.isOk() && "closed".equals(r.error()), "receive after a reset gave " + r);
                resets++;
                c.close();
                break;
            }
            case 4: { // mtcp: connect, accept through mtcp on the same listener, write, read, close
                int c = mtcp.connect("127.0.0.1", Integer.toString(port)).orThrow().fd();
                int a = mtcp.accept(listener.getfd()).orThrow().fd();
                accepts++;
                mtcp.write(c, "x").orThrow();
                Result<byte[]> r = mtcp.read(a, 1, 10_000);
                ReliabilityFailure.check(r.isOk() && r.value().length == 1, "mtcp read gave " + r);
                Result<byte[]> none = mtcp.read(a, 1, 0);
                expect(none, "poll timeout");
                timeouts++;
                mtcp.close(c);
                mtcp.close(a);
                break;
            }
            case 6: { // dropped without close: the Cleaner closes it
                Result<Tcp> r = socket.tcp4();
                r.orThrow().bind("127.0.0.1", 0).orThrow();
                dropped++;
                break;
            }
            default: { // a master that connects and is closed mid-way through its life
                Tcp m = socket.tcp();
                m.connect("127.0.0.1", port).orThrow();
                listener.settimeout(10);
                listener.accept().orThrow().close();
                accepts++;
                m.close();
            }
        }
    }

    private static void expect(Result<?> r, String error) {
        ReliabilityFailure.check(!r.isOk() && error.equals(r.error()), "expected '" + error + "', got " + r);
    }
}
