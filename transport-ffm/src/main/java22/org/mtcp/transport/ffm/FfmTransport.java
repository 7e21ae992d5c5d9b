package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mtcp.spi.Accepted;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport} over libc: kernel descriptors, kernel addresses, kernel errnos.
 *
 * <p>Every call validates its arguments in Java first (array bounds, counts, address bytes), then works on
 * the kernel descriptor while holding a use of its {@link Sock}, so a concurrent {@link #close(int)} cannot
 * release the number to the kernel under it.
 *
 * <p>Waiting, two ways. An unlimited read, write or accept on a descriptor this transport created makes
 * one blocking syscall, as C does (the descriptor is switched to blocking mode once, see {@link Sock});
 * a close wakes it by shutting the socket down (SHUT_RD for recv and accept: nothing goes to the peer;
 * SHUT_WR for a blocked send: the FIN the close sends anyway), and it fails with EBADF. Every other wait
 * (bounded, connect, poll, adopted descriptors) is {@code ppoll} on the socket and a {@link Waker}; a close
 * signals the wakers of those calls. Zero waits and first attempts use {@code MSG_DONTWAIT}, which does
 * not depend on the mode.
 *
 * <p>A descriptor this transport did not create (another instance's, or one a C library made) is adopted
 * on first use if the kernel says it is an open socket: it is made non-blocking and stays so (its file
 * status flags are shared with whoever else holds it, so this transport never turns them to blocking
 * mode, and it checks O_NONBLOCK again before each accept and connect, since the instance that owns the
 * descriptor may switch it for its own unlimited calls). Its waits are always {@code ppoll}.
 */
final class FfmTransport implements Transport {
    /** Most bytes one read or write moves; bounds the time the critical recv/send hold off the GC. */
    private static final int IO_MAX = 1 << 20;
    /** Slice for waits that have no waker (no eventfd could be made); only then is close noticed by polling. */
    private static final long SLICE_NANOS = 20_000_000L;
    /** What {@link #readBlocking}/{@link #writeBlocking}/{@link #acceptBlocking} return to ask for a ppoll wait. */
    private static final int USE_POLL = Integer.MIN_VALUE;

    private final Set<Capability> capabilities;
    private final SockTable table = new SockTable();
    private final WakerPool wakers = new WakerPool(Scratch.get());
    private final AtomicBoolean closed = new AtomicBoolean();

    FfmTransport(Set<Capability> capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public String name() {
        return "ffm";
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Set<SocketOption> options() {
        return EnumSet.allOf(SocketOption.class);
    }

    // ---- descriptors ------------------------------------------------------------------------------------

    private void checkOpen() throws ErrnoException {
        if (closed.get()) {
            throw new ErrnoException(Errno.EBADF);
        }
    }

    /** Takes a use of the socket a descriptor names (adopting a foreign one); EBADF if it is not open. */
    private Sock acquire(int fd) throws ErrnoException {
        if (fd < 0) {
            throw new ErrnoException(Errno.EBADF);
        }
        checkOpen();
        Sock k = table.get(fd);
        if (k == null) {
            k = adopt(fd);
        }
        if (!k.enter()) {
            throw new ErrnoException(Errno.EBADF);
        }
        return k;
    }

    private Sock adopt(int fd) throws ErrnoException {
        Scratch s = Scratch.get();
        s.len.set(JAVA_INT, 0, 4);
        // EBADF for a closed number, ENOTSOCK for a file or pipe: both are what the socket call would say.
        if (Libc.getsockopt(s.capture, fd, Linux.SOL_SOCKET, Linux.SO_TYPE, s.opt, s.len) < 0) {
            throw new ErrnoException(s.errno());
        }
        int flags = Libc.fcntl(s.capture, fd, Linux.F_GETFL, 0);
        if (flags >= 0 && (flags & Linux.O_NONBLOCK) == 0) {
            Libc.fcntl(s.capture, fd, Linux.F_SETFL, flags | Linux.O_NONBLOCK);
        }
        return table.putIfAbsent(new Sock(fd, false, false));
    }

    /** Records a descriptor the kernel just gave us, in the mode it was created in. */
    private int register(int fd, boolean blockingMode) throws ErrnoException {
        table.put(new Sock(fd, true, blockingMode));
        if (closed.get()) {
            // Raced with close(): do not leak the new descriptor.
            Sock k = table.get(fd);
            if (k != null) {
                closeSock(k, Scratch.get());
            }
            throw new ErrnoException(Errno.EBADF);
        }
        return fd;
    }

    @Override
    public int socket(Family family) throws ErrnoException {
        int af = switch (family) {
            case UNSPEC -> Linux.AF_UNSPEC;
            case INET -> Linux.AF_INET;
            case INET6 -> Linux.AF_INET6;
        };
        checkOpen();
        Scratch s = Scratch.get();
        int fd = Libc.socket(s.capture, af, Linux.SOCK_STREAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new ErrnoException(s.errno());
        }
        return register(fd, false);
    }

    /** Copies an address into scratch memory; its length is 16 or 28, so it always fits. */
    private static int putAddress(Scratch s, SockAddr address) {
        byte[] raw = address.raw();
        MemorySegment.copy(raw, 0, s.addr, JAVA_BYTE, 0, raw.length);
        return raw.length;
    }

    @Override
    public void bind(int fd, SockAddr local) throws ErrnoException {
        Objects.requireNonNull(local, "local");
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            int len = putAddress(s, local);
            if (Libc.bind(s.capture, k.fd, s.addr, len) < 0) {
                throw new ErrnoException(s.errno());
            }
        } finally {
            k.leave();
        }
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            if (Libc.listen(s.capture, k.fd, backlog) < 0) {
                throw new ErrnoException(s.errno());
            }
        } finally {
            k.leave();
        }
    }

    private int accept0(int fd, long waitNanos) throws ErrnoException {
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            long deadline = deadline(waitNanos);
            if (waitNanos < 0 && k.owned) {
                int c = acceptBlocking(k, s);
                if (c != USE_POLL) {
                    return c;
                }
            }
            k.enterNonBlocking(s);
            try {
                while (true) {
                    // Accepted sockets start in blocking mode: their reads and writes never need O_NONBLOCK
                    // (MSG_DONTWAIT), and an unlimited read then needs no fcntl.
                    s.len.set(JAVA_INT, 0, Linux.SOCKADDR_STORAGE);
                    int c = Libc.accept4(s.capture, k.fd, s.addr, s.len, Linux.SOCK_CLOEXEC);
                    if (c >= 0) {
                        return register(c, true);
                    }
                    int e = s.errno();
                    if (e == Errno.ECONNABORTED || e == Errno.EINTR) {
                        continue;
                    }
                    if (e != Errno.EAGAIN) {
                        throw new ErrnoException(e);
                    }
                    if (!await(k, POLLIN, waitNanos, deadline, s)) {
                        return TIMEOUT;
                    }
                }
            } finally {
                k.leaveNonBlocking();
            }
        } finally {
            k.leave();
        }
    }

    /**
     * The peer's address from accept4 itself, which {@link #accept} leaves in this thread's scratch: right
     * even when the peer reset before anyone asked (getpeername would then fail with ENOTCONN).
     */
    @Override
    public Accepted acceptWithAddress(int fd, long waitNanos) throws ErrnoException {
        int c = accept(fd, waitNanos);
        if (c == TIMEOUT) {
            return new Accepted(c, null);
        }
        return new Accepted(c, kernelAddress(Scratch.get()));
    }

    /** An unlimited accept as one blocking accept4; {@link #USE_POLL} if it has to wait in ppoll instead. */
    private int acceptBlocking(Sock k, Scratch s) throws ErrnoException {
        int how = k.enterBlocking(false, s);
        if (how == Sock.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (how == Sock.POLL) {
            return USE_POLL;
        }
        int c;
        int e;
        try {
            do {
                s.len.set(JAVA_INT, 0, Linux.SOCKADDR_STORAGE);
                c = Libc.accept4(s.capture, k.fd, s.addr, s.len, Linux.SOCK_CLOEXEC);
                e = c < 0 ? s.errno() : 0;
            } while (c < 0 && (e == Errno.ECONNABORTED || e == Errno.EINTR) && !k.isClosing());
        } finally {
            k.leaveBlocking(false);
        }
        if (c >= 0) {
            // Accepted before the close (if any) took effect: the caller owns it.
            return register(c, true);
        }
        if (k.isClosing()) {
            throw new ErrnoException(Errno.EBADF); // woken by the shutdown (EINVAL)
        }
        if (e == Errno.EAGAIN) {
            k.relearnMode(s);
            return USE_POLL;
        }
        throw new ErrnoException(e);
    }

    private int connect0(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
        Objects.requireNonNull(remote, "remote");
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            long deadline = deadline(waitNanos);
            int len = putAddress(s, remote);
            boolean retried = false;
            k.enterNonBlocking(s);
            try {
                while (true) {
                    // The kernel keeps the connect state: EALREADY while in progress, 0 once when it completed,
                    // EISCONN after that, or the pending error of a failed attempt (which resets the socket).
                    if (Libc.connect(s.capture, k.fd, s.addr, len) == 0) {
                        return 0;
                    }
                    int e = s.errno();
                    if (e != Errno.EINPROGRESS && e != Errno.EALREADY && e != Errno.EINTR) {
                        throw new ErrnoException(e);
                    }
                    if (e == Errno.EINPROGRESS && waitNanos != 0 && !retried) {
                        // Over loopback the handshake has usually completed within the first call: asking
                        // again at once (0, or EALREADY) is cheaper than a poll that would return at once.
                        retried = true;
                        continue;
                    }
                    if (!await(k, POLLOUT, waitNanos, deadline, s)) {
                        return TIMEOUT;
                    }
                }
            } finally {
                k.leaveNonBlocking();
            }
        } finally {
            k.leave();
        }
    }

    private int read0(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len < 1) {
            throw new IllegalArgumentException("len must be at least 1, got " + len);
        }
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            long deadline = deadline(waitNanos);
            int n = Math.min(len, IO_MAX);
            MemorySegment buf = MemorySegment.ofArray(dst).asSlice(off, n);
            // A socket whose last try found nothing (a request/response peer) goes straight to waiting.
            boolean tryFirst = waitNanos == 0 || !k.readWaits;
            while (true) {
                if (tryFirst) {
                    long r = Libc.recv(s.capture, k.fd, buf, n, Linux.MSG_DONTWAIT);
                    if (r > 0) {
                        return (int) r;
                    }
                    if (r == 0) {
                        return EOF;
                    }
                    int e = s.errno();
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    if (e != Errno.EAGAIN) {
                        throw new ErrnoException(e);
                    }
                    k.readWaits = true;
                }
                tryFirst = true;
                if (waitNanos < 0 && k.owned) {
                    int r = readBlocking(k, dst, off, n, s);
                    if (r != USE_POLL) {
                        return r;
                    }
                }
                if (!await(k, POLLIN, waitNanos, deadline, s)) {
                    return TIMEOUT;
                }
                long r = Libc.recv(s.capture, k.fd, buf, n, Linux.MSG_DONTWAIT);
                if (r == n) {
                    k.readWaits = false; // more may be waiting: try at once next time
                }
                if (r > 0) {
                    return (int) r;
                }
                if (r == 0) {
                    return EOF;
                }
                int e = s.errno();
                if (e != Errno.EAGAIN && e != Errno.EINTR) {
                    throw new ErrnoException(e);
                }
                // A spurious wake-up: wait again (without a useless try first).
                tryFirst = false;
            }
        } finally {
            k.leave();
        }
    }

    /**
     * An unlimited read as one blocking recv into native memory, copied out; {@link #USE_POLL} if it has to
     * wait in ppoll instead.
     */
    private int readBlocking(Sock k, byte[] dst, int off, int n, Scratch s) throws ErrnoException {
        int how = k.enterBlocking(false, s);
        if (how == Sock.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (how == Sock.POLL) {
            return USE_POLL;
        }
        MemorySegment io = s.io();
        int m = Math.min(n, Scratch.IO_SIZE);
        long r;
        int e;
        try {
            do {
                r = Libc.recvWait(s.capture, k.fd, io, m, 0);
                e = r < 0 ? s.errno() : 0;
            } while (r < 0 && e == Errno.EINTR && !k.isClosing());
        } finally {
            k.leaveBlocking(false);
        }
        if (r > 0) {
            // Bytes that came before the close (if any) took effect are the caller's.
            MemorySegment.copy(io, JAVA_BYTE, 0, dst, off, (int) r);
            if (r == m) {
                k.readWaits = false;
            }
            return (int) r;
        }
        if (k.isClosing()) {
            throw new ErrnoException(Errno.EBADF); // woken by the shutdown
        }
        if (r == 0) {
            return EOF;
        }
        if (e == Errno.EAGAIN) {
            k.relearnMode(s);
            return USE_POLL;
        }
        throw new ErrnoException(e);
    }

    private int write0(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        Objects.checkFromIndexSize(off, len, src.length);
        if (len < 1) {
            throw new IllegalArgumentException("len must be at least 1, got " + len);
        }
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            long deadline = deadline(waitNanos);
            int n = Math.min(len, IO_MAX);
            MemorySegment buf = MemorySegment.ofArray(src).asSlice(off, n);
            boolean blockingTried = false;
            while (true) {
                // MSG_NOSIGNAL: a reset peer gives EPIPE, never SIGPIPE.
                long r = Libc.send(s.capture, k.fd, buf, n, Linux.MSG_DONTWAIT | Linux.MSG_NOSIGNAL);
                if (r >= 0) {
                    return (int) r;
                }
                int e = s.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                if (e != Errno.EAGAIN) {
                    throw new ErrnoException(e);
                }
                if (waitNanos < 0 && k.owned && !blockingTried) {
                    blockingTried = true;
                    int w = writeBlocking(k, src, off, n, s);
                    if (w != USE_POLL) {
                        return w;
                    }
                }
                if (!await(k, POLLOUT, waitNanos, deadline, s)) {
                    return TIMEOUT;
                }
            }
        } finally {
            k.leave();
        }
    }

    /**
     * An unlimited write that found the buffer full, as one blocking send from native memory (at most
     * {@link Scratch#IO_SIZE} bytes); {@link #USE_POLL} if it has to wait in ppoll instead.
     */
    private int writeBlocking(Sock k, byte[] src, int off, int n, Scratch s) throws ErrnoException {
        int how = k.enterBlocking(true, s);
        if (how == Sock.CLOSED) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (how == Sock.POLL) {
            return USE_POLL;
        }
        MemorySegment io = s.io();
        int m = Math.min(n, Scratch.IO_SIZE);
        MemorySegment.copy(src, off, io, JAVA_BYTE, 0, m);
        long r;
        int e;
        try {
            do {
                r = Libc.sendWait(s.capture, k.fd, io, m, Linux.MSG_NOSIGNAL);
                e = r < 0 ? s.errno() : 0;
            } while (r < 0 && e == Errno.EINTR && !k.isClosing());
        } finally {
            k.leaveBlocking(true);
        }
        if (r >= 0) {
            return (int) r;
        }
        if (k.isClosing()) {
            throw new ErrnoException(Errno.EBADF); // woken by the shutdown (EPIPE)
        }
        if (e == Errno.EAGAIN) {
            k.relearnMode(s);
            return USE_POLL;
        }
        throw new ErrnoException(e);
    }

    // ---- JFR: each public call below wraps the real one in a SocketEvents event when JFR records it ----

    @Override
    public int accept(int fd, long waitNanos) throws ErrnoException {
        SocketEvents.Accept event = new SocketEvents.Accept();
        if (!event.isEnabled()) {
            return accept0(fd, waitNanos);
        }
        event.begin();
        try {
            int c = accept0(fd, waitNanos);
            event.end();
            if (event.shouldCommit()) {
                event.accepted = c;
                event.timedOut = c == TIMEOUT;
                // No getpeername here: acceptWithAddress reads accept4's address from this thread's scratch.
                commit(event, fd, waitNanos, null);
            }
            return c;
        } catch (ErrnoException e) {
            failed(event, fd, waitNanos, e);
            throw e;
        }
    }

    @Override
    public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
        SocketEvents.Connect event = new SocketEvents.Connect();
        if (!event.isEnabled()) {
            return connect0(fd, remote, waitNanos);
        }
        event.begin();
        try {
            int r = connect0(fd, remote, waitNanos);
            event.end();
            if (event.shouldCommit()) {
                event.timedOut = r == TIMEOUT;
                event.address = remote == null ? null : remote.toString();
                commit(event, fd, waitNanos, null);
            }
            return r;
        } catch (ErrnoException e) {
            event.address = remote == null ? null : remote.toString();
            failed(event, fd, waitNanos, e);
            throw e;
        }
    }

    @Override
    public int read(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        SocketEvents.Read event = new SocketEvents.Read();
        if (!event.isEnabled()) {
            return read0(fd, dst, off, len, waitNanos);
        }
        event.begin();
        try {
            int n = read0(fd, dst, off, len, waitNanos);
            event.end();
            if (event.shouldCommit()) {
                event.bytesRead = Math.max(0, n);
                event.endOfStream = n == EOF;
                event.timedOut = n == TIMEOUT;
                event.address = peer(fd);
                commit(event, fd, waitNanos, null);
            }
            return n;
        } catch (ErrnoException e) {
            failed(event, fd, waitNanos, e);
            throw e;
        }
    }

    @Override
    public int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        SocketEvents.Write event = new SocketEvents.Write();
        if (!event.isEnabled()) {
            return write0(fd, src, off, len, waitNanos);
        }
        event.begin();
        try {
            int n = write0(fd, src, off, len, waitNanos);
            event.end();
            if (event.shouldCommit()) {
                event.bytesWritten = Math.max(0, n);
                event.timedOut = n == TIMEOUT;
                event.address = peer(fd);
                commit(event, fd, waitNanos, null);
            }
            return n;
        } catch (ErrnoException e) {
            failed(event, fd, waitNanos, e);
            throw e;
        }
    }

    private static void commit(SocketEvents.Base event, int fd, long waitNanos, ErrnoException error) {
        event.fd = fd;
        event.timeout = waitNanos < 0 ? -1 : waitNanos;
        event.error = error == null ? null : error.getMessage();
        event.commit();
    }

    private void failed(SocketEvents.Base event, int fd, long waitNanos, ErrnoException e) {
        event.end();
        if (event.shouldCommit()) {
            if (event.address == null && !(event instanceof SocketEvents.Accept)) {
                event.address = peer(fd);
            }
            commit(event, fd, waitNanos, e);
        }
    }

    /** The peer's address for an event, or null (only asked when an event is committed). */
    private String peer(int fd) {
        try {
            return remoteAddress(fd).toString();
        } catch (ErrnoException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void shutdown(int fd, int how) throws ErrnoException {
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            if (Libc.shutdown(s.capture, k.fd, how) < 0) {
                throw new ErrnoException(s.errno());
            }
        } finally {
            k.leave();
        }
    }

    @Override
    public void close(int fd) throws ErrnoException {
        if (fd < 0) {
            throw new ErrnoException(Errno.EBADF);
        }
        checkOpen();
        Scratch s = Scratch.get();
        Sock k = table.get(fd);
        if (k == null) {
            // Not ours: a plain close, as C would do (EBADF if the number is not open).
            if (Libc.close(s.capture, fd) < 0 && s.errno() != Errno.EINTR) {
                throw new ErrnoException(s.errno());
            }
            return;
        }
        closeSock(k, s);
    }

    /**
     * Marks the socket closed, wakes its waiting and blocked calls, waits for them to leave, then closes the
     * descriptor.
     */
    private void closeSock(Sock k, Scratch s) throws ErrnoException {
        List<Waker> blocked = k.beginClose();
        if (blocked == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        for (Waker w : blocked) {
            w.signal(s);
        }
        int how = k.wakeHow();
        if (how >= 0) {
            // Wakes the blocking recv/send/accept (a close would not); the number is still ours.
            Libc.shutdown(s.capture, k.fd, how);
        }
        k.awaitIdle();
        int r = Libc.close(s.capture, k.fd);
        int e = s.errno();
        table.remove(k);
        // Linux releases the descriptor even when close reports EINTR.
        if (r < 0 && e != Errno.EINTR) {
            throw new ErrnoException(e);
        }
    }

    @Override
    public SockAddr localAddress(int fd) throws ErrnoException {
        return address(fd, false);
    }

    @Override
    public SockAddr remoteAddress(int fd) throws ErrnoException {
        return address(fd, true);
    }

    private SockAddr address(int fd, boolean peer) throws ErrnoException {
        Sock k = acquire(fd);
        try {
            Scratch s = Scratch.get();
            s.len.set(JAVA_INT, 0, Linux.SOCKADDR_STORAGE);
            int r = peer ? Libc.getpeername(s.capture, k.fd, s.addr, s.len)
                    : Libc.getsockname(s.capture, k.fd, s.addr, s.len);
            if (r < 0) {
                throw new ErrnoException(s.errno());
            }
            SockAddr a = kernelAddress(s);
            if (a == null) {
                // An adopted socket of another family (AF_UNIX...) has no raw address we can express.
                throw new ErrnoException(Errno.EAFNOSUPPORT);
            }
            return a;
        } finally {
            k.leave();
        }
    }

    /** The address the kernel left in this thread's scratch ({@code addr}, {@code len}); null if not IP. */
    private static SockAddr kernelAddress(Scratch s) {
        // The kernel reports the full length even when it had to truncate; copy only what is there.
        int n = Math.max(0, Math.min(s.len.get(JAVA_INT, 0), Linux.SOCKADDR_STORAGE));
        byte[] raw = new byte[n];
        MemorySegment.copy(s.addr, JAVA_BYTE, 0, raw, 0, n);
        try {
            return SockAddr.parse(raw);
        } catch (IllegalArgumentException notIp) {
            return null;
        }
    }

    @Override
    public void setOption(int fd, SocketOption option, Object value) throws ErrnoException {
        Objects.requireNonNull(option, "option");
        Sock k = acquire(fd);
        try {
            Options.set(Scratch.get(), k.fd, option, value);
        } finally {
            k.leave();
        }
    }

    @Override
    public Object getOption(int fd, SocketOption option) throws ErrnoException {
        Objects.requireNonNull(option, "option");
        Sock k = acquire(fd);
        try {
            return Options.get(Scratch.get(), k.fd, option);
        } finally {
            k.leave();
        }
    }

    // ---- waiting ----------------------------------------------------------------------------------------

    private static long deadline(long waitNanos) {
        return waitNanos > 0 ? System.nanoTime() + waitNanos : 0;
    }

    /**
     * Waits until the socket may be ready for {@code events}.
     *
     * @return true to try the operation again, false when the wait ran out (or was 0)
     * @throws ErrnoException EBADF when the socket was closed meanwhile
     */
    private boolean await(Sock k, int events, long waitNanos, long deadline, Scratch s) throws ErrnoException {
        if (waitNanos == 0) {
            return false;
        }
        long remaining = -1;
        if (waitNanos > 0) {
            remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
        }
        Waker w = wakers.take(s);
        try {
            if (w != null ? !k.addWaiter(w) : k.isClosing()) {
                throw new ErrnoException(Errno.EBADF);
            }
            try {
                MemorySegment p = s.pair;
                p.set(JAVA_INT, 0, k.fd);
                p.set(JAVA_SHORT, 4, (short) events);
                p.set(JAVA_SHORT, 6, (short) 0);
                p.set(JAVA_INT, 8, w != null ? w.fd : -1);
                p.set(JAVA_SHORT, 12, (short) POLLIN);
                p.set(JAVA_SHORT, 14, (short) 0);
                long slice = w != null ? remaining : remaining < 0 ? SLICE_NANOS : Math.min(remaining, SLICE_NANOS);
                MemorySegment ts = slice < 0 ? MemorySegment.NULL : s.timespec(slice);
                int r = Libc.ppoll(s.capture, p, 2, ts, MemorySegment.NULL);
                if (r < 0) {
                    int e = s.errno();
                    if (e == Errno.EINTR) {
                        return true;
                    }
                    throw new ErrnoException(e);
                }
                if (w != null && p.get(JAVA_SHORT, 14) != 0) {
                    w.drain(s);
                }
                if (k.isClosing()) {
                    throw new ErrnoException(Errno.EBADF);
                }
                // Without a waker a quiet slice is not the end of the wait.
                return r > 0 || slice != remaining;
            } finally {
                if (w != null) {
                    k.removeWaiter(w);
                }
            }
        } finally {
            wakers.give(w, s);
        }
    }

    @Override
    public int poll(int[] fds, int[] events, int[] revents, int count, long waitNanos) throws ErrnoException {
        if (count < 0 || count > fds.length || count > events.length || count > revents.length) {
            throw new IllegalArgumentException("count " + count + " outside the arrays");
        }
        checkOpen();
        Scratch s = Scratch.get();
        MemorySegment p = s.pollfds(count + 1);
        Sock[] held = s.held(count);
        // A zero wait cannot miss a close: no waker to take, register and drain (select loops, big sets).
        Waker w = waitNanos == 0 ? null : wakers.take(s);
        long deadline = deadline(waitNanos);
        boolean anyHeld = false;
        try {
            for (int i = 0; i < count; i++) {
                int fd = fds[i];
                Sock k = fd >= 0 ? table.get(fd) : null;
                if (k != null) {
                    if (k.enterWaiting(w)) {
                        held[i] = k;
                        anyHeld = true;
                    } else {
                        fd = -1; // being closed: reported as not open
                    }
                }
                // Descriptors we do not know go to the kernel as they are (it says POLLNVAL if not open).
                long at = (long) i * Linux.POLLFD_SIZE;
                p.set(JAVA_INT, at, fd);
                p.set(JAVA_SHORT, at + 4, (short) events[i]);
                p.set(JAVA_SHORT, at + 6, (short) 0);
            }
            long wat = (long) count * Linux.POLLFD_SIZE;
            p.set(JAVA_INT, wat, w != null ? w.fd : -1);
            p.set(JAVA_SHORT, wat + 4, (short) POLLIN);
            while (true) {
                p.set(JAVA_SHORT, wat + 6, (short) 0);
                boolean invalid = false;
                for (int i = 0; i < count && !invalid; i++) {
                    invalid = fds[i] >= 0 && p.get(JAVA_INT, (long) i * Linux.POLLFD_SIZE) < 0;
                }
                long remaining;
                if (invalid || waitNanos == 0) {
                    remaining = 0; // a POLLNVAL is ready at once, as in poll(2)
                } else if (waitNanos > 0) {
                    remaining = Math.max(0, deadline - System.nanoTime());
                } else {
                    remaining = -1;
                }
                long slice = remaining;
                if (w == null && anyHeld && remaining != 0) {
                    slice = remaining < 0 ? SLICE_NANOS : Math.min(remaining, SLICE_NANOS);
                }
                MemorySegment ts = slice < 0 ? MemorySegment.NULL : s.timespec(slice);
                int r = Libc.ppoll(s.capture, p, count + 1L, ts, MemorySegment.NULL);
                if (r < 0) {
                    int e = s.errno();
                    if (e != Errno.EINTR) {
                        throw new ErrnoException(e);
                    }
                    continue; // the remaining time is recomputed
                }
                // Only a signalled waker (or a waker-less slice) can mean that one of ours was closed.
                boolean woken = w == null || p.get(JAVA_SHORT, wat + 6) != 0;
                if (w != null && woken) {
                    w.drain(s);
                }
                int ready = 0;
                for (int i = 0; i < count; i++) {
                    long at = (long) i * Linux.POLLFD_SIZE;
                    int rv = p.get(JAVA_SHORT, at + 6) & 0xffff;
                    if (fds[i] >= 0 && (p.get(JAVA_INT, at) < 0
                            || (woken && held[i] != null && held[i].isClosing()))) {
                        rv = POLLNVAL;
                    }
                    revents[i] = rv;
                    if (rv != 0) {
                        ready++;
                    }
                }
                if (ready > 0 || remaining == 0 || (r == 0 && slice == remaining)) {
                    return ready;
                }
                if (waitNanos > 0 && deadline - System.nanoTime() <= 0) {
                    return 0;
                }
                // A stray wake-up or the end of a slice, with time left: wait again.
            }
        } finally {
            for (int i = 0; i < count; i++) {
                Sock k = held[i];
                if (k != null) {
                    held[i] = null;
                    k.leaveWaiting(w);
                }
            }
            wakers.give(w, s);
        }
    }

    // ---- resolver, sleep, shutdown of the transport -----------------------------------------------------

    @Override
    public List<SockAddr> getaddrinfo(String host, String service, Family family, boolean passive)
            throws GaiException {
        Objects.requireNonNull(family, "family");
        return Resolver.getaddrinfo(host, service, family, passive);
    }

    @Override
    public NameInfo getnameinfo(SockAddr address, boolean numericHost) throws GaiException {
        Objects.requireNonNull(address, "address");
        return Resolver.getnameinfo(address, numericHost);
    }

    @Override
    public void sleep(long nanos) throws ErrnoException {
        if (nanos < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        if (Thread.currentThread().isInterrupted()) {
            // The SPI's EINTR: nanosleep does not see a Java interrupt, so one already pending ends it here.
            throw new ErrnoException(Errno.EINTR);
        }
        Scratch s = Scratch.get();
        if (Libc.nanosleep(s.capture, s.timespec(nanos), MemorySegment.NULL) < 0) {
            throw new ErrnoException(s.errno());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Scratch s = Scratch.get();
        for (Sock k : table.all()) {
            if (k.owned) {
                try {
                    closeSock(k, s);
                } catch (ErrnoException alreadyClosed) {
                    // Closed by someone else meanwhile: nothing left to release.
                }
            } else {
                table.remove(k);
            }
        }
        wakers.close(s);
    }
}
