package org.mtcp.lua;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mtcp.Result;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.HostPort;
import org.mtcp.mtcp.Mtcp;
import party.iroiro.luajava.Lua;

/**
 * The Java half of the {@code mtcp} module: arguments arrive checked by the Lua glue ({@code mtcp.lua}),
 * omitted optional ones as nil, which picks the {@link Mtcp} overload that supplies mtcp's default; results
 * go back as mtcp pushes them (integers everywhere, raw sockaddr bytes as strings, {@code true}).
 *
 * <p>Descriptors a script opened and did not close are closed with the Lua state, as the OS closes them
 * when the C interpreter exits.
 */
final class MtcpFunctions {
    private final Mtcp mtcp;
    private final Set<Integer> open = new HashSet<>();

    MtcpFunctions(Mtcp mtcp) {
        this.mtcp = mtcp;
    }

    void closeAll() {
        for (int fd : open) {
            mtcp.close(fd);
        }
        open.clear();
    }

    private static int fail(Lua L, String error) {
        L.pushNil();
        Stack.push(L, error);
        return 2;
    }

    private int fdAddress(Lua L, Result<FdAddress> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        open.add(r.value().fd());
        L.push((long) r.value().fd());
        Stack.push(L, r.value().address());
        return 2;
    }

    private static int bytes(Lua L, Result<byte[]> r) {
        if (!r.isOk()) {
            return fail(L, r.error());
        }
        Stack.push(L, r.value());
        return 1;
    }

    Functions functions() {
        return new Functions()
                .add("constants", L -> {
                    Stack.push(L, Mtcp.VERSION);
                    L.push((long) Mtcp.BUFSIZE);
                    return 2;
                })
                .add("bind", L -> fdAddress(L, mtcp.bind(Stack.text(L, 1), Stack.text(L, 2))))
                .add("connect", L -> fdAddress(L, mtcp.connect(Stack.text(L, 1), Stack.text(L, 2))))
                .add("accept", L -> fdAddress(L, mtcp.accept(Stack.fd(L.toInteger(1)))))
                .add("read", L -> {
                    int fd = Stack.fd(L.toInteger(1));
                    long n = L.isNoneOrNil(2) ? Mtcp.BUFSIZE : L.toInteger(2);
                    return bytes(L, L.isNoneOrNil(3) ? mtcp.read(fd, n) : mtcp.read(fd, n, L.toInteger(3)));
                })
                .add("write", L -> {
                    int fd = Stack.fd(L.toInteger(1));
                    byte[] s = Stack.bytes(L, 2);
                    // mtcp's own defaults: idx 1 (the first byte), n 0 (the rest).
                    Result<Long> r = L.isNoneOrNil(3) && L.isNoneOrNil(4) ? mtcp.write(fd, s)
                            : L.isNoneOrNil(4) ? mtcp.write(fd, s, L.toInteger(3))
                            : mtcp.write(fd, s, L.isNoneOrNil(3) ? 1 : L.toInteger(3), L.toInteger(4));
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    L.push(r.value().longValue());
                    return 1;
                })
                .add("close", L -> {
                    int fd = Stack.fd(L.toInteger(1));
                    Result<Boolean> r = mtcp.close(fd);
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    open.remove(fd);
                    L.push(true);
                    return 1;
                })
                .add("getsockname", L -> bytes(L, mtcp.getsockname(Stack.fd(L.toInteger(1)))))
                .add("getpeername", L -> bytes(L, mtcp.getpeername(Stack.fd(L.toInteger(1)))))
                .add("getaddrinfo", L -> {
                    Result<List<byte[]>> r = mtcp.getaddrinfo(Stack.text(L, 1), Stack.optText(L, 2));
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    List<byte[]> all = r.value();
                    L.createTable(all.size(), 0);
                    for (int k = 0; k < all.size(); k++) {
                        Stack.push(L, all.get(k));
                        L.rawSetI(-2, k + 1);
                    }
                    return 1;
                })
                .add("getnameinfo", L -> {
                    Result<HostPort> r = mtcp.getnameinfo(Stack.bytes(L, 1), L.toBoolean(2));
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    Stack.push(L, r.value().host());
                    L.push((long) r.value().port());
                    return 2;
                })
                .add("msleep", L -> {
                    Result<Boolean> r = mtcp.msleep(L.toInteger(1));
                    if (!r.isOk()) {
                        return fail(L, r.error());
                    }
                    L.push(true);
                    return 1;
                });
    }
}
