package org.mtcp.transport.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.JdkErrors;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * One descriptor's socket: a Linux TCP socket's life emulated on java.net objects.
 *
 * <ul>
 *   <li>FRESH: an unconnected {@link Socket} (created lazily, may be bound: {@code Socket.bind} binds
 *       without listening). After a failed connect java.net has closed it; a new one is made on demand,
 *       with the options and the explicit local address replayed.</li>
 *   <li>CONNECTING: a pool thread runs the blocking {@code Socket.connect} (the caller's own thread when its
 *       wait is unlimited); callers wait on {@link #changed}.</li>
 *   <li>CONNECTED: reads are timed reads ({@code SO_TIMEOUT}) in the caller's thread, guarded by
 *       {@link #inputLock}; poll peeks one byte into {@link #pushback}. Writes with a bounded wait hand one
 *       chunk at a time to a pool thread, so a caller never blocks beyond its wait on a peer that does not
 *       read; a write with an unlimited wait writes on the caller's thread (a close closes the socket,
 *       which wakes it).</li>
 *   <li>LISTENING: a {@link ServerSocket} bound to the same address (java.net binds and listens at once),
 *       plus a shadow unbound {@link Socket} carrying the options a ServerSocket cannot hold, which Linux
 *       keeps on the listener and passes to accepted sockets. Poll accepts with a tiny timeout into
 *       {@link #pending}, which accept serves first.</li>
 * </ul>
 * Linux's pending socket error ({@code sk_err}) is emulated by {@link #pendingError} / {@link #connectErrno}:
 * one report, to whichever of read, write, connect or {@code SO_ERROR} comes first.
 */
final class SocketHandle {
    enum State { FRESH, CONNECTING, CONNECTED, LISTENING }

    /** How long a loopback connect may take on the caller's thread before a pool thread takes over. */
    static final int LOOPBACK_CONNECT_MILLIS = 2;
    /**
     * How long after a connect completes its input counts as known empty without a peek: the poll and
     * SO_ERROR that follow a non-blocking connect answer at once instead of spending a millisecond each
     * (the granularity of java.net's timed reads, so no finer answer is lost).
     */
    static final long FRESH_NANOS = 1_000_000L;

    /** The largest chunk one write with an unlimited wait writes on the caller's thread. */
    static final int WRITE_CHUNK = 64 * 1024;
    /**
     * The send queue's room: what bounded writes accept without waiting while the writer task is busy,
     * the emulated part of a send buffer (the kernel's own comes after it).
     */
    static final int SEND_QUEUE_BYTES = 64 * 1024;

    private final BlockingTransport transport;
    final Family family;

    /** Guards every field below; {@link #changed} is signalled on every state change. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Serializes use of the input stream (read and poll's peek) and of SO_TIMEOUT. */
    private final ReentrantLock inputLock = new ReentrantLock();
    /** Serializes {@code ServerSocket.accept} (accept and poll's peek). */
    private final ReentrantLock acceptLock = new ReentrantLock();

    private volatile boolean closed;
    /** Volatile (written under {@link #lock}) so the read path can skip the lock when nothing is special. */
    private volatile State state = State.FRESH;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ServerSocket server;
    private Socket shadow;
    private final ArrayDeque<Socket> pending = new ArrayDeque<>();

    /** The explicitly bound local address (with its real port), kept across a failed connect. */
    private SockAddr bound;
    /** Every option the user set, replayed on new sockets and passed to accepted ones. */
    private final Map<SocketOption, Object> explicit = new EnumMap<>(SocketOption.class);
    /** IPV6_V6ONLY as emulated. */
    private boolean v6only;
    /** SO_LINGER as Linux reports it: switching it off keeps the last timeout. */
    private Linger linger = new Linger(false, 0);

    private int connectGen;
    /** A finished connect's failure that nobody has been told about. */
    private int connectErrno;
    /** SO_ERROR took the connect failure: Linux's socket stays half-failed (next connect: ECONNABORTED). */
    private boolean connectErrorTaken;
    /** The connection was established while no connect call waited: the next connect returns 0. */
    private boolean connectUnreported;

    /** The socket whose SO_TIMEOUT is {@link #timedMillis}, as last set under {@link #inputLock}. */
    private Socket timedSocket;
    private int timedMillis;
    /** {@link System#nanoTime} until which a just-connected socket's input needs no peek; see FRESH_NANOS. */
    private long freshUntil;
    /** {@link BlockingTransport#acceptCount()} when the connect completed. */
    private long freshAccepts;
    private byte pushback;
    // The four below are written under lock and read without it by read's fast path.
    private volatile boolean hasPushback;
    private volatile boolean eofSeen;
    private volatile boolean readShutdown;
    private boolean writeShutdown;
    private boolean shutdownOutputPending;
    /** Emulated {@code sk_err} of a connected socket. */
    private volatile int pendingError;
    /** A reset was reported once; java.net keeps throwing it, Linux then reads EOF. */
    private boolean resetDelivered;
    /** A write failed: the connection is gone for writing. */
    private boolean writeBroken;
    /** A direct write or the writer task is running (the task runs while the send queue is not empty). */
    private boolean writeBusy;
    /** Chunks accepted by bounded writes and not yet written by the writer task, in order. */
    private final ArrayDeque<byte[]> sendQueue = new ArrayDeque<>();
    /** The bytes in {@link #sendQueue}. */
    private int queuedBytes;
    /** The write in progress runs on the caller's thread (unlimited wait), not on a pool thread. */
    private boolean directWrite;
    private long writeSeq;
    private long waitingSeq;
    private long completedSeq;
    private int completedErrno;
    /** Closed while a write was in flight: the writer closes the socket when it is done. */
    private boolean closeWhenWritten;

    SocketHandle(BlockingTransport transport, Family family) {
        this.transport = transport;
        this.family = family;
    }

    /** An accepted connection, inheriting the listener's options as Linux clones them. */
    static SocketHandle accepted(SocketHandle listener, Socket s) throws ErrnoException {
        SocketHandle h = new SocketHandle(listener.transport, listener.family);
        listener.lock.lock();
        try {
            h.explicit.putAll(listener.explicit);
            h.linger = listener.linger;
            h.v6only = listener.v6only;
        } finally {
            listener.lock.unlock();
        }
        for (Map.Entry<SocketOption, Object> e : h.explicit.entrySet()) {
            if (e.getKey() == SocketOption.REUSEADDR) {
                continue; // the ServerSocket holds it, and the kernel's accepted socket inherits it already
            }
            try {
                JavaOptions.set(s, e.getKey(), e.getValue());
            } catch (ErrnoException ignored) {
                // The listener accepted the value; a clone takes it too, so a failure here changes nothing.
            }
        }
        h.attachConnected(s);
        return h;
    }

    // ---------------------------------------------------------------- common

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF);
        }
    }

    private void attachConnected(Socket s) throws ErrnoException {
        try {
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        }
        socket = s;
        state = State.CONNECTED;
    }

    private void signal() {
        changed.signalAll();
    }

    /** The unconnected socket, made anew (options and explicit address replayed) when java.net closed it. */
    private Socket liveSocket() throws ErrnoException {
        if (socket != null) {
            return socket;
        }
        // A direct socket, as a kernel socket is: no SOCKS layer asking the proxy selector on every connect.
        Socket s = new Socket(Proxy.NO_PROXY);
        for (Map.Entry<SocketOption, Object> e : explicit.entrySet()) {
            try {
                JavaOptions.set(s, e.getKey(), e.getValue());
            } catch (ErrnoException ignored) {
                // Accepted once already on this descriptor.
            }
        }
        if (bound != null) {
            try {
                s.bind(bound.toInetSocketAddress());
            } catch (IOException e) {
                closeQuietly(s);
                throw JdkErrors.toErrno(e);
            }
        }
        socket = s;
        return s;
    }

    private boolean isBound() {
        return bound != null || state != State.FRESH;
    }

    private ErrnoException takeConnectError() {
        int e = connectErrno;
        connectErrno = 0;
        return new ErrnoException(e);
    }

    private ErrnoException takePendingError() {
        int e = pendingError;
        pendingError = 0;
        if (e == Errno.ECONNRESET) {
            resetDelivered = true;
        }
        return new ErrnoException(e);
    }

    private boolean peerGone() {
        return resetDelivered || writeBroken || pendingError != 0;
    }

    // ---------------------------------------------------------------- bind, listen, accept

    void bind(SockAddr local) throws ErrnoException {
        lock.lock();
        try {
            checkOpen();
            if (isBound() || connectErrno != 0 || connectErrorTaken) {
                throw new ErrnoException(Errno.EINVAL);
            }
            Addresses.checkFamily(family, local);
            if (v6only && local.isV4Mapped()) {
                throw new ErrnoException(Errno.EINVAL);
            }
            Socket s = liveSocket();
            try {
                s.bind(local.toInetSocketAddress());
            } catch (IOException e) {
                throw JdkErrors.toErrno(e);
            }
            bound = Addresses.bound(local, s.getLocalPort());
        } finally {
            lock.unlock();
        }
    }

    void listen(int backlog) throws ErrnoException {
        lock.lock();
        try {
            checkOpen();
            if (state == State.LISTENING) {
                return; // Linux only updates the backlog
            }
            if (state != State.FRESH || connectErrno != 0 || connectErrorTaken) {
                throw new ErrnoException(Errno.EINVAL);
            }
            SockAddr address = bound != null ? bound : Addresses.wildcard(family, 0);
            if (v6only && address.isWildcard()) {
                // java.net sockets are dual-stack: listening on "::" would take IPv4 clients too. Refused
                // rather than silently broken (IPV6_V6ONLY is a documented security property).
                throw new ErrnoException(Errno.EOPNOTSUPP);
            }
            if (socket != null) {
                closeQuietly(socket); // releases the port for the ServerSocket that takes it over
                socket = null;
            }
            ServerSocket ss = null;
            Socket sh = null;
            try {
                ss = new ServerSocket();
                ss.setReuseAddress(Boolean.TRUE.equals(explicit.get(SocketOption.REUSEADDR)));
                sh = new Socket();
                for (Map.Entry<SocketOption, Object> e : explicit.entrySet()) {
                    try {
                        if (JavaOptions.onServer(ss, e.getKey())) {
                            JavaOptions.set(ss, e.getKey(), e.getValue());
                        } else {
                            JavaOptions.set(sh, e.getKey(), e.getValue());
                        }
                    } catch (ErrnoException ignored) {
                        // Accepted once already on this descriptor.
                    }
                }
                ss.bind(address.toInetSocketAddress(), Math.max(1, backlog));
            } catch (IOException e) {
                closeQuietly(ss);
                closeQuietly(sh);
                ErrnoException failure = JdkErrors.toErrno(e);
                try {
                    liveSocket(); // stay bound, as the failed listen leaves the Linux socket
                } catch (ErrnoException ignored) {
                    // The address went to someone else meanwhile: the socket is left unbound.
                }
                throw failure;
            }
            server = ss;
            shadow = sh;
            state = State.LISTENING;
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** The accepted socket, or null on timeout; rejected peers (emulated v6only / IPv4 family) are reset. */
    Socket accept(long waitNanos) throws ErrnoException {
        Deadline d = Deadline.of(waitNanos);
        lock.lock();
        try {
            checkOpen();
            if (state != State.LISTENING) {
                throw new ErrnoException(Errno.EINVAL);
            }
            if (!pending.isEmpty()) {
                return pending.poll();
            }
        } finally {
            lock.unlock();
        }
        if (!d.lock(acceptLock)) {
            return null;
        }
        try {
            for (;;) {
                ServerSocket ss;
                lock.lock();
                try {
                    checkOpen();
                    if (state != State.LISTENING) {
                        throw new ErrnoException(Errno.EINVAL);
                    }
                    if (!pending.isEmpty()) {
                        return pending.poll();
                    }
                    ss = server;
                }  finally {
                    lock.unlock();
                }
                try {
                    ss.setSoTimeout(d.soTimeoutMillis());
                    Socket s = ss.accept();
                    if (acceptable(s)) {
                        return s;
                    }
                    abort(s);
                    if (d.expired()) {
                        return null;
                    }
                } catch (SocketTimeoutException e) {
                    checkOpen();
                    return null;
                } catch (IOException e) {
                    checkOpen();
                    int errno = JdkErrors.errno(e);
                    if (errno != Errno.ECONNABORTED && errno != Errno.EINTR) {
                        lock.lock();
                        try {
                            if (state != State.LISTENING) {
                                throw new ErrnoException(Errno.EINVAL);
                            }
                        } finally {
                            lock.unlock();
                        }
                        throw new ErrnoException(errno, e);
                    }
                }
            }
        } finally {
            acceptLock.unlock();
        }
    }

    /** Emulated listener filters: a v6only listener never sees IPv4 peers, an IPv4 one never IPv6 peers. */
    private boolean acceptable(Socket s) {
        boolean ipv6Peer = Addresses.isRealIpv6(s.getInetAddress());
        if (family == Family.INET) {
            return !ipv6Peer;
        }
        return ipv6Peer || !v6onlySnapshot();
    }

    private boolean v6onlySnapshot() {
        lock.lock();
        try {
            return v6only;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- connect

    int connect(SockAddr remote, long waitNanos) throws ErrnoException {
        Deadline d = Deadline.of(waitNanos);
        Socket s;
        InetSocketAddress target;
        int gen;
        lock.lock();
        try {
            checkOpen();
            switch (state) {
                case LISTENING:
                    throw new ErrnoException(Errno.EISCONN);
                case CONNECTED:
                    if (connectUnreported) {
                        connectUnreported = false;
                        return 0;
                    }
                    throw new ErrnoException(Errno.EISCONN);
                case CONNECTING:
                    return awaitConnect(d);
                default:
                    break;
            }
            if (connectErrno != 0) {
                throw takeConnectError();
            }
            if (connectErrorTaken) {
                connectErrorTaken = false;
                throw new ErrnoException(Errno.ECONNABORTED);
            }
            Addresses.checkFamily(family, remote);
            if (v6only && remote.isV4Mapped()) {
                throw new ErrnoException(Errno.ENETUNREACH);
            }
            s = liveSocket();
            target = Addresses.connectTarget(remote);
            gen = ++connectGen;
            state = State.CONNECTING;
            if (waitNanos >= 0 && !isLoopback(target)) {
                Socket cs = s;
                InetSocketAddress ct = target;
                int cg = gen;
                try {
                    transport.execute(() -> runConnect(cs, ct, cg));
                } catch (RejectedExecutionException e) {
                    state = State.FRESH;
                    throw new ErrnoException(Errno.EBADF, e);
                }
                return awaitConnect(d);
            }
        } finally {
            lock.unlock();
        }
        // An unlimited wait needs no pool thread: the caller connects itself, the state being CONNECTING
        // as for a pooled connect (a close or shutdown closes the socket, which wakes it). So does a
        // loopback connect, which finishes (or is refused) within the call unless the listener's queue is
        // full; then it moves to a pool thread after LOOPBACK_CONNECT_MILLIS.
        if (waitNanos < 0) {
            runConnect(s, target, gen);
        } else {
            runLoopbackConnect(s, target, gen);
        }
        lock.lock();
        try {
            if (waitNanos == 0 && checkOpenState() != State.CONNECTING) {
                // Linux reports "in progress" even when loopback finished at once; the outcome waits for
                // poll, SO_ERROR or the next connect, as it would there.
                return Transport.TIMEOUT;
            }
            return awaitConnect(d);
        } finally {
            lock.unlock();
        }
    }

    private State checkOpenState() throws ErrnoException {
        checkOpen();
        return state;
    }

    private static boolean isLoopback(InetSocketAddress target) {
        return target.getAddress() != null && target.getAddress().isLoopbackAddress();
    }

    /** A loopback connect on the caller's thread, handed to a pool thread if it does not finish at once. */
    private void runLoopbackConnect(Socket s, InetSocketAddress target, int gen) {
        try {
            s.connect(target, LOOPBACK_CONNECT_MILLIS);
        } catch (SocketTimeoutException e) {
            // java.net closed the socket: a fresh one (options and address replayed) tries on a pool thread.
            Socket retry = null;
            int errno = 0;
            lock.lock();
            try {
                if (closed || gen != connectGen || state != State.CONNECTING) {
                    return;
                }
                socket = null;
                retry = liveSocket();
                Socket rs = retry;
                transport.execute(() -> runConnect(rs, target, gen));
                return;
            } catch (ErrnoException | RejectedExecutionException failure) {
                errno = failure instanceof ErrnoException ee ? ee.errno() : Errno.EBADF;
                state = State.FRESH;
                socket = null;
                connectErrno = errno;
                signal();
            } finally {
                lock.unlock();
            }
            closeQuietly(retry);
            transport.signalEvents();
            return;
        } catch (IOException | RuntimeException e) {
            // runConnect below reports it: the socket is closed, so connecting again fails the same way.
            finishConnect(s, gen, e instanceof IOException io ? JdkErrors.errno(io) : Errno.EINVAL);
            return;
        }
        finishConnect(s, gen, 0);
    }

    private int awaitConnect(Deadline d) throws ErrnoException {
        for (;;) {
            checkOpen();
            if (state == State.CONNECTED) {
                connectUnreported = false;
                return 0;
            }
            if (state == State.FRESH) {
                if (connectErrno != 0) {
                    throw takeConnectError();
                }
                if (connectErrorTaken) {
                    connectErrorTaken = false;
                }
                throw new ErrnoException(Errno.ECONNABORTED);
            }
            if (state != State.CONNECTING) {
                throw new ErrnoException(Errno.EISCONN);
            }
            if (!d.await(changed)) {
                return Transport.TIMEOUT;
            }
        }
    }

    /** The blocking half of connect: on a pool thread, or on the caller's for an unlimited wait. */
    private void runConnect(Socket s, InetSocketAddress target, int gen) {
        int errno = 0;
        try {
            s.connect(target);
        } catch (IOException e) {
            errno = JdkErrors.errno(e);
        } catch (RuntimeException e) {
            errno = Errno.EINVAL;
        }
        finishConnect(s, gen, errno);
    }

    /** Records a connect's outcome ({@code errno} 0: connected) unless the descriptor moved on meanwhile. */
    private void finishConnect(Socket s, int gen, int errno) {
        boolean stale;
        lock.lock();
        try {
            stale = closed || gen != connectGen || state != State.CONNECTING;
            if (!stale) {
                if (errno == 0) {
                    try {
                        attachConnected(s);
                        connectUnreported = true;
                        freshUntil = System.nanoTime() + FRESH_NANOS;
                        freshAccepts = transport.acceptCount();
                    } catch (ErrnoException e) {
                        errno = e.errno();
                    }
                }
                if (errno != 0) {
                    state = State.FRESH;
                    socket = null; // java.net closes a socket whose connect failed
                    connectErrno = errno;
                }
                signal();
            }
        } finally {
            lock.unlock();
        }
        if (stale || errno != 0) {
            closeQuietly(s);
        }
        transport.signalEvents();
    }

    // ---------------------------------------------------------------- read

    int read(byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        Deadline d = Deadline.of(waitNanos);
        if (state != State.CONNECTED) {
            // Once connected a descriptor stays so, which lets the common case skip the state lock.
            int early = readPrecheck(d);
            if (early != 0) {
                return early;
            }
        }
        if (!d.lock(inputLock)) {
            return Transport.TIMEOUT;
        }
        try {
            checkOpen();
            if (!hasPushback && !eofSeen && !readShutdown && pendingError == 0) {
                // Nothing special: no lock needed. Pushback and EOF only change under inputLock (held here);
                // an error or shutdown racing in is seen by the next call, as a racing one is on Linux.
                return readStream(d, in, socket, dst, off, len, false);
            }
            return readSpecial(d, dst, off, len);
        } finally {
            inputLock.unlock();
        }
    }

    /**
     * What read does before its socket is connected: waits out a connect in progress, then returns 0 to go
     * on (connected), TIMEOUT or EOF, or throws.
     */
    private int readPrecheck(Deadline d) throws ErrnoException {
        lock.lock();
        try {
            for (;;) {
                checkOpen();
                if (state != State.CONNECTING) {
                    break;
                }
                if (!d.await(changed)) {
                    return Transport.TIMEOUT;
                }
            }
            if (state == State.LISTENING) {
                throw new ErrnoException(Errno.ENOTCONN);
            }
            if (state == State.FRESH) {
                if (connectErrno != 0) {
                    connectErrorTaken = true; // as sk_err taken by recv/send: no disconnect, so EOF and EPIPE after
                    throw takeConnectError();
                }
                if (connectErrorTaken) {
                    return Transport.EOF; // Linux left the receive side shut down
                }
                throw new ErrnoException(Errno.ENOTCONN);
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** A read with a pending error, a pushback byte, EOF seen or the input shut down; inputLock held. */
    private int readSpecial(Deadline d, byte[] dst, int off, int len) throws ErrnoException {
        InputStream input;
        Socket s;
        boolean shut;
        boolean pushed = false;
        lock.lock();
        try {
            checkOpen();
            if (pendingError != 0) {
                throw takePendingError();
            }
            if (hasPushback) {
                dst[off] = pushback;
                hasPushback = false;
                pushed = true;
            } else if (eofSeen) {
                return Transport.EOF;
            }
            input = in;
            s = socket;
            shut = readShutdown;
        } finally {
            lock.unlock();
        }
        if (pushed) {
            return 1 + readAvailable(input, dst, off + 1, len - 1);
        }
        if (shut) {
            // Emulated SHUT_RD: what is already there is delivered, then EOF without waiting.
            int avail = available(input);
            if (avail <= 0) {
                return Transport.EOF;
            }
            len = Math.min(len, avail);
        }
        return readStream(d, input, s, dst, off, len, shut);
    }

    /** The stream read itself; inputLock held. */
    private int readStream(Deadline d, InputStream input, Socket s, byte[] dst, int off, int len, boolean shut)
            throws ErrnoException {
        int n;
        try {
            soTimeout(s, shut ? 1 : d.soTimeoutMillis());
            n = input.read(dst, off, len);
        } catch (SocketTimeoutException e) {
            checkOpen();
            return shut ? Transport.EOF : Transport.TIMEOUT;
        } catch (IOException e) {
            return readFailure(e);
        }
        checkOpen();
        if (n < 0) {
            lock.lock();
            try {
                eofSeen = true;
            } finally {
                lock.unlock();
            }
            return Transport.EOF;
        }
        return n;
    }

    /** Sets SO_TIMEOUT unless the socket has that value already (a call costs a lock); callers hold inputLock. */
    private void soTimeout(Socket s, int millis) throws IOException {
        if (s != timedSocket || millis != timedMillis) {
            s.setSoTimeout(millis);
            timedSocket = s;
            timedMillis = millis;
        }
    }

    /** What can be read without waiting after a pushback byte (0 on any trouble, which the next read meets). */
    private int readAvailable(InputStream input, byte[] dst, int off, int len) {
        if (len <= 0) {
            return 0;
        }
        int avail = available(input);
        if (avail <= 0) {
            return 0;
        }
        try {
            int n = input.read(dst, off, Math.min(avail, len));
            return Math.max(n, 0);
        } catch (IOException e) {
            recordInputFailure(e);
            return 0;
        }
    }

    private static int available(InputStream input) {
        try {
            return input.available();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A failed java.net read as Linux reports it: a reset once, then EOF (java.net repeats the reset). */
    private int readFailure(IOException e) throws ErrnoException {
        checkOpen();
        int errno = JdkErrors.errno(e);
        if (errno == Errno.ECONNRESET) {
            lock.lock();
            try {
                if (resetDelivered) {
                    return Transport.EOF;
                }
                resetDelivered = true;
            } finally {
                lock.unlock();
            }
        }
        throw new ErrnoException(errno, e);
    }

    private void recordInputFailure(IOException e) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            int errno = JdkErrors.errno(e);
            if (errno == Errno.ECONNRESET && resetDelivered) {
                eofSeen = true;
            } else if (pendingError == 0) {
                pendingError = errno;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- write

    int write(byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        Deadline d = Deadline.of(waitNanos);
        int n;
        long seq;
        OutputStream output;
        lock.lock();
        try {
            for (;;) {
                checkOpen();
                if (state == State.LISTENING) {
                    throw new ErrnoException(Errno.EPIPE);
                }
                if (state == State.FRESH) {
                    if (connectErrno != 0) {
                        connectErrorTaken = true; // as sk_err taken by recv/send: no disconnect, so EOF and EPIPE after
                        throw takeConnectError();
                    }
                    throw new ErrnoException(Errno.EPIPE);
                }
                if (state == State.CONNECTED) {
                    if (pendingError != 0) {
                        throw takePendingError();
                    }
                    if (writeShutdown || resetDelivered || writeBroken) {
                        throw new ErrnoException(Errno.EPIPE);
                    }
                    // An unlimited wait writes on the caller's thread once nothing is queued ahead of it;
                    // any other wait queues as much as there is room for, as send(2) fills the buffer.
                    if (waitNanos < 0 ? !writeBusy : queueRoom() > 0) {
                        break;
                    }
                }
                if (!d.await(changed)) {
                    return Transport.TIMEOUT;
                }
            }
            output = out;
            if (waitNanos < 0) {
                n = Math.min(len, WRITE_CHUNK);
                seq = ++writeSeq;
                writeBusy = true;
                waitingSeq = seq;
                // An unlimited wait needs no pool thread: the caller writes itself (a close from another
                // thread closes the socket, which wakes it; see close).
                directWrite = true;
            } else {
                n = Math.min(len, queueRoom());
                return writeQueued(d, output, Arrays.copyOfRange(src, off, off + n), n);
            }
        } finally {
            lock.unlock();
        }
        return writeDirect(output, src, off, n, seq);
    }

    /** Bytes a bounded write may still queue: the send queue's room, none during a direct write. */
    private int queueRoom() {
        return directWrite ? 0 : SEND_QUEUE_BYTES - queuedBytes;
    }

    /**
     * The queued half of write; called with {@link #lock} held and room in the queue. The chunk joins the
     * send queue (the writer task starts if idle) and counts as sent, as bytes copied into a kernel send
     * buffer do; the call waits for it to reach the socket only while the caller's time lasts, so that a
     * failure is reported by the call whose bytes failed where it can be.
     */
    private int writeQueued(Deadline d, OutputStream output, byte[] chunk, int n) throws ErrnoException {
        long seq = ++writeSeq;
        sendQueue.add(chunk);
        queuedBytes += n;
        if (!writeBusy) {
            writeBusy = true;
            try {
                transport.execute(() -> drainQueue(output));
            } catch (RejectedExecutionException e) {
                writeBusy = false;
                sendQueue.clear();
                queuedBytes = 0;
                completedSeq = writeSeq;
                throw new ErrnoException(Errno.EBADF, e);
            }
        }
        waitingSeq = seq;
        for (;;) {
            checkOpen();
            if (completedSeq >= seq) {
                waitingSeq = 0;
                if (completedErrno != 0) {
                    int e = completedErrno;
                    completedErrno = 0;
                    if (e == Errno.ECONNRESET) {
                        resetDelivered = true;
                    }
                    throw new ErrnoException(e);
                }
                return n;
            }
            if (!d.await(changed)) {
                waitingSeq = 0; // the chunk is committed; a failure goes to the next call
                return n;
            }
        }
    }

    /**
     * The direct half of write (unlimited wait): the caller's thread writes, with the write slot taken as
     * for queued writes, so poll, shutdown and close see the same state.
     */
    private int writeDirect(OutputStream output, byte[] src, int off, int n, long seq) throws ErrnoException {
        int errno = 0;
        try {
            output.write(src, off, n);
        } catch (IOException e) {
            errno = JdkErrors.errno(e);
        } catch (RuntimeException e) {
            errno = Errno.EIO;
        }
        Socket toClose = null;
        Socket toShutdown = null;
        boolean wasClosed;
        lock.lock();
        try {
            writeBusy = false;
            directWrite = false;
            completedSeq = seq;
            completedErrno = 0;
            waitingSeq = 0;
            wasClosed = closed;
            if (errno != 0 && !closed) {
                writeBroken = true;
                if (errno == Errno.ECONNRESET) {
                    resetDelivered = true;
                }
            }
            if (closeWhenWritten) {
                closeWhenWritten = false;
                toClose = socket;
            } else if (shutdownOutputPending) {
                shutdownOutputPending = false;
                toShutdown = socket;
            }
            signal();
        } finally {
            lock.unlock();
        }
        finishWrite(toShutdown, toClose);
        if (wasClosed) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (errno != 0) {
            throw new ErrnoException(errno);
        }
        return n;
    }

    /**
     * What a finished write owes once the lock is released: the output shutdown or the close that waited
     * for it, and waking pollers.
     */
    private void finishWrite(Socket toShutdown, Socket toClose) {
        if (toShutdown != null) {
            try {
                toShutdown.shutdownOutput();
            } catch (IOException ignored) {
                // The connection is gone; writes already fail with EPIPE.
            }
        }
        if (toClose != null) {
            closeQuietly(toClose);
            transport.drained(this);
        }
        transport.signalEvents();
    }

    /**
     * The writer task, on a pool thread: writes the queued chunks in order until the queue is empty. A
     * failure drops what is still queued (the connection is gone for writing) and goes to the waiting
     * call, else to the next call as the pending error.
     */
    private void drainQueue(OutputStream output) {
        Socket toClose = null;
        Socket toShutdown = null;
        for (;;) {
            byte[] chunk;
            lock.lock();
            try {
                chunk = sendQueue.peek();
                if (chunk == null) {
                    // Checked and released under the lock, so a write queueing now starts a new task.
                    writeBusy = false;
                    if (closeWhenWritten) {
                        closeWhenWritten = false;
                        toClose = socket;
                    } else if (shutdownOutputPending) {
                        shutdownOutputPending = false;
                        toShutdown = socket;
                    }
                    signal();
                    break;
                }
            } finally {
                lock.unlock();
            }
            int errno = 0;
            try {
                output.write(chunk);
            } catch (IOException e) {
                errno = JdkErrors.errno(e);
            } catch (RuntimeException e) {
                errno = Errno.EIO;
            }
            lock.lock();
            try {
                sendQueue.poll();
                queuedBytes -= chunk.length;
                long failing = ++completedSeq;
                if (errno != 0) {
                    sendQueue.clear();
                    queuedBytes = 0;
                    completedSeq = writeSeq;
                    if (!closed) {
                        writeBroken = true;
                        if (waitingSeq >= failing) {
                            // The waiting call's own bytes are among those lost: it reports the failure.
                            completedErrno = errno;
                        } else if (pendingError == 0) {
                            pendingError = errno;
                        }
                    }
                }
                signal();
            } finally {
                lock.unlock();
            }
            transport.signalEvents();
        }
        finishWrite(toShutdown, toClose);
    }

    // ---------------------------------------------------------------- shutdown, close

    void shutdown(int how) throws ErrnoException {
        if (how < Transport.SHUT_RD || how > Transport.SHUT_RDWR) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Socket toShutdown = null;
        List<Socket> aborts = new ArrayList<>();
        lock.lock();
        try {
            checkOpen();
            switch (state) {
                case FRESH:
                    throw new ErrnoException(Errno.ENOTCONN);
                case CONNECTING:
                    // Linux abandons a connect in progress and returns 0.
                    connectGen++;
                    aborts.add(socket);
                    socket = null;
                    state = State.FRESH;
                    break;
                case LISTENING:
                    if (how != Transport.SHUT_WR) {
                        stopListening(aborts);
                    }
                    break;
                default:
                    boolean gone = peerGone();
                    if (how != Transport.SHUT_WR) {
                        readShutdown = true;
                    }
                    if (how != Transport.SHUT_RD && !writeShutdown) {
                        writeShutdown = true;
                        if (writeBusy) {
                            shutdownOutputPending = true;
                        } else if (!gone) {
                            toShutdown = socket;
                        }
                    }
                    if (gone) {
                        signal();
                        throw new ErrnoException(Errno.ENOTCONN); // Linux: the connection is already CLOSE
                    }
                    break;
            }
            signal();
        } finally {
            lock.unlock();
        }
        for (Socket s : aborts) {
            abort(s);
        }
        transport.signalEvents();
        if (toShutdown != null) {
            try {
                toShutdown.shutdownOutput();
            } catch (IOException e) {
                throw JdkErrors.toErrno(e);
            }
        }
    }

    /** shutdown(SHUT_RD) on a listener: Linux stops listening and keeps an explicit bind. */
    private void stopListening(List<Socket> aborts) {
        closeQuietly(server);
        closeQuietly(shadow);
        server = null;
        shadow = null;
        aborts.addAll(pending);
        pending.clear();
        state = State.FRESH;
        try {
            liveSocket();
        } catch (ErrnoException ignored) {
            // The address went to someone else meanwhile: the socket is left unbound.
        }
    }

    /**
     * Closes the socket and wakes every call waiting on it. A pooled write still in flight is finished first
     * (the kernel would still send it) unless {@code force} or linger 0; a direct write is woken by the
     * close (it fails with EBADF); readers are woken by shutting the input.
     */
    void close(boolean force) {
        List<Socket> aborts = new ArrayList<>();
        Socket toClose = null;
        Socket toWake = null;
        ServerSocket ss;
        Socket sh;
        lock.lock();
        try {
            if (closed) {
                if (force && closeWhenWritten) {
                    closeWhenWritten = false;
                    toClose = socket;
                }
                ss = null;
                sh = null;
            } else {
                closed = true;
                ss = server;
                sh = shadow;
                aborts.addAll(pending);
                pending.clear();
                boolean lingerZero = linger.on() && linger.timeout() == 0;
                if (socket != null) {
                    if (writeBusy && !directWrite && !force && !lingerZero) {
                        closeWhenWritten = true;
                        toWake = socket;
                    } else {
                        toClose = socket;
                        if (hasPushback || (in != null && available(in) > 0)) {
                            // Linux resets a connection closed with unread data (the pushback byte is such
                            // data), whatever the linger; java.net would shut the output first and send a FIN.
                            aborts.add(socket);
                            toClose = null;
                        }
                    }
                }
            }
            signal();
        } finally {
            lock.unlock();
        }
        closeQuietly(ss);
        closeQuietly(sh);
        for (Socket s : aborts) {
            abort(s);
        }
        if (toWake != null) {
            transport.draining(this);
            try {
                toWake.shutdownInput();
            } catch (IOException ignored) {
                // Nobody was reading.
            }
        }
        closeQuietly(toClose);
        transport.signalEvents();
    }

    /** Closes with a reset, like Linux closing a socket nobody accepted or read. */
    static void abort(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.setSoLinger(true, 0);
        } catch (IOException | RuntimeException ignored) {
            // Closing is all that matters.
        }
        closeQuietly(s);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing is best effort.
        }
    }

    // ---------------------------------------------------------------- addresses

    SockAddr localAddress() throws ErrnoException {
        lock.lock();
        try {
            checkOpen();
            if (state == State.LISTENING) {
                return Addresses.fromJava(server.getLocalSocketAddress(), family);
            }
            if (state == State.CONNECTED && socket.getLocalSocketAddress() != null) {
                return Addresses.fromJava(socket.getLocalSocketAddress(), family);
            }
            return bound != null ? bound : Addresses.wildcard(family, 0);
        } finally {
            lock.unlock();
        }
    }

    SockAddr remoteAddress() throws ErrnoException {
        lock.lock();
        try {
            checkOpen();
            if (state != State.CONNECTED || peerGone() || socket.getRemoteSocketAddress() == null) {
                throw new ErrnoException(Errno.ENOTCONN);
            }
            return Addresses.fromJava(socket.getRemoteSocketAddress(), family);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- options

    void setOption(SocketOption option, Object value) throws ErrnoException {
        if (option == SocketOption.ERROR) {
            throw new ErrnoException(Errno.ENOPROTOOPT);
        }
        if (value == null || !option.type().isInstance(value)) {
            throw new ErrnoException(Errno.EINVAL);
        }
        lock.lock();
        try {
            checkOpen();
            if (option == SocketOption.IPV6_V6ONLY) {
                if (family != Family.INET6) {
                    throw new ErrnoException(Errno.ENOPROTOOPT);
                }
                if (isBound()) {
                    throw new ErrnoException(Errno.EINVAL);
                }
                v6only = (Boolean) value;
                return;
            }
            if (state == State.LISTENING) {
                if (JavaOptions.onServer(server, option)) {
                    JavaOptions.set(server, option, value);
                } else {
                    JavaOptions.set(shadow, option, value);
                }
            } else {
                JavaOptions.set(liveSocket(), option, value);
            }
            explicit.put(option, value);
            if (option == SocketOption.LINGER) {
                Linger l = (Linger) value;
                linger = l.on() ? l : new Linger(false, linger.timeout());
            }
        } finally {
            lock.unlock();
        }
    }

    Object getOption(SocketOption option) throws ErrnoException {
        if (option == SocketOption.ERROR) {
            return takeSocketError();
        }
        lock.lock();
        try {
            checkOpen();
            switch (option) {
                case IPV6_V6ONLY:
                    if (family != Family.INET6) {
                        throw new ErrnoException(Errno.ENOPROTOOPT);
                    }
                    return v6only;
                case LINGER:
                    return linger;
                default:
                    break;
            }
            if (state == State.LISTENING) {
                return JavaOptions.onServer(server, option) ? JavaOptions.get(server, option)
                        : JavaOptions.get(shadow, option);
            }
            return JavaOptions.get(liveSocket(), option);
        } finally {
            lock.unlock();
        }
    }

    /** SO_ERROR: the pending error, cleared. A connected socket is peeked first, as a reset is only seen by reading. */
    private Integer takeSocketError() throws ErrnoException {
        boolean connected;
        lock.lock();
        try {
            checkOpen();
            connected = state == State.CONNECTED && !freshLocked();
        } finally {
            lock.unlock();
        }
        if (connected) {
            peek(1);
        }
        lock.lock();
        try {
            checkOpen();
            if (state == State.FRESH && connectErrno != 0) {
                int e = connectErrno;
                connectErrno = 0;
                connectErrorTaken = true;
                return e;
            }
            if (state == State.CONNECTED && pendingError != 0) {
                return takePendingError().errno();
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- poll support

    /** Ready bits now, like Linux's {@code tcp_poll}; POLLIN/POLLOUT only as asked, POLLERR/POLLHUP always. */
    int readiness(int events) {
        lock.lock();
        try {
            if (closed) {
                return Transport.POLLNVAL;
            }
            int r;
            switch (state) {
                case LISTENING:
                    return pending.isEmpty() ? 0 : events & Transport.POLLIN;
                case CONNECTING:
                    return 0;
                case FRESH:
                    if (connectErrno != 0) {
                        r = Transport.POLLIN | Transport.POLLOUT | Transport.POLLERR | Transport.POLLHUP;
                    } else if (connectErrorTaken) {
                        r = Transport.POLLIN | Transport.POLLOUT | Transport.POLLHUP;
                    } else {
                        r = Transport.POLLOUT | Transport.POLLHUP;
                    }
                    break;
                default:
                    boolean gone = peerGone();
                    boolean receiveShut = eofSeen || readShutdown || gone;
                    r = 0;
                    if (hasPushback || receiveShut || available(in) > 0) {
                        r |= Transport.POLLIN;
                    }
                    if (queueRoom() > 0 || writeShutdown || gone) {
                        r |= Transport.POLLOUT;
                    }
                    if (pendingError != 0) {
                        r |= Transport.POLLERR;
                    }
                    if (gone || receiveShut && writeShutdown) {
                        r |= Transport.POLLHUP;
                    }
                    break;
            }
            return r & (events | Transport.POLLERR | Transport.POLLHUP);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a connect completed so recently that its input counts as empty without a peek. */
    boolean inputFresh() {
        lock.lock();
        try {
            return freshLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fresh: a connect completed less than FRESH_NANOS ago, no connect call has confirmed it yet (the
     * non-blocking connect's own poll and SO_ERROR), and this transport accepted nothing since (a peer
     * accepted here could already have written or closed).
     */
    private boolean freshLocked() {
        return connectUnreported && state == State.CONNECTED && System.nanoTime() - freshUntil < 0
                && transport.acceptCount() == freshAccepts;
    }

    /** Whether only a peek (timed read or accept) can tell if this socket becomes readable. */
    boolean needsPeek(int events) {
        if ((events & Transport.POLLIN) == 0) {
            return false;
        }
        lock.lock();
        try {
            return !closed && (state == State.CONNECTED || state == State.LISTENING);
        } finally {
            lock.unlock();
        }
    }

    /** Whether another thread may make this socket ready (connect or write finishing). */
    boolean changesByItself(int events) {
        lock.lock();
        try {
            return state == State.CONNECTING
                    || state == State.CONNECTED && writeBusy && (events & Transport.POLLOUT) != 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Looks for input for up to {@code millis}: one byte into the pushback (or EOF, or the error) for a
     * connection, one connection into the pending queue for a listener.
     *
     * @return whether the time was spent waiting (false if someone else was using the socket)
     */
    boolean peek(int millis) {
        State st;
        lock.lock();
        try {
            st = state;
        } finally {
            lock.unlock();
        }
        return st == State.LISTENING ? peekAccept(millis) : st == State.CONNECTED && peekInput(millis);
    }

    private boolean peekInput(int millis) {
        if (!inputLock.tryLock()) {
            return false;
        }
        try {
            InputStream input;
            Socket s;
            lock.lock();
            try {
                if (closed || state != State.CONNECTED || hasPushback || eofSeen || readShutdown || peerGone()) {
                    return true;
                }
                input = in;
                s = socket;
            } finally {
                lock.unlock();
            }
            if (available(input) > 0) {
                return true;
            }
            int b;
            try {
                soTimeout(s, millis);
                b = input.read();
            } catch (SocketTimeoutException e) {
                return true;
            } catch (IOException e) {
                recordInputFailure(e);
                return true;
            }
            lock.lock();
            try {
                if (!closed) {
                    if (b < 0) {
                        eofSeen = true;
                    } else {
                        pushback = (byte) b;
                        hasPushback = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            return true;
        } finally {
            inputLock.unlock();
        }
    }

    private boolean peekAccept(int millis) {
        if (!acceptLock.tryLock()) {
            return false;
        }
        try {
            ServerSocket ss;
            lock.lock();
            try {
                if (closed || state != State.LISTENING || !pending.isEmpty()) {
                    return true;
                }
                ss = server;
            } finally {
                lock.unlock();
            }
            Socket s;
            try {
                ss.setSoTimeout(millis);
                s = ss.accept();
            } catch (IOException e) {
                return true;
            }
            if (!acceptable(s)) {
                abort(s);
                return true;
            }
            lock.lock();
            try {
                if (!closed && state == State.LISTENING) {
                    pending.add(s);
                    s = null;
                }
            } finally {
                lock.unlock();
            }
            abort(s);
            return true;
        } finally {
            acceptLock.unlock();
        }
    }
}
