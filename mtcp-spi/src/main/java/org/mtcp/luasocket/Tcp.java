package org.mtcp.luasocket;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.internal.ErrorTexts;
import org.mtcp.internal.IoStatus;
import org.mtcp.internal.LuaValues;
import org.mtcp.internal.ReceiveBuffer;
import org.mtcp.internal.ReceivePattern;
import org.mtcp.internal.SendRange;
import org.mtcp.internal.Timeout;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * A LuaSocket TCP object: a master, a client or a server ({@code tcp{master}}, {@code tcp{client}},
 * {@code tcp{server}}), with every method of LuaSocket's TCP page and the behaviour of its C code
 * (behaviour.md section b).
 *
 * <p>State machine: {@code tcp()/tcp4()/tcp6()} make a master; a successful {@link #listen} makes it a
 * server; {@link #connect} makes any object a client, even when the connect fails; {@link #accept}
 * returns a new client; {@link #close} never changes the class. A method called on the wrong class
 * throws {@link LuaError} ({@code calling 'send' on bad self (tcp{client} expected)}); which class each
 * method needs is the C code's rule, not the page's (getstats is client-only, connect works on any).
 *
 * <p>Results follow {@link org.mtcp the Lua-to-Java mapping}: LuaSocket's {@code 1} is {@code Integer 1},
 * {@code nil, err} is a failed {@link Result}, receive and send return {@link Received} and {@link Sent}.
 *
 * <p>Threads: one thread may receive (or accept) while another sends. {@link #close} may be called from
 * any thread at any time; a receive, send, accept or connect blocked on this object then returns
 * {@code "closed"}. An object nobody references any more is closed by a {@link Cleaner}, as LuaSocket
 * closes on garbage collection.
 */
public final class Tcp implements Selectable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "mtcp-cleaner");
        t.setDaemon(true);
        return t;
    });
    private static final byte[] EMPTY = new byte[0];
    private static final Integer ONE = 1;
    /**
     * Most bytes one transport write takes. C LuaSocket steps by 8192; a bigger step changes only the
     * number of syscalls: the kernel accepts what fits either way, so the count sent by a send that times
     * out or fails is the same.
     */
    static final int SEND_STEP = 64 * 1024;
    /** Default listen backlog. */
    public static final int DEFAULT_BACKLOG = 32;

    /** The three classes of TCP object. */
    public enum Kind {
        MASTER("tcp{master}"), CLIENT("tcp{client}"), SERVER("tcp{server}");

        private final String className;

        Kind(String className) {
            this.className = className;
        }

        /** LuaSocket's class name, e.g. {@code "tcp{client}"}. */
        public String className() {
            return className;
        }
    }

    /** The descriptor, shared with the Cleaner's action (which must not reach the Tcp itself). */
    private static final class Descriptor implements Runnable {
        final Transport transport;
        final AtomicInteger fd;
        /** Set by close(): a run() without it is the Cleaner's, for an object that was dropped open. */
        volatile boolean closing;
        /** Where the object was made: its class and thread, with the stack when {@value #LEAK_STACKS_PROPERTY}. */
        volatile String origin;
        volatile Throwable originStack;

        Descriptor(Transport transport, int fd) {
            this.transport = transport;
            this.fd = new AtomicInteger(fd);
        }

        @Override
        public void run() {
            int old = fd.getAndSet(-1);
            if (old >= 0 && !closing) {
                leaked(old, this);
            }
            if (old >= 0) {
                try {
                    transport.close(old);
                } catch (ErrnoException alreadyClosed) {
                    // close() is idempotent: a descriptor closed elsewhere is fine.
                }
            }
        }
    }

    /**
     * System property: {@code -Dmtcp.leak.stacks=true} records the stack where each socket object is made, so
     * that the warning for one the Cleaner closes shows it (costs a stack walk per object; off by default).
     */
    public static final String LEAK_STACKS_PROPERTY = "mtcp.leak.stacks";
    private static final System.Logger LOG = System.getLogger("org.mtcp.luasocket");
    private static final AtomicLong LEAKS = new AtomicLong();

    /**
     * A socket object was dropped without close() and the Cleaner closed its descriptor: logged on
     * {@code org.mtcp.luasocket}, naming where the object was made, as a WARNING for the first 10 and then
     * every power of two (a churn of dropped sockets cannot flood the log), as DEBUG otherwise.
     */
    private static void leaked(int fd, Descriptor d) {
        long n = LEAKS.incrementAndGet();
        System.Logger.Level level = n <= 10 || Long.bitCount(n) == 1 ? System.Logger.Level.WARNING
                : System.Logger.Level.DEBUG;
        if (!LOG.isLoggable(level)) {
            return;
        }
        String where = d.origin == null ? "" : " made " + d.origin;
        String what = "socket (fd " + fd + ", transport " + d.transport.name() + ")" + where
                + " was not closed; the Cleaner closed it after it became unreachable (" + n + " so far";
        if (d.originStack != null) {
            LOG.log(level, what + ")", d.originStack);
        } else {
            LOG.log(level, what + "; -D" + LEAK_STACKS_PROPERTY + "=true shows where it was made)");
        }
    }

    private final LuaSocket module;
    private final Transport transport;
    private final Descriptor descriptor;
    /** The Cleaner's registration while the object holds a descriptor; guarded by {@code descriptor}. */
    private Cleaner.Cleanable cleanable;
    private final Timeout tm = new Timeout();
    private final ReceiveBuffer buffer = new ReceiveBuffer();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Kind kind;
    private volatile Family family;
    private volatile long sent;
    private volatile long birthday = System.nanoTime();

    Tcp(LuaSocket module, Kind kind, int fd, Family family) {
        this.module = module;
        this.transport = module.transport();
        this.descriptor = new Descriptor(transport, -1);
        this.kind = kind;
        this.family = family;
        setDescriptor(fd);
    }

    // ---- class and identity --------------------------------------------------------------------------

    /** The class: master, client or server. */
    public Kind kind() {
        return kind;
    }

    /** LuaSocket's {@code sock.class}, e.g. {@code "tcp{master}"}. */
    public String className() {
        return kind.className();
    }

    /** {@code tostring(sock)}: {@code "tcp{client}: 0x…"}. */
    @Override
    public String toString() {
        return kind.className() + ": 0x" + Integer.toHexString(System.identityHashCode(this));
    }

    private void require(String method, Kind needed) {
        if (kind != needed) {
            throw LuaError.badSelf(method, needed.className());
        }
    }

    // ---- descriptors ---------------------------------------------------------------------------------

    /** {@code getfd()}: the descriptor, or -1 when there is none or the object is closed. */
    @Override
    public int getfd() {
        return descriptor.fd.get();
    }

    /** {@code setfd(fd)}: replaces the descriptor without closing the old one; returns nothing. */
    public void setfd(int fd) {
        setDescriptor(fd);
    }

    /**
     * Holds {@code fd}, registering with the Cleaner when there is none (a dropped object closes what it
     * holds, as LuaSocket's __gc does). {@link #close()} deregisters, so closed objects cost the GC nothing.
     */
    private void setDescriptor(int fd) {
        synchronized (descriptor) {
            descriptor.fd.set(fd);
            if (fd >= 0 && cleanable == null) {
                descriptor.closing = false;
                descriptor.origin = "as " + kind.className() + " on thread \"" + Thread.currentThread().getName()
                        + "\"";
                if (Boolean.getBoolean(LEAK_STACKS_PROPERTY)) {
                    descriptor.originStack = new Throwable("where the socket was made");
                }
                cleanable = CLEANER.register(this, descriptor);
            }
        }
    }

    /** {@code getfamily()}: {@code "inet6"} for IPv6, {@code "inet4"} for everything else. */
    public String getfamily() {
        return family == Family.INET6 ? "inet6" : "inet4";
    }

    /** {@code dirty()}: whether the read buffer holds bytes not yet handed out. */
    @Override
    public boolean dirty() {
        return buffer.isDirty();
    }

    /** {@code close()}: closes the descriptor (any thread, any time); always 1. The class is unchanged. */
    public int close() {
        destroy();
        return ONE;
    }

    private void destroy() {
        Cleaner.Cleanable c;
        descriptor.closing = true;
        synchronized (descriptor) {
            c = cleanable;
            cleanable = null;
        }
        if (c != null) {
            c.clean(); // runs descriptor.run() once and forgets the registration
        }
        descriptor.run();
    }

    private int createSocket(Family f) throws ErrnoException {
        int fd = module.createSocket(f);
        setDescriptor(fd);
        return fd;
    }

    // ---- master ----------------------------------------------------------------------------------------

    /**
     * {@code master:bind(address, port)}: {@code "*"} is the wildcard of the object's family; each
     * resolved address is tried in order (a new socket when none exists or the family differs).
     *
     * @return 1, or the resolver's or bind's error text
     */
    public Result<Integer> bind(Object address, Object port) {
        require("bind", Kind.MASTER);
        String host = LuaValues.checkText(address, 1, "bind");
        String service = LuaValues.checkText(port, 2, "bind");
        return bindWithFamily(host, service, family);
    }

    /** {@code master:setsockname(address, port)}: LuaSocket's other name for {@link #bind}. */
    public Result<Integer> setsockname(Object address, Object port) {
        require("setsockname", Kind.MASTER);
        return bind(address, port);
    }

    /** LuaSocket's {@code inet_trybind} with the resolver restricted to {@code hint} (socket.connect's local bind). */
    Result<Integer> bindWithFamily(String host, String service, Family hint) {
        writeLock.lock();
        try {
            List<SockAddr> resolved;
            try {
                resolved = transport.getaddrinfo("*".equals(host) ? null : host, service, hint, true);
            } catch (GaiException e) {
                return Result.fail(ErrorTexts.luaSocketGai(e));
            }
            String err = null;
            Family current = family;
            for (SockAddr a : resolved) {
                int fd = descriptor.fd.get();
                if (current != a.family() || fd < 0) {
                    destroy();
                    try {
                        fd = createSocket(a.family());
                    } catch (ErrnoException e) {
                        err = ErrorTexts.luaSocket(e.errno());
                        continue;
                    }
                    current = a.family();
                }
                try {
                    transport.bind(fd, a);
                    family = current;
                    return Result.ok(ONE);
                } catch (ErrnoException e) {
                    err = ErrorTexts.luaSocket(e.errno());
                }
            }
            return Result.fail(err);
        } finally {
            writeLock.unlock();
        }
    }

    /** {@code master:listen()} with LuaSocket's default backlog of 32. */
    public Result<Integer> listen() {
        return listen(null);
    }

    /**
     * {@code master:listen(backlog)}: on success the object becomes a server. A number or numeric
     * string; fractions are truncated.
     */
    public Result<Integer> listen(Object backlog) {
        require("listen", Kind.MASTER);
        int n = backlog == null ? DEFAULT_BACKLOG : (int) LuaValues.checkNumber(backlog, 1, "listen");
        writeLock.lock();
        try {
            int fd = descriptor.fd.get();
            if (fd < 0) {
                return Result.fail(ErrorTexts.luaSocket(Errno.EBADF));
            }
            try {
                transport.listen(fd, n);
            } catch (ErrnoException e) {
                return Result.fail(ErrorTexts.luaSocket(e.errno()));
            }
            kind = Kind.SERVER;
            return Result.ok(ONE);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- server ----------------------------------------------------------------------------------------

    /**
     * {@code server:accept()}: a new client (timeouts -1,-1, this server's family, fresh stats), or
     * {@code "timeout"} when this server's timeouts run out, {@code "closed"} when it is closed.
     */
    public Result<Tcp> accept() {
        require("accept", Kind.SERVER);
        readLock.lock();
        try {
            tm.markStart();
            int fd = descriptor.fd.get();
            if (fd < 0) {
                return Result.fail(ErrorTexts.CLOSED);
            }
            try {
                int client = transport.accept(fd, tm.waitNanos());
                if (client == Transport.TIMEOUT) {
                    return Result.fail(ErrorTexts.TIMEOUT);
                }
                return Result.ok(new Tcp(module, Kind.CLIENT, client, family));
            } catch (ErrnoException e) {
                return Result.fail(closedUnderUs(fd) ? ErrorTexts.CLOSED : ErrorTexts.luaSocket(e.errno()));
            }
        } finally {
            readLock.unlock();
        }
    }

    private boolean closedUnderUs(int fd) {
        return descriptor.fd.get() != fd;
    }

    // ---- any: connect ------------------------------------------------------------------------------------

    /**
     * {@code obj:connect(address, port)}: resolves within the object's family and tries each address
     * with the timeout clock restarted; with a block timeout of exactly 0 only the first is tried and the
     * result is {@code "timeout"} while the connection is in progress (call again after select reports the
     * object writable). The object becomes a client whatever the outcome.
     */
    public Result<Integer> connect(Object address, Object port) {
        String host = LuaValues.checkText(address, 1, "connect");
        String service = LuaValues.checkText(port, 2, "connect");
        writeLock.lock();
        try {
            String err = tryConnect(host, service);
            kind = Kind.CLIENT;
            return err == null ? Result.ok(ONE) : Result.fail(err);
        } finally {
            writeLock.unlock();
        }
    }

    /** {@code obj:setpeername(address, port)}: LuaSocket's other name for {@link #connect}. */
    public Result<Integer> setpeername(Object address, Object port) {
        return connect(address, port);
    }

    /** LuaSocket's {@code inet_tryconnect}: null on success, else the error text. */
    String tryConnect(String host, String service) {
        tm.markStart();
        List<SockAddr> resolved;
        try {
            resolved = transport.getaddrinfo(host, service, family, false);
        } catch (GaiException e) {
            return ErrorTexts.luaSocketGai(e);
        }
        String err = null;
        Family current = family;
        for (SockAddr a : resolved) {
            tm.markStart();
            int fd = descriptor.fd.get();
            if (current != a.family() || fd < 0) {
                destroy();
                try {
                    fd = createSocket(a.family());
                } catch (ErrnoException e) {
                    err = ErrorTexts.luaSocket(e.errno());
                    continue;
                }
                current = a.family();
            }
            int status;
            try {
                int r = transport.connect(fd, a, 0);
                status = r != Transport.TIMEOUT ? IoStatus.DONE
                        : tm.isZero() ? IoStatus.TIMEOUT : awaitConnect(fd);
            } catch (ErrnoException e) {
                status = closedUnderUs(fd) ? IoStatus.CLOSED : IoStatus.ofErrno(e.errno());
            }
            err = status == IoStatus.DONE ? null : IoStatus.message(status);
            if (err == null || tm.isZero()) {
                family = current;
                break;
            }
        }
        return err;
    }

    /**
     * LuaSocket's wait for a connect in progress: poll for readable or writable within the timeout, then
     * read the outcome from the pending error (C uses a zero-length recv). Like C, it does not call connect
     * again, so the kernel's "0 once" stays for the caller's next connect (then "already connected").
     */
    private int awaitConnect(int fd) throws ErrnoException {
        int[] revents = new int[1];
        int ready = transport.poll(new int[] {fd}, new int[] {Transport.POLLIN | Transport.POLLOUT}, revents, 1,
                tm.waitNanos());
        if (ready == 0) {
            return IoStatus.TIMEOUT;
        }
        if ((revents[0] & Transport.POLLNVAL) != 0) {
            return closedUnderUs(fd) ? IoStatus.CLOSED : IoStatus.ofErrno(Errno.EBADF);
        }
        if ((revents[0] & (Transport.POLLERR | Transport.POLLHUP)) == 0 && (revents[0] & Transport.POLLOUT) != 0) {
            // Writable with no error or hang-up: the connection is up (a failed one reports POLLERR), so
            // the pending-error read that C does with a zero-length recv would only say 0.
            return IoStatus.DONE;
        }
        int errno = (Integer) transport.getOption(fd, SocketOption.ERROR);
        return errno == 0 ? IoStatus.DONE : IoStatus.ofErrno(errno);
    }

    /** socket.connect's final step: the connected object becomes a client. */
    void becomeClient() {
        kind = Kind.CLIENT;
    }

    // ---- client: receive and send -----------------------------------------------------------------------

    /** {@code client:receive()}: one line ({@code "*l"}). */
    public Received receive() {
        return receive(null, null);
    }

    /** {@code client:receive(pattern)}; see {@link #receive(Object, Object)}. */
    public Received receive(Object pattern) {
        return receive(pattern, null);
    }

    /**
     * {@code client:receive(pattern, prefix)}. The pattern is {@code "*l"} (a line without its LF, every
     * CR dropped; the default), {@code "*a"} (until the peer closes; {@code "closed"} if nothing new came),
     * or a byte count (a Number or numeric string, truncated; the prefix counts toward it and a non-empty
     * prefix at least that long is returned with no I/O). {@code receive(0)} still reads once when the
     * buffer is empty. On failure the partial result is the prefix plus every byte consumed.
     *
     * @param pattern null, a String ({@code "*l"}, {@code "*a"}, {@code "10"}), byte[], or a Number
     * @param prefix null, a String (UTF-8), byte[], or a Number (as Lua's tostring)
     * @throws LuaError for an invalid pattern or a non-client object
     */
    public Received receive(Object pattern, Object prefix) {
        require("receive", Kind.CLIENT);
        byte[] pre = prefix == null ? EMPTY : LuaValues.checkString(prefix, 2, "receive");
        ReceivePattern p = ReceivePattern.parse(pattern);
        readLock.lock();
        try {
            tm.markStart();
            return buffer.receive(p, pre, this::recvStep);
        } finally {
            readLock.unlock();
        }
    }

    private int recvStep(byte[] dst, int off, int len) {
        int fd = descriptor.fd.get();
        if (fd < 0) {
            return IoStatus.CLOSED;
        }
        try {
            int n = transport.read(fd, dst, off, len, tm.waitNanos());
            if (n > 0) {
                return n;
            }
            return n == Transport.TIMEOUT ? IoStatus.TIMEOUT : IoStatus.CLOSED;
        } catch (ErrnoException e) {
            return closedUnderUs(fd) ? IoStatus.CLOSED : IoStatus.ofErrno(e.errno());
        }
    }

    /** {@code client:send(data)}: all of it. */
    public Sent send(Object data) {
        return send(data, 1, -1);
    }

    /** {@code client:send(data, i)}: from byte i to the end. */
    public Sent send(Object data, double i) {
        return send(data, i, -1);
    }

    /**
     * {@code client:send(data, i, j)}: bytes i..j (1-based, inclusive; negatives count from the end; i
     * and j truncated toward zero, i raised to 1, j lowered to the length). Goes out in steps of at most
     * 64 KiB within this object's timeouts.
     *
     * @param data a String (UTF-8), byte[], or a Number (as Lua's tostring)
     * @return {@code last} = bytes sent + i − 1, on success and on failure alike
     */
    public Sent send(Object data, double i, double j) {
        require("send", Kind.CLIENT);
        byte[] bytes = LuaValues.checkString(data, 1, "send");
        SendRange range = SendRange.of(bytes.length, i, j);
        writeLock.lock();
        try {
            tm.markStart();
            long done = 0;
            int status = IoStatus.DONE;
            long count = range.count();
            int base = (int) (range.first() - 1);
            while (done < count && status == IoStatus.DONE) {
                int step = (int) Math.min(count - done, SEND_STEP);
                int fd = descriptor.fd.get();
                if (fd < 0) {
                    status = IoStatus.CLOSED;
                    break;
                }
                try {
                    int n = transport.write(fd, bytes, base + (int) done, step, tm.waitNanos());
                    if (n == Transport.TIMEOUT) {
                        status = IoStatus.TIMEOUT;
                    } else {
                        done += n;
                    }
                } catch (ErrnoException e) {
                    status = closedUnderUs(fd) || e.errno() == Errno.EPIPE ? IoStatus.CLOSED
                            : IoStatus.ofErrno(e.errno());
                }
            }
            sent += done;
            long last = range.reported(done);
            return status == IoStatus.DONE ? Sent.ok(last) : Sent.fail(IoStatus.message(status), last);
        } finally {
            writeLock.unlock();
        }
    }

    /** {@code client:shutdown()}: both directions. */
    public int shutdown() {
        return shutdown(null);
    }

    /**
     * {@code client:shutdown(mode)}: {@code "receive"}, {@code "send"} or {@code "both"} (null). Always
     * returns 1; the OS result is ignored.
     *
     * @throws LuaError {@code invalid option 'x'} for any other mode
     */
    public int shutdown(String mode) {
        require("shutdown", Kind.CLIENT);
        int how;
        String m = mode == null ? "both" : mode;
        switch (m) {
            case "receive": how = Transport.SHUT_RD; break;
            case "send": how = Transport.SHUT_WR; break;
            case "both": how = Transport.SHUT_RDWR; break;
            default: throw LuaError.badArgument(1, "shutdown", "invalid option '" + m + "'");
        }
        int fd = descriptor.fd.get();
        if (fd >= 0) {
            try {
                transport.shutdown(fd, how);
            } catch (ErrnoException ignored) {
                // LuaSocket ignores shutdown's result.
            }
        }
        return ONE;
    }

    // ---- addresses -----------------------------------------------------------------------------------

    /** {@code getsockname()}: local IP, port and the object's family name, or the errno text. */
    public Result<SockName> getsockname() {
        return name(false);
    }

    /** {@code getpeername()}: peer IP, port and family name, or the errno text. */
    public Result<SockName> getpeername() {
        return name(true);
    }

    private Result<SockName> name(boolean peer) {
        int fd = descriptor.fd.get();
        if (fd < 0) {
            return Result.fail(ErrorTexts.luaSocket(Errno.EBADF));
        }
        try {
            SockAddr a = peer ? transport.remoteAddress(fd) : transport.localAddress(fd);
            return Result.ok(new SockName(a.hostText(), a.port(), familyName(family)));
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.luaSocket(e.errno()));
        }
    }

    static String familyName(Family f) {
        switch (f) {
            case INET: return "inet";
            case INET6: return "inet6";
            default: return "unspec";
        }
    }

    // ---- stats and timeouts -------------------------------------------------------------------------

    /** {@code client:getstats()}: bytes received (handed out), bytes sent, age in seconds. */
    public Stats getstats() {
        require("getstats", Kind.CLIENT);
        return new Stats(buffer.received(), sent, (System.nanoTime() - birthday) / 1e9);
    }

    /**
     * {@code client:setstats(received, sent, age)}: each null leaves that value alone; counts are
     * truncated; an age moves the birthday to now − age. Returns 1.
     */
    public int setstats(Double received, Double sentBytes, Double age) {
        require("setstats", Kind.CLIENT);
        if (received != null) {
            buffer.setReceived((long) received.doubleValue());
        }
        if (sentBytes != null) {
            sent = (long) sentBytes.doubleValue();
        }
        if (age != null) {
            double a = age;
            long nanos = Double.isFinite(a) ? (long) (a * 1e9) : 0;
            birthday = System.nanoTime() - nanos;
        }
        return ONE;
    }

    /** {@code settimeout(seconds)}: the block limit. */
    public int settimeout(double seconds) {
        return settimeout(seconds, null);
    }

    /**
     * {@code settimeout(value, mode)}: value null means -1 (no limit), a number or numeric string is
     * stored as given; mode's first character picks the limit: {@code b} block (the default), {@code t}
     * or {@code r} total. Returns 1.
     *
     * @throws LuaError {@code number expected, got T} or {@code invalid timeout mode}
     */
    public int settimeout(Object value, Object mode) {
        double t = value == null ? -1 : LuaValues.checkNumber(value, 1, "settimeout");
        String m = mode == null ? "b" : LuaValues.checkText(mode, 2, "settimeout");
        char c = m.isEmpty() ? '\0' : m.charAt(0);
        switch (c) {
            case 'b': tm.setBlock(t); break;
            case 't':
            case 'r':
                tm.setTotal(t);
                break;
            default: throw LuaError.badArgument(2, "settimeout", "invalid timeout mode");
        }
        return ONE;
    }

    /** {@code gettimeout()}: block and total, as set. */
    public Timeouts gettimeout() {
        return new Timeouts(tm.block(), tm.total());
    }

    // ---- options -----------------------------------------------------------------------------------------

    /** {@code setoption(name)} with no value: raises for every option that needs one, as LuaSocket does. */
    public Result<Integer> setoption(String name) {
        return setoption(name, NO_VALUE);
    }

    private static final Object NO_VALUE = new Object();

    /**
     * {@code setoption(name, value)}. Booleans for keepalive, reuseaddr, reuseport, tcp-nodelay,
     * ipv6-v6only; a {@link Linger} or a map {@code {on=Boolean, timeout=Number}} for linger; numbers
     * (Lua's tonumber; anything else counts as 0) for the tcp-keep*, buffer-size, defer-accept and
     * fastopen options; a string for bindtodevice.
     *
     * @return 1, or {@code "setsockopt failed"}
     * @throws LuaError {@code unsupported option `name'} or a value of the wrong type
     */
    public Result<Integer> setoption(String name, Object value) {
        SocketOption option = option(name, "setoption");
        if (!option.settable()) {
            throw unsupported("setoption", name);
        }
        Object v = optionValue(option, value);
        int fd = descriptor.fd.get();
        if (fd < 0) {
            return Result.fail("setsockopt failed");
        }
        try {
            transport.setOption(fd, option, v);
            return Result.ok(ONE);
        } catch (ErrnoException e) {
            return Result.fail("setsockopt failed");
        }
    }

    /**
     * {@code getoption(name)}: a Boolean, Integer, {@link Linger} or String; for {@code "error"} the
     * pending error's text, or a null value when there is none.
     *
     * @return the value, or {@code "getsockopt failed"}
     * @throws LuaError {@code unsupported option `name'} (ipv6-v6only included: it is set-only)
     */
    public Result<Object> getoption(String name) {
        SocketOption option = option(name, "getoption");
        if (!option.gettable()) {
            throw unsupported("getoption", name);
        }
        int fd = descriptor.fd.get();
        if (fd < 0) {
            return Result.fail("getsockopt failed");
        }
        try {
            Object v = transport.getOption(fd, option);
            if (option == SocketOption.ERROR) {
                int errno = (Integer) v;
                return Result.ok(errno == 0 ? null : ErrorTexts.luaSocket(errno));
            }
            return Result.ok(v);
        } catch (ErrnoException e) {
            return Result.fail("getsockopt failed");
        }
    }

    private static SocketOption option(String name, String method) {
        if (name == null) {
            throw LuaError.typeError(1, method, "string", null);
        }
        SocketOption option = SocketOption.ofLuaName(name);
        if (option == null) {
            throw unsupported(method, name);
        }
        return option;
    }

    private static LuaError unsupported(String method, String name) {
        String shown = name.length() > 35 ? name.substring(0, 35) : name;
        return LuaError.badArgument(1, method, "unsupported option `" + shown + "'");
    }

    private static Object optionValue(SocketOption option, Object value) {
        Class<?> type = option.type();
        if (type == Boolean.class) {
            if (!(value instanceof Boolean)) {
                throw value == NO_VALUE ? LuaError.badArgument(2, "setoption", "boolean expected, got no value")
                        : LuaError.typeError(2, "setoption", "boolean", value);
            }
            return value;
        }
        if (type == Integer.class) {
            Double d = value == NO_VALUE ? null : LuaValues.toNumber(value);
            return d == null ? 0 : (int) d.doubleValue();
        }
        if (type == Linger.class) {
            return linger(value);
        }
        if (value == NO_VALUE) {
            throw LuaError.badArgument(2, "setoption", "string expected, got no value");
        }
        return LuaValues.checkText(value, 2, "setoption");
    }

    private static Linger linger(Object value) {
        if (value instanceof Linger) {
            return (Linger) value;
        }
        if (!(value instanceof Map)) {
            throw value == NO_VALUE ? LuaError.badArgument(2, "setoption", "table expected, got no value")
                    : LuaError.typeError(2, "setoption", "table", value);
        }
        Map<?, ?> table = (Map<?, ?>) value;
        Object on = table.get("on");
        if (!(on instanceof Boolean)) {
            throw LuaError.badArgument(2, "setoption", "boolean 'on' field expected");
        }
        Double timeout = LuaValues.toNumber(table.get("timeout"));
        if (timeout == null) {
            throw LuaError.badArgument(2, "setoption", "number 'timeout' field expected");
        }
        // C stores it in an unsigned short.
        return new Linger((Boolean) on, ((int) timeout.doubleValue()) & 0xffff);
    }
}
