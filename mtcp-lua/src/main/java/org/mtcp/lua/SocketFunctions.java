package org.mtcp.lua;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.SockName;
import org.mtcp.luasocket.Stats;
import org.mtcp.luasocket.Tcp;
import org.mtcp.luasocket.Timeouts;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;
import party.iroiro.luajava.Lua;

/**
 * The Java half of {@code socket.core}: each function takes arguments that the Lua glue
 * ({@code socket.lua} in this package) has already checked and converted with Lua's own rules, calls
 * {@link LuaSocket}/{@link Tcp}, and pushes the results with the C module's Lua types (floats for
 * LuaSocket's numbers, integers for ports and linger timeouts). TCP objects are known to Lua by an
 * integer handle; the glue wraps each in a userdata.
 */
final class SocketFunctions {
    private final LuaSocket socket;
    private final Transport transport;
    private final Map<Long, Tcp> tcps = new HashMap<>();
    private long nextId = 1;

    SocketFunctions(LuaSocket socket) {
        this.socket = socket;
        this.transport = socket.transport();
    }

    /** Closes every object Lua has not collected yet (the state is going away). */
    void closeAll() {
        for (Tcp t : tcps.values()) {
            t.close();
        }
        tcps.clear();
    }

    private long register(Tcp t) {
        long id = nextId++;
        tcps.put(id, t);
        return id;
    }

    private Tcp tcp(Lua L) {
        Tcp t = tcps.get(L.toInteger(1));
        if (t == null) {
            throw new IllegalStateException("stale socket handle");
        }
        return t;
    }

    private static int one(Lua L) {
        Stack.pushFloat(L, 1);
        return 1;
    }

    private static int fail(Lua L, String error) {
        L.pushNil();
        Stack.push(L, error);
        return 2;
    }

    private static int ok(Lua L, Result<Integer> r) {
        return r.isOk() ? one(L) : fail(L, r.error());
    }

    private int created(Lua L, Result<Tcp> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        L.push(register(r.value()));
        return 1;
    }

    Functions functions() {
        return new Functions()
                .add("tcp", L -> {
                    long kind = L.toInteger(1);
                    if (kind == 0) {
                        L.push(register(socket.tcp()));
                        return 1;
                    }
                    return created(L, kind == 4 ? socket.tcp4() : socket.tcp6());
                })
                .add("connect", L -> created(L, socket.connect(Stack.text(L, 1), Stack.text(L, 2),
                        Stack.optText(L, 3), Stack.text(L, 4), Stack.text(L, 5))))
                .add("release", L -> {
                    Tcp t = tcps.remove(L.toInteger(1));
                    if (t != null) {
                        t.close();
                    }
                    return 0;
                })
                .add("close", L -> {
                    tcp(L).close();
                    return one(L);
                })
                .add("bind", L -> ok(L, tcp(L).bind(Stack.text(L, 2), Stack.text(L, 3))))
                .add("listen", L -> ok(L, tcp(L).listen(L.toInteger(2))))
                .add("accept", L -> created(L, tcp(L).accept()))
                .add("tconnect", L -> ok(L, tcp(L).connect(Stack.text(L, 2), Stack.text(L, 3))))
                .add("kind", L -> {
                    L.push(tcp(L).kind().className());
                    return 1;
                })
                .add("receive", L -> {
                    Object pattern = L.isInteger(2) ? (Object) L.toInteger(2) : Stack.text(L, 2);
                    Received r = tcp(L).receive(pattern, Stack.bytes(L, 3));
                    if (r.isOk()) {
                        Stack.push(L, r.data());
                        L.pushNil();
                        L.pushNil();
                    } else {
                        L.pushNil();
                        Stack.push(L, r.error());
                        Stack.push(L, r.partial());
                    }
                    return 3;
                })
                .add("send", L -> {
                    Sent s = tcp(L).send(Stack.bytes(L, 2), L.toNumber(3), L.toNumber(4));
                    if (s.isOk()) {
                        Stack.pushFloat(L, s.last());
                        L.pushNil();
                        L.pushNil();
                    } else {
                        L.pushNil();
                        Stack.push(L, s.error());
                        Stack.pushFloat(L, s.last());
                    }
                    return 3;
                })
                .add("shutdown", L -> {
                    tcp(L).shutdown(Stack.text(L, 2));
                    return one(L);
                })
                .add("getsockname", L -> name(L, tcp(L).getsockname()))
                .add("getpeername", L -> name(L, tcp(L).getpeername()))
                .add("getfd", L -> {
                    Stack.pushFloat(L, tcp(L).getfd());
                    return 1;
                })
                .add("setfd", L -> {
                    tcp(L).setfd((int) L.toInteger(2));
                    return 0;
                })
                .add("dirty", L -> {
                    L.push(tcp(L).dirty());
                    return 1;
                })
                .add("getfamily", L -> {
                    L.push(tcp(L).getfamily());
                    return 1;
                })
                .add("getstats", L -> {
                    Stats s = tcp(L).getstats();
                    Stack.pushFloat(L, s.received());
                    Stack.pushFloat(L, s.sent());
                    Stack.pushFloat(L, s.age());
                    return 3;
                })
                .add("setstats", L -> {
                    tcp(L).setstats(optDouble(L, 2), optDouble(L, 3), optDouble(L, 4));
                    return one(L);
                })
                .add("settimeout", L -> {
                    tcp(L).settimeout(L.toNumber(2), Stack.text(L, 3));
                    return one(L);
                })
                .add("gettimeout", L -> {
                    Timeouts t = tcp(L).gettimeout();
                    Stack.pushFloat(L, t.block());
                    Stack.pushFloat(L, t.total());
                    return 2;
                })
                .add("setoption", L -> ok(L, tcp(L).setoption(Stack.text(L, 2), optionValue(L))))
                .add("getoption", L -> getoption(L, tcp(L).getoption(Stack.text(L, 2))))
                .add("poll", this::poll)
                .add("gettime", L -> {
                    Stack.pushFloat(L, socket.gettime());
                    return 1;
                })
                .add("sleep", L -> {
                    socket.sleep(L.toNumber(1));
                    return 0;
                })
                .add("getaddrinfo", L -> {
                    List<SockAddr> all;
                    try {
                        all = transport.getaddrinfo(Stack.text(L, 1), null, Family.UNSPEC, false);
                    } catch (GaiException e) {
                        return fail(L, DnsErrors.luaSocket(e));
                    }
                    L.checkStack(2 * all.size() + 2);
                    for (SockAddr a : all) {
                        L.push(a.family() == Family.INET ? "inet" : a.family() == Family.INET6 ? "inet6" : "unknown");
                        L.push(a.hostText());
                    }
                    return 2 * all.size();
                });
    }

    private static Double optDouble(Lua L, int idx) {
        return L.isNoneOrNil(idx) ? null : L.toNumber(idx);
    }

    /** setoption's value as the glue converted it: boolean, number, string, or linger's (on, timeout) pair. */
    private static Object optionValue(Lua L) {
        if (L.getTop() >= 4) {
            return new Linger(L.toBoolean(3), (int) L.toInteger(4));
        }
        if (L.isBoolean(3)) {
            return L.toBoolean(3);
        }
        if (L.isNumber(3) && !L.isString(3)) {
            return L.toNumber(3);
        }
        return Stack.text(L, 3);
    }

    private static int name(Lua L, Result<SockName> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        SockName n = r.value();
        L.push(n.ip());
        L.push((long) n.port());
        L.push(n.family());
        return 3;
    }

    private static int getoption(Lua L, Result<Object> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        Object v = r.value();
        if (v == null) {
            L.pushNil();
        } else if (v instanceof Boolean) {
            L.push((Boolean) v);
        } else if (v instanceof Linger) {
            Linger l = (Linger) v;
            L.createTable(0, 2);
            L.push(l.on());
            L.setField(-2, "on");
            L.push((long) l.timeout());
            L.setField(-2, "timeout");
        } else if (v instanceof Number) {
            Stack.pushFloat(L, ((Number) v).doubleValue());
        } else {
            Stack.push(L, v.toString());
        }
        return 1;
    }

    /**
     * {@code poll(timeout, fd1, events1, fd2, events2, ...)}: the revents of each, or nothing when the wait
     * itself failed (the glue raises "select failed").
     */
    private int poll(Lua L) {
        double timeout = L.toNumber(1);
        int n = (L.getTop() - 1) / 2;
        int[] fds = new int[n];
        int[] events = new int[n];
        for (int k = 0; k < n; k++) {
            fds[k] = Stack.fd(L.toInteger(2 + 2 * k));
            events[k] = (int) L.toInteger(3 + 2 * k);
        }
        int[] revents = new int[n];
        long wait = timeout < 0 ? -1 : timeout >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (timeout * 1e9);
        try {
            transport.poll(fds, events, revents, n, wait);
        } catch (ErrnoException e) {
            return 0;
        }
        L.setTop(0);
        L.checkStack(n + 1);
        L.push(true);
        for (int r : revents) {
            L.push((long) r);
        }
        return n + 1;
    }
}
