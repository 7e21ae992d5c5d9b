package org.mtcp.lua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtcp.Result;
import org.mtcp.luasocket.AddrInfo;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Selectable;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.SockName;
import org.mtcp.luasocket.Stats;
import org.mtcp.luasocket.Tcp;
import org.mtcp.luasocket.Timeouts;
import org.mtcp.spi.Linger;
import party.iroiro.luajava.Lua;

/**
 * The Java half of {@code socket.core}: each function takes the Lua arguments the glue ({@code socket.lua}
 * in this package) passes on after Lua's own type checks, hands them to {@link LuaSocket}/{@link Tcp}
 * (which own every rule: patterns, modes, options, indices, defaults, select), and pushes the results with
 * the C module's Lua types (floats for LuaSocket's numbers, integers for ports and linger timeouts). A
 * {@link org.mtcp.LuaError} the API throws is raised by {@link Stack#fn}. TCP objects are known to Lua by
 * an integer handle; the glue wraps each in a userdata.
 */
final class SocketFunctions {
    private final LuaSocket socket;
    private final Map<Long, Tcp> tcps = new HashMap<>();
    private long nextId = 1;

    SocketFunctions(LuaSocket socket) {
        this.socket = socket;
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

    private static int one(Lua L, int value) {
        Stack.pushFloat(L, value);
        return 1;
    }

    private static int fail(Lua L, String error) {
        L.pushNil();
        Stack.push(L, error);
        return 2;
    }

    private static int ok(Lua L, Result<Integer> r) {
        return r.isOk() ? one(L, r.value()) : fail(L, r.error());
    }

    private int created(Lua L, Result<Tcp> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        L.push(register(r.value()));
        return 1;
    }

    private static Double optDouble(Lua L, int idx) {
        return L.isNoneOrNil(idx) ? null : L.toNumber(idx);
    }

    Functions functions() {
        return new Functions()
                .add("constants", L -> {
                    Stack.push(L, LuaSocket._VERSION);
                    L.push((long) socket.setSize());
                    L.push((long) LuaSocket._SOCKETINVALID);
                    return 3;
                })
                .add("tcp", L -> {
                    L.push(register(socket.tcp()));
                    return 1;
                })
                .add("tcp4", L -> created(L, socket.tcp4()))
                .add("tcp6", L -> created(L, socket.tcp6()))
                .add("connect", L -> created(L, socket.connect(Stack.value(L, 1), Stack.value(L, 2),
                        Stack.value(L, 3), Stack.value(L, 4), Stack.optText(L, 5))))
                .add("bindserver", L -> created(L, socket.bind(Stack.value(L, 1), Stack.value(L, 2),
                        Stack.value(L, 3))))
                .add("release", L -> {
                    Tcp t = tcps.remove(L.toInteger(1));
                    if (t != null) {
                        t.close();
                    }
                    return 0;
                })
                .add("close", L -> one(L, tcp(L).close()))
                .add("bind", L -> ok(L, tcp(L).bind(Stack.value(L, 2), Stack.value(L, 3))))
                .add("listen", L -> ok(L, tcp(L).listen(Stack.value(L, 2))))
                .add("accept", L -> created(L, tcp(L).accept()))
                .add("tconnect", L -> ok(L, tcp(L).connect(Stack.value(L, 2), Stack.value(L, 3))))
                .add("kind", L -> {
                    L.push(tcp(L).kind().className());
                    return 1;
                })
                .add("receive", L -> {
                    Received r = tcp(L).receive(Stack.value(L, 2), Stack.value(L, 3));
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
                    Tcp t = tcp(L);
                    Object data = Stack.value(L, 2);
                    Sent s = L.isNoneOrNil(3) ? t.send(data)
                            : L.isNoneOrNil(4) ? t.send(data, L.toNumber(3))
                            : t.send(data, L.toNumber(3), L.toNumber(4));
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
                .add("shutdown", L -> one(L, tcp(L).shutdown(Stack.optText(L, 2))))
                .add("getsockname", L -> name(L, tcp(L).getsockname()))
                .add("getpeername", L -> name(L, tcp(L).getpeername()))
                .add("getfd", L -> {
                    Stack.pushFloat(L, tcp(L).getfd());
                    return 1;
                })
                .add("setfd", L -> {
                    tcp(L).setfd((int) L.toNumber(2));
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
                .add("setstats", L -> one(L, tcp(L).setstats(optDouble(L, 2), optDouble(L, 3), optDouble(L, 4))))
                .add("settimeout", L -> one(L, tcp(L).settimeout(Stack.value(L, 2), Stack.value(L, 3))))
                .add("gettimeout", L -> {
                    Timeouts t = tcp(L).gettimeout();
                    Stack.pushFloat(L, t.block());
                    Stack.pushFloat(L, t.total());
                    return 2;
                })
                // setoption(id, name) when the script gave no value: the API words "got no value" itself.
                .add("setoption", L -> ok(L, L.getTop() < 3 ? tcp(L).setoption(Stack.text(L, 2))
                        : tcp(L).setoption(Stack.text(L, 2), Stack.value(L, 3))))
                .add("getoption", L -> getoption(L, tcp(L).getoption(Stack.text(L, 2))))
                .add("select", this::select)
                .add("gettime", L -> {
                    Stack.pushFloat(L, socket.gettime());
                    return 1;
                })
                .add("sleep", L -> {
                    socket.sleep(L.toNumber(1));
                    return 0;
                })
                .add("getaddrinfo", L -> {
                    Result<List<AddrInfo>> r = socket.getaddrinfo(Stack.value(L, 1));
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    List<AddrInfo> all = r.value();
                    L.createTable(all.size(), 0);
                    for (int k = 0; k < all.size(); k++) {
                        L.createTable(0, 2);
                        L.push(all.get(k).family());
                        L.setField(-2, "family");
                        L.push(all.get(k).addr());
                        L.setField(-2, "addr");
                        L.rawSetI(-2, k + 1);
                    }
                    return 1;
                });
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

    /** One object of a Lua select table: what the glue read from its getfd and dirty methods. */
    private static final class Slot implements Selectable {
        final int index;
        final int fd;
        final boolean dirty;

        Slot(int index, int fd, boolean dirty) {
            this.index = index;
            this.fd = fd;
            this.dirty = dirty;
        }

        @Override
        public int getfd() {
            return fd;
        }

        @Override
        public boolean dirty() {
            return dirty;
        }
    }

    /**
     * {@code select(timeout, nr, ns, fd1, dirty1, ..., fd_nr, dirty_nr, wfd1, ..., wfd_ns)}: LuaSocket.select
     * over those objects. Returns two arrays of slot numbers (1..nr the receive table's objects, nr+1..nr+ns
     * the send table's), readable and writable in LuaSocket's order, then "timeout" or nil.
     */
    private int select(Lua L) {
        double timeout = L.toNumber(1);
        int nr = (int) L.toInteger(2);
        int ns = (int) L.toInteger(3);
        List<Slot> recvt = new ArrayList<>(nr);
        List<Slot> sendt = new ArrayList<>(ns);
        for (int k = 0; k < nr; k++) {
            recvt.add(new Slot(k + 1, Stack.fd(L.toInteger(4 + 2 * k)), L.toBoolean(5 + 2 * k)));
        }
        for (int k = 0; k < ns; k++) {
            sendt.add(new Slot(nr + k + 1, Stack.fd(L.toInteger(4 + 2 * nr + k)), false));
        }
        SelectResult<Slot> r = socket.select(recvt, sendt, timeout);
        L.setTop(0);
        slots(L, r.readable());
        slots(L, r.writable());
        if (r.timedOut()) {
            Stack.push(L, r.error());
        } else {
            L.pushNil();
        }
        return 3;
    }

    private static void slots(Lua L, List<Slot> list) {
        L.createTable(list.size(), 0);
        for (int k = 0; k < list.size(); k++) {
            L.push((long) list.get(k).index);
            L.rawSetI(-2, k + 1);
        }
    }
}
