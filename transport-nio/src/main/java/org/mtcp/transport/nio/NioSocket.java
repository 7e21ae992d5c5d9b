package org.mtcp.transport.nio;

import static org.mtcp.spi.Transport.POLLERR;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.spi.Transport.POLLOUT;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.JdkErrors;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * One descriptor: a Linux TCP socket emulated over NIO channels.
 *
 * <p>A Linux socket is created before anyone knows whether it will listen or connect; NIO needs to know.
 * So the socket starts as a non-blocking {@link SocketChannel}, which can be bound without listening
 * (bind errors and {@code getsockname} are real at once). {@link #listen} swaps it for a
 * {@link ServerSocketChannel} bound to the same address; a failed connect (which makes NIO close its
 * channel) swaps in a fresh one bound like the old. Options set by the user are remembered and applied
 * to every channel the descriptor gets; a listening socket keeps those its channel cannot hold and gives
 * them to each accepted socket, as Linux's accepted sockets inherit them.
 *
 * <p>What the kernel would know but NIO does not show (a pending connect error, a reset seen by an
 * earlier call, a receive side shut down, {@code IPV6_V6ONLY}) is kept here, so each primitive answers
 * as Linux would. State changes happen under this object's lock; the I/O paths read volatile fields.
 * Threads waiting in a selector are woken through the socket's registrations ({@link Reg}).
 */
final class NioSocket {
    /** {@link #tryRead}/{@link #tryWrite}: the call would block. */
    static final int WOULD_BLOCK = -3;
    /** {@link #connectCall}: a connection was started (or is still in progress) and is not finished. */
    static final int IN_PROGRESS = 1;
    /** The handle of a descriptor that is not open, for poll entries. */
    static final NioSocket INVALID = new NioSocket(Family.INET, null, SocketState.CLOSED);

    private static final Reg[] NO_REGS = new Reg[0];

    final Family family;
    private volatile SocketState state;
    private volatile SocketChannel ch;
    private ServerSocketChannel server;
    /** The address the user bound, for re-binding a replacement channel. */
    private SockAddr boundRequest;
    /** Emulated {@code IPV6_V6ONLY}. */
    private boolean v6only;
    /** Emulated {@code SO_ERROR} of a failed connect. */
    private volatile int pendingError;
    /** Whether a connect call has returned 0 for this connection (the next one gets EISCONN). */
    private boolean connectReported;
    private volatile boolean rdShut;
    private volatile boolean wrShut;
    /** The connection is gone (reset, timed out): Linux's socket is in state CLOSE. */
    private volatile boolean dead;
    /** A read saw end of stream: Linux's {@code RCV_SHUTDOWN}. */
    private volatile boolean peerEof;
    /** Bumped by every change a waiter may wait for; see {@link NioTransport}. */
    private volatile int version;
    /** Options the user set, to re-apply to a replacement channel (null until the first). */
    private EnumMap<SocketOption, Object> explicit;
    /** On a listening socket: values of the options its channel cannot hold. */
    private EnumMap<SocketOption, Object> held;
    /** The linger time Linux still reports while linger is off. */
    private int lingerTime;
    /** Registrations of the current channel, one per slot; copy-on-write. */
    private volatile Reg[] regs = NO_REGS;
    /** The wait slot this socket used last, asked for again so its interest stays set (a hint only). */
    Slot waitSlot;
    /** The newest of {@link #regs}, checked first (set and cleared under the lock only). */
    private volatile Reg lastReg;

    /** See {@link #readWaitsFirst}. */
    private boolean readBlockedLast;

    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private ByteBuffer readBuf;
    private byte[] readArray;
    private ByteBuffer writeBuf;
    private byte[] writeArray;

    private NioSocket(Family family, SocketChannel ch, SocketState state) {
        this.family = family;
        this.ch = ch;
        this.state = state;
    }

    /** A new unconnected socket. */
    static NioSocket open(Family family) throws ErrnoException {
        return new NioSocket(family, newChannel(family), SocketState.FRESH);
    }

    private static SocketChannel newChannel(Family family) throws ErrnoException {
        try {
            SocketChannel c = SocketChannel.open(Addresses.protocol(family));
            c.configureBlocking(false);
            return c;
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.EAFNOSUPPORT, e); // no IPv6 here
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        }
    }

    SocketState state() {
        return state;
    }

    int version() {
        return version;
    }

    // ---- registrations -----------------------------------------------------------------------------

    /**
     * This socket's registration with a slot's selector, made on first use; null once the socket is
     * closed. The registration lives as long as the channel.
     */
    Reg reg(Slot s) throws ErrnoException {
        Reg hint = lastReg;
        if (hint != null && hint.slot == s) {
            return hint;
        }
        for (Reg r : regs) {
            if (r.slot == s) {
                return r;
            }
        }
        synchronized (this) {
            for (Reg r : regs) {
                if (r.slot == s) {
                    return r;
                }
            }
            SelectableChannel c = state == SocketState.LISTENING ? server : ch;
            if (state == SocketState.CLOSED || c == null) {
                return null;
            }
            SelectionKey k;
            try {
                k = c.register(s.selector(), 0);
            } catch (ClosedChannelException e) {
                return null;
            } catch (ClosedSelectorException e) {
                throw new ErrnoException(Errno.EBADF, e);
            } catch (CancelledKeyException e) {
                // An old key of this channel is still waiting to be deregistered: let the slot do it.
                s.flush();
                try {
                    k = c.register(s.selector(), 0);
                } catch (ClosedChannelException | CancelledKeyException again) {
                    return null;
                }
            }
            Reg r = new Reg(s, k, this);
            k.attach(r);
            lastReg = r;
            Reg[] old = regs;
            Reg[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = r;
            regs = grown;
            return r;
        }
    }

    /** Cancels every registration (the channel is about to go); the caller flushes them. Under the lock. */
    private Reg[] detachRegs() {
        Reg[] old = regs;
        regs = NO_REGS;
        lastReg = null;
        for (Reg r : old) {
            r.key.cancel();
        }
        return old;
    }

    /** Makes the selectors drop cancelled registrations now, so the JDK closes the channel when asked. */
    private static void flush(Reg[] rs) {
        for (Reg r : rs) {
            r.slot.flush();
        }
    }

    /** Records a change waiters may care about and returns who to wake. Under the lock. */
    private Reg[] changed() {
        version++;
        return regs;
    }

    private static void wake(Reg[] rs) {
        for (Reg r : rs) {
            r.slot.signal();
        }
    }

    // ---- bind / listen / accept ------------------------------------------------------------------

    synchronized void bind(SockAddr a) throws ErrnoException {
        switch (state) {
            case CLOSED:
                throw new ErrnoException(Errno.EBADF);
            case FRESH:
            case FAILED:
                break;
            default:
                throw new ErrnoException(Errno.EINVAL); // already bound by listen or connect
        }
        Addresses.checkFamily(family, a);
        if (v6only && a.isV4Mapped()) {
            throw new ErrnoException(Errno.EINVAL);
        }
        SocketChannel c = channel();
        try {
            if (c.getLocalAddress() != null) {
                throw new ErrnoException(Errno.EINVAL);
            }
            c.bind(Addresses.toJdk(a));
        } catch (IOException | RuntimeException e) {
            throw errno(e);
        }
        boundRequest = a;
    }

    /**
     * Turns the socket into a listening one: a {@link ServerSocketChannel} bound to the address the
     * socket has (the family's wildcard and an ephemeral port if none), with the user's options.
     */
    synchronized void listen(int backlog) throws ErrnoException {
        switch (state) {
            case CLOSED:
                throw new ErrnoException(Errno.EBADF);
            case LISTENING:
                return; // Linux only updates the backlog, which NIO cannot change
            case FRESH:
                break;
            default:
                throw new ErrnoException(Errno.EINVAL);
        }
        SocketChannel old = channel();
        InetSocketAddress local = localOf(old);
        if (v6only && (local == null || local.getAddress().isAnyLocalAddress())) {
            // NIO sockets are dual-stack: listening on "::" would take IPv4 clients too. Refused rather
            // than silently broken (IPV6_V6ONLY is a documented security property; KERNEL_V6ONLY not declared).
            throw new ErrnoException(Errno.EOPNOTSUPP);
        }
        flush(detachRegs());
        ServerSocketChannel s;
        try {
            s = ServerSocketChannel.open(Addresses.protocol(family));
            s.configureBlocking(false);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.EAFNOSUPPORT, e);
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        }
        EnumMap<SocketOption, Object> keep = new EnumMap<>(SocketOption.class);
        try {
            // The JDK opens listening channels with SO_REUSEADDR on; a Linux socket has it off.
            Object reuse = explicit != null && explicit.containsKey(SocketOption.REUSEADDR)
                    ? explicit.get(SocketOption.REUSEADDR) : Boolean.FALSE;
            Options.set(s, StandardSocketOptions.SO_REUSEADDR, reuse);
            for (SocketOption o : Options.SUPPORTED) {
                java.net.SocketOption<?> jo = Options.jdk(o);
                if (jo == null || o == SocketOption.REUSEADDR) {
                    continue;
                }
                Object mine = explicit == null ? null : explicit.get(o);
                if (s.supportedOptions().contains(jo)) {
                    if (mine != null) {
                        Options.set(s, jo, Options.toJdk(o, mine));
                    }
                } else {
                    keep.put(o, mine != null ? canonical(o, mine) : Options.fromJdk(o, Options.get(old, jo), lingerTime));
                }
            }
        } catch (ErrnoException e) {
            closeQuietly(s);
            throw e;
        }
        closeQuietly(old);
        try {
            s.bind(local != null ? local : Addresses.wildcard(family), backlog);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            ch = replacement(local); // a socket whose listen failed is still bound
            throw errno(e);
        }
        server = s;
        ch = null;
        held = keep;
        state = SocketState.LISTENING;
        changed();
    }

    /** One non-blocking accept: the new socket, or null if none is pending. */
    NioSocket tryAccept() throws ErrnoException {
        ServerSocketChannel s;
        boolean v6;
        List<Map.Entry<SocketOption, Object>> inherit;
        int linger;
        synchronized (this) {
            if (state == SocketState.CLOSED) {
                throw new ErrnoException(Errno.EBADF);
            }
            if (state != SocketState.LISTENING) {
                throw new ErrnoException(Errno.EINVAL);
            }
            s = server;
            v6 = v6only;
            inherit = inheritable();
            linger = lingerTime;
        }
        for (;;) {
            SocketChannel c;
            try {
                c = s.accept();
            } catch (IOException | RuntimeException e) {
                if (state == SocketState.CLOSED) {
                    throw new ErrnoException(Errno.EBADF, e);
                }
                if (state != SocketState.LISTENING) {
                    throw new ErrnoException(Errno.EINVAL, e);
                }
                throw errno(e);
            }
            if (c == null) {
                return null;
            }
            try {
                if (v6 && Addresses.isV4Peer(c.getRemoteAddress())) {
                    // Emulated IPV6_V6ONLY: an IPv4 client could not have reached a v6-only listener.
                    reject(c);
                    continue;
                }
                c.configureBlocking(false);
                NioSocket a = new NioSocket(family, c, SocketState.CONNECTED);
                a.connectReported = true;
                a.v6only = v6;
                a.lingerTime = linger;
                for (Map.Entry<SocketOption, Object> e : inherit) {
                    a.remember(e.getKey(), e.getValue());
                    try {
                        Options.set(c, Options.jdk(e.getKey()), Options.toJdk(e.getKey(), e.getValue()));
                    } catch (ErrnoException refused) {
                        // The listener accepted this value; a connection is not dropped over it.
                    }
                }
                return a;
            } catch (IOException e) {
                // The connection died before it could be handed over; take the next one.
                closeQuietly(c);
            }
        }
    }

    /** Options the listener holds for its accepted sockets (those its channel cannot hold). Under the lock. */
    private List<Map.Entry<SocketOption, Object>> inheritable() {
        List<Map.Entry<SocketOption, Object>> out = new ArrayList<>(2);
        if (explicit != null) {
            for (Map.Entry<SocketOption, Object> e : explicit.entrySet()) {
                java.net.SocketOption<?> jo = Options.jdk(e.getKey());
                if (jo != null && !server.supportedOptions().contains(jo)) {
                    out.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    private static void reject(SocketChannel c) {
        try {
            c.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // A plain close will do.
        }
        closeQuietly(c);
    }

    // ---- connect ---------------------------------------------------------------------------------

    /**
     * One look at a connect, with Linux's answers: 0 when connected (once), EISCONN after that,
     * the failure's errno once (ECONNABORTED if something else read it first) leaving the socket
     * unconnected, or {@link #IN_PROGRESS}. A connect is started only if {@code mayStart}.
     */
    synchronized int connectCall(SockAddr remote, boolean mayStart) throws ErrnoException {
        switch (state) {
            case CLOSED:
                throw new ErrnoException(Errno.EBADF);
            case LISTENING:
                throw new ErrnoException(Errno.EISCONN);
            case CONNECTED:
                return reportConnected();
            case FAILED:
                throw reportFailure();
            case CONNECTING:
                pollConnect();
                if (state == SocketState.CONNECTED) {
                    return reportConnected();
                }
                if (state == SocketState.FAILED) {
                    throw reportFailure();
                }
                return IN_PROGRESS;
            default:
                if (!mayStart) {
                    throw new ErrnoException(Errno.ECONNABORTED); // another call reported this failure
                }
                return start(remote);
        }
    }

    private int reportConnected() throws ErrnoException {
        if (connectReported) {
            throw new ErrnoException(Errno.EISCONN);
        }
        connectReported = true;
        return 0;
    }

    private ErrnoException reportFailure() {
        int e = pendingError != 0 ? pendingError : Errno.ECONNABORTED;
        pendingError = 0;
        state = SocketState.FRESH;
        changed();
        return new ErrnoException(e);
    }

    private int start(SockAddr remote) throws ErrnoException {
        SocketChannel c = channel();
        Addresses.checkFamily(family, remote);
        if (v6only && remote.isV4Mapped()) {
            throw new ErrnoException(Errno.ENETUNREACH); // what tcp_v6_connect says on a v6-only socket
        }
        boolean done;
        try {
            done = c.connect(Addresses.connectTarget(remote));
        } catch (IOException | RuntimeException e) {
            ErrnoException x = errno(e);
            if (!c.isOpen()) {
                ch = replacement(boundJdk()); // NIO closed its channel; the Linux socket lives on
            }
            throw x;
        }
        connectReported = done;
        state = done ? SocketState.CONNECTED : SocketState.CONNECTING;
        changed();
        return done ? 0 : IN_PROGRESS;
    }

    /** Finishes a connect if it has finished in the kernel. Under the lock. */
    private void pollConnect() {
        if (state != SocketState.CONNECTING) {
            return;
        }
        SocketChannel c = ch;
        try {
            if (c.finishConnect()) {
                state = SocketState.CONNECTED;
                changed();
            }
        } catch (IOException | RuntimeException e) {
            int err = JdkErrors.errno(e);
            // NIO has closed the channel; make the selectors let go of it so its descriptor (and any
            // bound port) is really released, then stand up a fresh unconnected one, bound as before.
            flush(detachRegs());
            closeQuietly(c);
            ch = replacement(boundJdk());
            pendingError = err;
            connectReported = false;
            state = SocketState.FAILED;
            changed();
        }
    }

    /** The state after finishing a connect that has completed, for callers outside the lock. */
    synchronized SocketState advance() {
        pollConnect();
        return state;
    }

    // ---- read / write ----------------------------------------------------------------------------

    /**
     * Whether a read with a wait should select before its first try: the last read's first try found
     * nothing, and nothing says the socket is anything but a plain connection. A hint, raced benignly.
     */
    boolean readWaitsFirst() {
        return readBlockedLast && state == SocketState.CONNECTED && !rdShut && !peerEof && !dead;
    }

    void readWouldBlock() {
        readBlockedLast = true;
    }

    /** A read got {@code n} of {@code len}: a full buffer suggests more is queued (bulk), so try first. */
    void readDone(int n, int len) {
        if (n >= len || n < 0) {
            readBlockedLast = false;
        }
    }

    /** Interest for a read wait in the current state. */
    int readOps() {
        return state == SocketState.CONNECTING ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ;
    }

    /** Interest for a write wait in the current state. */
    int writeOps() {
        return state == SocketState.CONNECTING ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
    }

    /** One non-blocking read: a count, {@link Transport#EOF} or {@link #WOULD_BLOCK}. */
    int tryRead(byte[] dst, int off, int len) throws ErrnoException {
        for (;;) {
            switch (state) {
                case CLOSED:
                    throw new ErrnoException(Errno.EBADF);
                case FRESH:
                case LISTENING:
                    throw new ErrnoException(Errno.ENOTCONN);
                case FAILED:
                    synchronized (this) {
                        if (state != SocketState.FAILED) {
                            continue;
                        }
                        int e = pendingError;
                        if (e != 0) {
                            pendingError = 0;
                            throw new ErrnoException(e);
                        }
                        return Transport.EOF; // both directions are shut on a failed connection
                    }
                case CONNECTING:
                    if (advance() == SocketState.CONNECTING) {
                        return WOULD_BLOCK;
                    }
                    continue;
                default:
                    break;
            }
            if (dead) {
                return Transport.EOF; // Linux: once a reset has been reported, reads see end of stream
            }
            synchronized (readLock) {
                try {
                    int n = ch.read(readBuffer(dst, off, len));
                    if (n > 0) {
                        return n;
                    }
                    if (n < 0) {
                        peerEof = true;
                        return Transport.EOF;
                    }
                    return rdShut ? Transport.EOF : WOULD_BLOCK;
                } catch (IOException | RuntimeException e) {
                    throw ioFailure(e);
                }
            }
        }
    }

    /** One non-blocking write: a count or {@link #WOULD_BLOCK}. */
    int tryWrite(byte[] src, int off, int len) throws ErrnoException {
        for (;;) {
            switch (state) {
                case CLOSED:
                    throw new ErrnoException(Errno.EBADF);
                case FRESH:
                case LISTENING:
                    throw new ErrnoException(Errno.EPIPE); // Linux: sending on an unconnected TCP socket
                case FAILED:
                    synchronized (this) {
                        if (state != SocketState.FAILED) {
                            continue;
                        }
                        int e = pendingError;
                        pendingError = 0;
                        throw new ErrnoException(e != 0 ? e : Errno.EPIPE);
                    }
                case CONNECTING:
                    if (advance() == SocketState.CONNECTING) {
                        return WOULD_BLOCK;
                    }
                    continue;
                default:
                    break;
            }
            if (wrShut || dead) {
                throw new ErrnoException(Errno.EPIPE);
            }
            synchronized (writeLock) {
                try {
                    int n = ch.write(writeBuffer(src, off, len));
                    return n > 0 ? n : WOULD_BLOCK;
                } catch (ClosedChannelException e) {
                    // The JDK says "closed" for a channel whose output was shut meanwhile; Linux says EPIPE.
                    throw new ErrnoException(state == SocketState.CLOSED ? Errno.EBADF : Errno.EPIPE, e);
                } catch (IOException | RuntimeException e) {
                    throw ioFailure(e);
                }
            }
        }
    }

    /** A heap buffer over the caller's array, reused while the caller reuses the array. */
    private ByteBuffer readBuffer(byte[] a, int off, int len) {
        ByteBuffer b = readBuf;
        if (b == null || readArray != a) {
            b = ByteBuffer.wrap(a);
            readBuf = b;
            readArray = a;
        }
        b.limit(off + len).position(off);
        return b;
    }

    private ByteBuffer writeBuffer(byte[] a, int off, int len) {
        ByteBuffer b = writeBuf;
        if (b == null || writeArray != a) {
            b = ByteBuffer.wrap(a);
            writeBuf = b;
            writeArray = a;
        }
        b.limit(off + len).position(off);
        return b;
    }

    /** The errno of a failed read or write; a connection-ending one marks the connection dead. */
    private ErrnoException ioFailure(Exception e) {
        if (state == SocketState.CLOSED) {
            return new ErrnoException(Errno.EBADF, e);
        }
        int err = JdkErrors.errno(e);
        switch (err) {
            case Errno.ECONNRESET:
            case Errno.EPIPE:
            case Errno.ETIMEDOUT:
            case Errno.EHOSTUNREACH:
            case Errno.ENETUNREACH:
            case Errno.ECONNABORTED:
                dead = true;
                break;
            default:
                break;
        }
        return new ErrnoException(err, e);
    }

    // ---- shutdown / close ------------------------------------------------------------------------

    /**
     * Shuts down one or both directions. The receive side is emulated as Linux behaves: reads return
     * end of stream once nothing is queued (data that still arrives is delivered), poll shows POLLIN.
     */
    void shutdown(int how) throws ErrnoException {
        if (how < Transport.SHUT_RD || how > Transport.SHUT_RDWR) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Reg[] toWake;
        synchronized (this) {
            if (state == SocketState.CONNECTING) {
                pollConnect();
            }
            switch (state) {
                case CLOSED:
                    throw new ErrnoException(Errno.EBADF);
                case LISTENING:
                    if (how == Transport.SHUT_WR) {
                        return;
                    }
                    stopListening();
                    break;
                case CONNECTED:
                    if (dead) {
                        throw new ErrnoException(Errno.ENOTCONN);
                    }
                    if (how != Transport.SHUT_WR) {
                        rdShut = true;
                    }
                    if (how != Transport.SHUT_RD && !wrShut) {
                        wrShut = true; // first, so writers stop before the JDK starts refusing them
                        try {
                            ch.shutdownOutput();
                        } catch (IOException | RuntimeException e) {
                            throw errno(e);
                        }
                    }
                    break;
                default:
                    throw new ErrnoException(Errno.ENOTCONN);
            }
            toWake = changed();
        }
        wake(toWake);
    }

    /**
     * Linux's shutdown of a listening socket's receive side: it stops listening (blocked accepts fail
     * with EINVAL) and stays bound, so it can listen again. Under the lock.
     */
    private void stopListening() {
        InetSocketAddress local = localOf(server);
        flush(detachRegs());
        closeQuietly(server);
        server = null;
        held = null;
        ch = replacement(local);
        state = SocketState.FRESH;
    }

    /** Closes the socket: the selectors let go of it first, so the descriptor closes now, with Linux's close semantics. */
    void close() {
        Reg[] old;
        SocketChannel c;
        ServerSocketChannel s;
        synchronized (this) {
            if (state == SocketState.CLOSED) {
                return;
            }
            state = SocketState.CLOSED;
            version++;
            old = detachRegs();
            c = ch;
            s = server;
        }
        flush(old);
        closeQuietly(c);
        closeQuietly(s);
    }

    // ---- addresses -------------------------------------------------------------------------------

    synchronized SockAddr localAddress() throws ErrnoException {
        try {
            switch (state) {
                case CLOSED:
                    throw new ErrnoException(Errno.EBADF);
                case LISTENING:
                    return Addresses.fromJdk(family, server.getLocalAddress());
                default:
                    SocketAddress a = channel().getLocalAddress();
                    return a == null ? Addresses.unbound(family) : Addresses.fromJdk(family, a);
            }
        } catch (IOException | RuntimeException e) {
            throw errno(e);
        }
    }

    synchronized SockAddr remoteAddress() throws ErrnoException {
        pollConnect();
        if (state == SocketState.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (state != SocketState.CONNECTED || dead) {
            throw new ErrnoException(Errno.ENOTCONN);
        }
        try {
            return Addresses.fromJdk(family, ch.getRemoteAddress());
        } catch (IOException | RuntimeException e) {
            throw errno(e);
        }
    }

    // ---- options ---------------------------------------------------------------------------------

    synchronized void setOption(SocketOption o, Object value) throws ErrnoException {
        if (state == SocketState.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (!Options.SUPPORTED.contains(o) || o == SocketOption.ERROR) {
            throw new ErrnoException(Errno.ENOPROTOOPT);
        }
        Options.checkType(o, value);
        if (o == SocketOption.IPV6_V6ONLY) {
            if (family != Family.INET6) {
                throw new ErrnoException(Errno.ENOPROTOOPT);
            }
            if (isBound()) {
                throw new ErrnoException(Errno.EINVAL); // Linux refuses once the socket has a port
            }
            v6only = (Boolean) value;
            return;
        }
        java.net.SocketOption<?> jo = Options.jdk(o);
        Object jv = Options.toJdk(o, value);
        if (state == SocketState.LISTENING && !server.supportedOptions().contains(jo)) {
            remember(o, value);
            held.put(o, canonical(o, value));
            return;
        }
        Options.set(state == SocketState.LISTENING ? server : channel(), jo, jv);
        remember(o, value);
    }

    synchronized Object getOption(SocketOption o) throws ErrnoException {
        if (state == SocketState.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (!Options.SUPPORTED.contains(o)) {
            throw new ErrnoException(Errno.ENOPROTOOPT);
        }
        if (o == SocketOption.ERROR) {
            pollConnect();
            int e = pendingError;
            pendingError = 0;
            return e;
        }
        if (o == SocketOption.IPV6_V6ONLY) {
            if (family != Family.INET6) {
                throw new ErrnoException(Errno.ENOPROTOOPT);
            }
            return v6only;
        }
        java.net.SocketOption<?> jo = Options.jdk(o);
        if (state == SocketState.LISTENING) {
            if (!server.supportedOptions().contains(jo)) {
                return held.get(o);
            }
            return Options.fromJdk(o, Options.get(server, jo), lingerTime);
        }
        return Options.fromJdk(o, Options.get(channel(), jo), lingerTime);
    }

    /** Keeps a value the user set, for replacement channels and accepted sockets. Under the lock. */
    private void remember(SocketOption o, Object value) {
        if (explicit == null) {
            explicit = new EnumMap<>(SocketOption.class);
        }
        explicit.put(o, value);
        if (o == SocketOption.LINGER && ((Linger) value).on()) {
            lingerTime = ((Linger) value).timeout();
        }
    }

    /** A value as getOption reports it after it was set (a linger turned off keeps its old time). */
    private Object canonical(SocketOption o, Object value) {
        switch (o) {
            case LINGER:
                return ((Linger) value).on() ? value : new Linger(false, lingerTime);
            case RECV_BUFFER_SIZE:
            case SEND_BUFFER_SIZE:
                return Options.kernelBufferSize(o, (Integer) value);
            default:
                return value;
        }
    }

    private boolean isBound() throws ErrnoException {
        switch (state) {
            case FRESH:
            case FAILED:
                try {
                    return channel().getLocalAddress() != null;
                } catch (IOException e) {
                    throw JdkErrors.toErrno(e);
                }
            default:
                return true;
        }
    }

    // ---- poll ------------------------------------------------------------------------------------

    /**
     * What poll can say about this socket before selecting: the bits known from its state (low byte,
     * Linux {@code revents}) and the selector interest still needed (next byte). {@code ev} holds
     * POLLIN/POLLOUT. POLLERR and POLLHUP are reported whatever was asked, as Linux does.
     */
    int pollSetup(int ev) {
        int imm = 0;
        int ops = 0;
        switch (state) {
            case CLOSED:
                return POLLNVAL;
            case FRESH:
                imm = POLLHUP | (ev & POLLOUT); // an unconnected Linux TCP socket
                break;
            case FAILED:
                imm = POLLHUP | (ev & (POLLIN | POLLOUT)) | (pendingError != 0 ? POLLERR : 0);
                break;
            case LISTENING:
                ops = (ev & POLLIN) != 0 ? SelectionKey.OP_ACCEPT : 0;
                break;
            case CONNECTING:
                ops = SelectionKey.OP_CONNECT; // also to see a failure when only POLLIN is asked
                break;
            default:
                if (dead) {
                    imm = POLLHUP | (ev & (POLLIN | POLLOUT));
                    break;
                }
                boolean inShut = rdShut || peerEof;
                if (inShut) {
                    imm |= ev & POLLIN;
                } else if ((ev & POLLIN) != 0) {
                    ops |= SelectionKey.OP_READ;
                }
                if (wrShut) {
                    imm |= ev & POLLOUT;
                } else if ((ev & POLLOUT) != 0) {
                    ops |= SelectionKey.OP_WRITE;
                }
                if (inShut && wrShut) {
                    imm |= POLLHUP;
                }
                break;
        }
        return imm | ops << 8;
    }

    /** The poll bits once the selector reported {@code readyOps} for this socket. */
    int pollReady(int readyOps, int ev) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0 && state == SocketState.CONNECTING) {
            advance();
        }
        int known = pollSetup(ev) & 0xff;
        switch (state) {
            case LISTENING:
                return known | ((readyOps & SelectionKey.OP_ACCEPT) != 0 ? ev & POLLIN : 0);
            case CONNECTED: {
                int b = 0;
                if ((readyOps & SelectionKey.OP_READ) != 0) {
                    b |= POLLIN;
                }
                if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
                    b |= POLLOUT;
                }
                return known | (b & ev);
            }
            default:
                return known;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The unconnected channel, or ENOBUFS if a replacement could not be made (descriptors ran out). */
    private SocketChannel channel() throws ErrnoException {
        SocketChannel c = ch;
        if (c == null) {
            throw new ErrnoException(Errno.ENOBUFS);
        }
        return c;
    }

    /**
     * A fresh unconnected channel with the user's options, bound to {@code bindTo} if given (best
     * effort: the old port may be gone), or null if none can be opened.
     */
    private SocketChannel replacement(InetSocketAddress bindTo) {
        SocketChannel c;
        try {
            c = newChannel(family);
        } catch (ErrnoException e) {
            return null;
        }
        if (explicit != null) {
            for (Map.Entry<SocketOption, Object> e : explicit.entrySet()) {
                java.net.SocketOption<?> jo = Options.jdk(e.getKey());
                if (jo != null) {
                    try {
                        Options.set(c, jo, Options.toJdk(e.getKey(), e.getValue()));
                    } catch (ErrnoException ignored) {
                        // It was accepted once; the kernel will not refuse it now.
                    }
                }
            }
        }
        if (bindTo != null) {
            try {
                c.bind(bindTo);
            } catch (IOException | RuntimeException ignored) {
                // The port was taken meanwhile: the socket is left unbound.
            }
        }
        return c;
    }

    /**
     * Where a replacement channel should be bound: the user's bind. Linux keeps an explicitly bound port
     * after a failed connect, but lets a port the kernel picked go (the address stays); the emulation
     * then binds the address with a new port.
     */
    private InetSocketAddress boundJdk() {
        if (boundRequest == null || (boundRequest.port() == 0 && boundRequest.isWildcard())) {
            return null;
        }
        return Addresses.toJdk(boundRequest);
    }

    private static InetSocketAddress localOf(NetworkChannel c) {
        try {
            return (InetSocketAddress) c.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ErrnoException errno(Exception e) {
        if (e instanceof ErrnoException) {
            return (ErrnoException) e;
        }
        return new ErrnoException(JdkErrors.errno(e), e);
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Linux reports nothing useful from closing a socket here either.
            }
        }
    }
}
