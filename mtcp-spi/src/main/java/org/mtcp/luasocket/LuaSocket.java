package org.mtcp.luasocket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.internal.ErrorTexts;
import org.mtcp.internal.LuaValues;
import org.mtcp.internal.Timeout;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * LuaSocket's {@code socket} module, TCP part, over one {@link Transport}: {@code socket.tcp()},
 * {@code tcp4()}, {@code tcp6()}, {@code socket.bind}, {@code socket.connect}, {@code socket.select},
 * {@code socket.gettime}, {@code socket.sleep}, and the constants {@link #_VERSION},
 * {@link #_SOCKETINVALID} and {@link #setSize() _SETSIZE}.
 *
 * <p>{@code _SETSIZE}: C LuaSocket's select raises {@code descriptor too large for set size} for a
 * descriptor ≥ 1024 ({@code FD_SETSIZE}). Our select waits with the transport's {@code poll}, which has no
 * such limit; the default keeps 1024 for fidelity and {@link #withSetSize(int)} lifts it for servers that
 * select over many sockets.
 */
public final class LuaSocket {
    /** The LuaSocket version this module behaves as. */
    public static final String _VERSION = "LuaSocket 3.1.0";
    /** {@code socket._SOCKETINVALID}. */
    public static final int _SOCKETINVALID = -1;
    /** C LuaSocket's {@code FD_SETSIZE}. */
    public static final int DEFAULT_SETSIZE = 1024;

    private final Transport transport;
    private final int setSize;

    private LuaSocket(Transport transport, int setSize) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.setSize = setSize;
    }

    /** The module over a transport, with {@code _SETSIZE} 1024. */
    public static LuaSocket on(Transport transport) {
        return new LuaSocket(transport, DEFAULT_SETSIZE);
    }

    /** The same module with another {@code _SETSIZE} (descriptors select accepts are below it). */
    public LuaSocket withSetSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("set size must be positive: " + size);
        }
        return new LuaSocket(transport, size);
    }

    /** {@code socket._SETSIZE}. */
    public int setSize() {
        return setSize;
    }

    /** The transport underneath. */
    public Transport transport() {
        return transport;
    }

    /** Creates a socket as LuaSocket's {@code inet_trycreate} does: IPv6 sockets get {@code IPV6_V6ONLY}. */
    int createSocket(Family family) throws ErrnoException {
        int fd = transport.socket(family);
        if (family == Family.INET6) {
            try {
                transport.setOption(fd, SocketOption.IPV6_V6ONLY, Boolean.TRUE);
            } catch (ErrnoException ignored) {
                // LuaSocket ignores this setsockopt's result too.
            }
        }
        return fd;
    }

    // ---- constructors ------------------------------------------------------------------------------------

    /** {@code socket.tcp()}: a master with no OS socket yet (fd -1); the first bind or connect creates it. */
    public Tcp tcp() {
        return new Tcp(this, Tcp.Kind.MASTER, -1, Family.UNSPEC);
    }

    /** {@code socket.tcp4()}: a master with an IPv4 socket, or the errno text. */
    public Result<Tcp> tcp4() {
        return create(Family.INET);
    }

    /** {@code socket.tcp6()}: a master with an IPv6 socket (v6only on), or the errno text. */
    public Result<Tcp> tcp6() {
        return create(Family.INET6);
    }

    private Result<Tcp> create(Family family) {
        try {
            return Result.ok(new Tcp(this, Tcp.Kind.MASTER, createSocket(family), family));
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.luaSocket(e.errno()));
        }
    }

    /**
     * {@code socket.dns.getaddrinfo(host)}: every address the resolver gives, as family and numeric text.
     *
     * @return the entries, or LuaSocket's resolver error text
     */
    public Result<List<AddrInfo>> getaddrinfo(Object host) {
        String h = LuaValues.checkText(host, 1, "getaddrinfo");
        try {
            List<AddrInfo> out = new ArrayList<>();
            for (SockAddr a : transport.getaddrinfo(h, null, Family.UNSPEC, false)) {
                out.add(new AddrInfo(Tcp.familyName(a.family()), a.hostText()));
            }
            return Result.ok(out);
        } catch (GaiException e) {
            return Result.fail(ErrorTexts.luaSocketGai(e));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** {@code socket.bind(host, port)} with backlog 32. */
    public Result<Tcp> bind(Object host, Object port) {
        return bind(host, port, null);
    }

    /**
     * {@code socket.bind(host, port, backlog)}, as LuaSocket's socket.lua: {@code "*"} becomes
     * {@code "0.0.0.0"} (IPv4 only); each resolved address gets a tcp4()/tcp6() with reuseaddr on, bind and
     * listen; the first that works is returned.
     *
     * @return a server, or the last error ({@code "no info on address"} if nothing resolved)
     */
    public Result<Tcp> bind(Object host, Object port, Object backlog) {
        // LuaSocket's socket.bind hands host to socket.dns.getaddrinfo first, which is what complains.
        String h = LuaValues.checkText(host, 1, "getaddrinfo");
        if ("*".equals(h)) {
            h = "0.0.0.0";
        }
        Result<List<AddrInfo>> resolved = getaddrinfo(h);
        if (!resolved.isOk()) {
            return Result.fail(resolved.error());
        }
        String err = "no info on address";
        for (AddrInfo a : resolved.value()) {
            Result<Tcp> made = a.family().equals("inet") ? tcp4() : tcp6();
            if (!made.isOk()) {
                return made;
            }
            Tcp sock = made.value();
            sock.setoption("reuseaddr", Boolean.TRUE);
            Result<Integer> bound = sock.bind(a.addr(), port);
            if (!bound.isOk()) {
                err = bound.error();
                sock.close();
                continue;
            }
            Result<Integer> listening = sock.listen(backlog);
            if (!listening.isOk()) {
                err = listening.error();
                sock.close();
                continue;
            }
            return Result.ok(sock);
        }
        return Result.fail(err);
    }

    /** {@code socket.connect(address, port)}. */
    public Result<Tcp> connect(Object address, Object port) {
        return connect(address, port, null, null, null);
    }

    /**
     * {@code socket.connect(address, port, laddress, lport, family)}: binds to {@code laddress:lport}
     * first when given ({@code "*"} allowed, lport default "0"), then connects with no timeout. On failure
     * the socket is closed.
     *
     * @param family null or {@code "unspec"}, {@code "inet"}, {@code "inet6"}
     * @throws LuaError {@code invalid option 'x'} for another family, {@code string expected} for a
     *         missing address or port
     */
    public Result<Tcp> connect(Object address, Object port, Object laddress, Object lport, String family) {
        String host = LuaValues.checkText(address, 1, "connect");
        String service = LuaValues.checkText(port, 2, "connect");
        String localHost = laddress == null ? null : LuaValues.checkText(laddress, 3, "connect");
        String localService = lport == null ? "0" : LuaValues.checkText(lport, 4, "connect");
        Family bindFamily = family(family);
        Tcp tcp = new Tcp(this, Tcp.Kind.MASTER, -1, Family.UNSPEC);
        if (localHost != null) {
            Result<Integer> bound = tcp.bindWithFamily(localHost, localService, bindFamily);
            if (!bound.isOk()) {
                tcp.close();
                return Result.fail(bound.error());
            }
        }
        String err = tcp.tryConnect(host, service);
        if (err != null) {
            tcp.close();
            return Result.fail(err);
        }
        tcp.becomeClient();
        return Result.ok(tcp);
    }

    private static Family family(String name) {
        if (name == null || name.equals("unspec")) {
            return Family.UNSPEC;
        }
        if (name.equals("inet")) {
            return Family.INET;
        }
        if (name.equals("inet6")) {
            return Family.INET6;
        }
        throw LuaError.badArgument(5, "connect", "invalid option '" + name + "'");
    }

    /** {@code socket.select(recvt, sendt)}: waits without limit. */
    public <T extends Selectable> SelectResult<T> select(Collection<T> recvt, Collection<T> sendt) {
        return select(recvt, sendt, -1);
    }

    /**
     * {@code socket.select(recvt, sendt, timeout)}: waits until an object in {@code recvt} is readable or
     * one in {@code sendt} is writable, or the timeout (seconds; negative: none) runs out. Dirty objects in
     * {@code recvt} are returned at once; objects whose descriptor is -1 are skipped; null counts as empty.
     * The cost beyond the transport's {@code poll} is linear in the number of objects, with no per-object
     * allocation.
     *
     * @throws LuaError {@code descriptor too large for set size} for a descriptor ≥ {@link #setSize()};
     *         {@code select failed} when the wait itself fails (a descriptor that is not open)
     */
    public <T extends Selectable> SelectResult<T> select(Collection<T> recvt, Collection<T> sendt, double timeout) {
        Collection<T> r = recvt == null ? List.of() : recvt;
        Collection<T> w = sendt == null ? List.of() : sendt;
        int n = r.size() + w.size();
        PollSet<T> set = new PollSet<>(n);
        List<T> readable = new ArrayList<>();
        for (T t : r) {
            int fd = checkedFd(t, 1);
            if (fd < 0) {
                continue;
            }
            if (t.dirty()) {
                readable.add(t);
                continue;
            }
            set.add(fd, Transport.POLLIN, t);
        }
        for (T t : w) {
            int fd = checkedFd(t, 2);
            if (fd >= 0) {
                set.add(fd, Transport.POLLOUT, t);
            }
        }
        Timeout tm = new Timeout();
        tm.setBlock(readable.isEmpty() ? timeout : 0);
        tm.markStart();
        int ready;
        try {
            ready = transport.poll(set.fds, set.events, set.revents, set.count, tm.waitNanos());
        } catch (ErrnoException e) {
            throw new LuaError("select failed");
        }
        List<T> writable = new ArrayList<>();
        if (ready > 0) {
            // Results come in descriptor order, as select(2)'s fd_set scan gives them.
            long[] byFd = new long[ready];
            int found = 0;
            for (int k = 0; k < set.count && found < ready; k++) {
                if (set.revents[k] != 0) {
                    byFd[found++] = (long) set.fds[k] << 32 | k;
                }
            }
            Arrays.sort(byFd, 0, found);
            for (int x = 0; x < found; x++) {
                int k = (int) byFd[x];
                int re = set.revents[k];
                if ((re & Transport.POLLNVAL) != 0) {
                    throw new LuaError("select failed");
                }
                // Linux select(2): readable is IN|HUP|ERR, writable is OUT|ERR.
                if ((set.events[k] & Transport.POLLIN) != 0
                        && (re & (Transport.POLLIN | Transport.POLLHUP | Transport.POLLERR)) != 0) {
                    readable.add(set.owners.get(k));
                }
                if ((set.events[k] & Transport.POLLOUT) != 0 && (re & (Transport.POLLOUT | Transport.POLLERR)) != 0) {
                    writable.add(set.owners.get(k));
                }
            }
        }
        if (readable.isEmpty() && writable.isEmpty()) {
            return new SelectResult<>(List.of(), List.of(), ErrorTexts.TIMEOUT);
        }
        return new SelectResult<>(readable, writable, null);
    }

    private int checkedFd(Selectable t, int arg) {
        if (t == null) {
            throw LuaError.badArgument(arg, "select", "table expected, got nil");
        }
        int fd = t.getfd();
        if (fd >= setSize) {
            throw LuaError.badArgument(arg, "select", "descriptor too large for set size");
        }
        return fd;
    }

    /**
     * The descriptors of one select call, one entry per descriptor (an object in both tables, or listed
     * twice, shares it). A per-thread index by descriptor finds an existing entry in constant time.
     */
    private static final class PollSet<T> {
        private static final ThreadLocal<int[][]> INDEX = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0], {0}});

        final int[] fds;
        final int[] events;
        final int[] revents;
        final List<T> owners;
        int count;
        private final int generation;

        PollSet(int capacity) {
            fds = new int[capacity];
            events = new int[capacity];
            revents = new int[capacity];
            owners = new ArrayList<>(capacity);
            int[][] index = INDEX.get();
            // A generation number marks which stamps belong to this call, so the index is never cleared
            // (except when the number wraps around).
            if (++index[2][0] == 0) {
                Arrays.fill(index[0], 0);
                index[2][0] = 1;
            }
            generation = index[2][0];
        }

        void add(int fd, int event, T owner) {
            int[][] index = INDEX.get();
            if (fd >= index[0].length) {
                int size = Math.max(fd + 1, index[0].length * 2);
                index[0] = Arrays.copyOf(index[0], size);
                index[1] = Arrays.copyOf(index[1], size);
            }
            int[] st = index[0];
            int[] sl = index[1];
            if (st[fd] == generation) {
                events[sl[fd]] |= event;
                return;
            }
            st[fd] = generation;
            sl[fd] = count;
            fds[count] = fd;
            events[count] = event;
            owners.add(owner);
            count++;
        }
    }

    /** {@code socket.gettime()}: wall-clock seconds since the epoch, with fractions. */
    public double gettime() {
        return System.currentTimeMillis() / 1e3;
    }

    /**
     * {@code socket.sleep(seconds)}: negative or NaN counts as 0; an interrupt does not cut it short (the
     * thread's interrupt flag is restored afterwards), as LuaSocket resumes nanosleep after signals.
     */
    public void sleep(double seconds) {
        if (!(seconds > 0)) {
            return;
        }
        long nanos = seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        long left = nanos;
        while (left > 0) {
            try {
                transport.sleep(left);
            } catch (ErrnoException e) {
                interrupted |= Thread.interrupted();
            }
            left = deadline - System.nanoTime();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
