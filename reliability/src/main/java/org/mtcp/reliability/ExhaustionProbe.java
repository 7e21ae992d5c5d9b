package org.mtcp.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mtcp.Result;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/**
 * Runs in a child JVM with a low descriptor limit ({@code ulimit -n 64}; see {@link Exhaustion}): for each
 * transport and API it opens sockets until the limit, checks the documented error (errno 24, "Too many open
 * files", in each API's form), also for an accept at the limit, closes everything and checks that a full
 * round trip works again. Prints one {@code OK ...} or {@code FAIL ...} line per check; exit code 0 when
 * every check passed.
 */
public final class ExhaustionProbe {
    // socket() fails with 24 on a transport with kernel sockets from the start; others fail at the first
    // call that needs one (bind for blocking, listen for nio).
    private static final Pattern MTCP_OPEN = Pattern.compile("(bind|listen|connect) error: (0|-1)  24");

    private ExhaustionProbe() {
    }

    public static void main(String[] args) {
        int failures = 0;
        System.out.println("START descriptors open at start: " + Proc.openFds());
        for (Transports.Found f : Transports.discover()) {
            if (!f.available()) {
                continue;
            }
            try (Transport t = f.provider().open()) {
                failures += luaSocket(t);
                failures += mtcp(t);
            } catch (RuntimeException e) {
                System.out.println("FAIL " + f.name() + ": " + e);
                failures++;
            }
        }
        System.out.println("END failures " + failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int report(boolean ok, String what) {
        System.out.println((ok ? "OK " : "FAIL ") + what);
        return ok ? 0 : 1;
    }

    private static int luaSocket(Transport t) {
        LuaSocket socket = LuaSocket.on(t);
        int failures = 0;
        Tcp server = socket.bind("127.0.0.1", 0).orThrow();
        int port = server.getsockname().orThrow().port();
        // A connection waiting to be accepted when no descriptor is left.
        Tcp waiting = socket.connect("127.0.0.1", port).orThrow();
        List<Tcp> held = new ArrayList<>();
        // A socket is open once tcp4() and bind succeeded: the blocking transport takes its kernel socket
        // only when one is needed (bind, connect, listen), so its tcp4() alone never hits the limit.
        Result<?> last = null;
        String step = null;
        for (int i = 0; i < 10_000; i++) {
            Result<Tcp> made = socket.tcp4();
            last = made;
            step = "tcp4()";
            if (!made.isOk()) {
                break;
            }
            held.add(made.value());
            last = made.value().bind("127.0.0.1", 0);
            step = "tcp4():bind()";
            if (!last.isOk()) {
                break;
            }
        }
        failures += report(last != null && !last.isOk() && "Too many open files".equals(last.error()),
                t.name() + " luasocket " + step + " at the limit after " + held.size() + " sockets: " + last);
        // The failed step may have released its socket: connect until the limit speaks again (a few at most).
        Result<Tcp> c = socket.connect("127.0.0.1", port);
        for (int k = 0; k < 5 && c.isOk(); k++) {
            held.add(c.value());
            c = socket.connect("127.0.0.1", port);
        }
        failures += report(!c.isOk() && "Too many open files".equals(c.error()),
                t.name() + " luasocket socket.connect at the limit: " + c);
        server.settimeout(2);
        Result<Tcp> a = server.accept();
        failures += report(!a.isOk() && "Too many open files".equals(a.error()),
                t.name() + " luasocket accept at the limit: " + a);
        if (a.isOk()) {
            a.value().close();
        }
        for (Tcp x : held) {
            x.close();
        }
        // Work goes on: the waiting connection is accepted and echoes.
        server.settimeout(5);
        Result<Tcp> again = server.accept();
        boolean ok = again.isOk();
        String got = String.valueOf(again);
        if (ok) {
            // A fresh connection after the limit: whatever the limit did to the waiting one, new work must go.
            Tcp fresh = socket.connect("127.0.0.1", port).orThrow();
            fresh.send("after\n");
            ok = false;
            for (int k = 0; k < 8 && !ok; k++) {
                Result<Tcp> b = server.accept();
                if (!b.isOk()) {
                    break;
                }
                b.value().settimeout(0.5);
                Received r = b.value().receive();
                ok = r.isOk() && r.string().equals("after");
                got = "waiting connection accepted; new round trip " + r;
                b.value().close();
            }
            fresh.close();
            again.value().close();
        }
        failures += report(ok, t.name() + " luasocket works again after closing: " + got);
        waiting.close();
        server.close();
        return failures;
    }

    private static int mtcp(Transport t) {
        Mtcp m = Mtcp.on(t);
        int failures = 0;
        int server = m.bind("127.0.0.1", "0").orThrow().fd();
        String port = Integer.toString(org.mtcp.spi.SockAddr.parse(m.getsockname(server).orThrow()).port());
        int waiting = m.connect("127.0.0.1", port).orThrow().fd();
        List<Integer> held = new ArrayList<>();
        Result<?> last = null;
        for (int i = 0; i < 10_000; i++) {
            Result<org.mtcp.mtcp.FdAddress> r = m.bind("127.0.0.1", "0");
            last = r;
            if (!r.isOk()) {
                break;
            }
            held.add(r.value().fd());
        }
        failures += report(last != null && !last.isOk() && MTCP_OPEN.matcher(last.error()).matches(),
                t.name() + " mtcp bind at the limit after " + held.size() + " sockets: " + last);
        Result<org.mtcp.mtcp.FdAddress> c = m.connect("127.0.0.1", port);
        for (int k = 0; k < 5 && c.isOk(); k++) {
            held.add(c.value().fd());
            c = m.connect("127.0.0.1", port);
        }
        failures += report(!c.isOk() && MTCP_OPEN.matcher(c.error()).matches(),
                t.name() + " mtcp connect at the limit: " + c);
        Result<?> a = m.accept(server);
        failures += report(!a.isOk() && "accept error: 24".equals(a.error()),
                t.name() + " mtcp accept at the limit: " + a);
        for (int fd : held) {
            m.close(fd);
        }
        Result<org.mtcp.mtcp.FdAddress> again = m.accept(server);
        boolean ok = again.isOk();
        String got = String.valueOf(again);
        if (ok) {
            int fresh = m.connect("127.0.0.1", port).orThrow().fd();
            m.write(fresh, "x");
            // Connections made at the limit may be queued before the fresh one: accept until it shows.
            ok = false;
            for (int k = 0; k < 8 && !ok; k++) {
                Result<org.mtcp.mtcp.FdAddress> b = m.accept(server);
                if (!b.isOk()) {
                    break;
                }
                Result<byte[]> r = m.read(b.value().fd(), 1, 500);
                ok = r.isOk() && r.value().length == 1;
                got = "waiting connection accepted; new round trip " + r;
                m.close(b.value().fd());
            }
            m.close(fresh);
            m.close(again.value().fd());
        }
        failures += report(ok, t.name() + " mtcp works again after closing: " + got);
        m.close(waiting);
        m.close(server);
        return failures;
    }
}
