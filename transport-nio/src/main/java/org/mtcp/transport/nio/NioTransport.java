package org.mtcp.transport.nio;

import java.nio.channels.SelectionKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.DescriptorTable;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * The transport over NIO: every socket is a non-blocking channel ({@link NioSocket}), descriptors come
 * from a {@link DescriptorTable}, and every wait is a selection on a selector borrowed from a pool
 * ({@link SlotPool}), so a waiting thread uses no CPU.
 *
 * <p>A primitive first tries its operation once; if it would block and the caller allows a wait, it
 * registers the socket with its borrowed selector (once per socket and selector: registrations are kept),
 * selects until ready or out of time, and tries again. A waiter notes the socket's version before
 * trying; every change that can end a wait (close, shutdown, a new channel) bumps the version and wakes
 * the selectors the socket is registered with, so no wake-up is lost between the try and the wait.
 *
 * <p>Emulated, because NIO cannot ask the kernel for it (see the package documentation for details):
 * {@code IPV6_V6ONLY}, {@code SO_ERROR} of a failed connect, {@code SHUT_RD}, and Linux's connect
 * sequence over NIO's one-shot {@code finishConnect}.
 */
public final class NioTransport implements Transport {
    /** What this transport declares. */
    static final Set<Capability> CAPABILITIES = capabilities0();
    /** Open descriptors allowed when nothing else is configured. */
    static final int DEFAULT_LIMIT = 1 << 20;

    private final DescriptorTable<NioSocket> table;
    private final SlotPool waits = new SlotPool();
    private final SlotPool polls = new SlotPool();
    /** The poll slot each thread used last: a poller keeps its registrations and interest sets. */
    private final ThreadLocal<Slot> pollSlot = new ThreadLocal<>();
    private volatile boolean closed;

    /** A transport that allows {@code limit} open descriptors (EMFILE beyond). */
    public NioTransport(int limit) {
        this.table = new DescriptorTable<>(limit);
    }

    private static Set<Capability> capabilities0() {
        EnumSet<Capability> c = EnumSet.of(Capability.SHUTDOWN_RECEIVE, Capability.EXACT_ZERO_WAIT);
        try {
            NioSocket.open(Family.INET6).close();
            c.add(Capability.IPV6);
        } catch (ErrnoException | RuntimeException | Error noIpv6) {
            // IPv4 only here.
        }
        return Collections.unmodifiableSet(c);
    }

    @Override
    public String name() {
        return NioTransportProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> missingReason(Capability c) {
        if (CAPABILITIES.contains(c)) {
            return Optional.empty();
        }
        switch (c) {
            case IPV6:
                return Optional.of("NIO cannot open an IPv6 channel in this JVM (java.net.preferIPv4Stack, or no IPv6)");
            case KERNEL_V6ONLY:
                return Optional.of("NIO has no IPV6_V6ONLY option: channels are dual-stack, so a v6-only listen on [::] is refused");
            case REAL_DESCRIPTORS:
                return Optional.of("NIO does not expose kernel descriptors: numbers are the transport's own");
            case KERNEL_ADDRESSES:
                return Optional.of("NIO gives InetSocketAddress objects: sockaddr bytes are rebuilt from them");
            case LINUX_TCP_OPTIONS:
                return Optional.of("NIO has no TCP_DEFER_ACCEPT or TCP_FASTOPEN");
            case POLL_ERROR_EVENTS:
                return Optional.of("NIO's Selector reports only read and write readiness: a reset polls as readable"
                        + " and writable, and the next read or write fails with ECONNRESET");
            default:
                return Optional.of("not declared by " + name());
        }
    }

    @Override
    public Set<SocketOption> options() {
        return Options.SUPPORTED;
    }

    private NioSocket get(int fd) throws ErrnoException {
        return table.get(fd);
    }

    private int add(NioSocket s) throws ErrnoException {
        int fd;
        try {
            fd = table.add(s);
        } catch (ErrnoException e) {
            s.close();
            throw e;
        }
        if (closed) {
            // Raced with close(): do not let a socket outlive the transport.
            try {
                table.remove(fd);
            } catch (ErrnoException alreadyGone) {
                // close() took it.
            }
            s.close();
            throw new ErrnoException(Errno.EBADF);
        }
        return fd;
    }

    @Override
    public int socket(Family family) throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF);
        }
        if (family != Family.INET && family != Family.INET6) {
            throw new ErrnoException(Errno.EAFNOSUPPORT);
        }
        return add(NioSocket.open(family));
    }

    @Override
    public void bind(int fd, SockAddr local) throws ErrnoException {
        get(fd).bind(Objects.requireNonNull(local));
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        get(fd).listen(backlog);
    }

    @Override
    public int accept(int fd, long waitNanos) throws ErrnoException {
        NioSocket h = get(fd);
        long deadline = Waits.deadline(waitNanos);
        for (;;) {
            int v = h.version();
            NioSocket c = h.tryAccept();
            if (c != null) {
                return add(c);
            }
            long left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return TIMEOUT;
            }
            await(h, SelectionKey.OP_ACCEPT, v, left);
        }
    }

    @Override
    public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
        Objects.requireNonNull(remote);
        NioSocket h = get(fd);
        long deadline = Waits.deadline(waitNanos);
        int v = h.version();
        if (h.connectCall(remote, true) == 0) {
            return 0;
        }
        if (waitNanos == 0) {
            return TIMEOUT; // Linux: EINPROGRESS (or EALREADY); the connection goes on
        }
        // Loopback usually finishes within connect(2): a look before waiting spares a registration
        // (epoll_ctl now, and a deregistering selection when the socket closes).
        v = h.version();
        if (h.connectCall(remote, false) == 0) {
            return 0;
        }
        for (;;) {
            long left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return TIMEOUT;
            }
            await(h, SelectionKey.OP_CONNECT, v, left);
            v = h.version();
            if (h.connectCall(remote, false) == 0) {
                return 0;
            }
        }
    }

    @Override
    public int read(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len < 1) {
            throw new IllegalArgumentException("len must be at least 1: " + len);
        }
        NioSocket h = get(fd);
        long deadline = Waits.deadline(waitNanos);
        if (waitNanos != 0 && h.readWaitsFirst()) {
            // The last read found nothing and got less than it asked for (a request/response pattern):
            // wait for readiness first, which saves the read that would say EAGAIN. Exact either way:
            // a socket already readable ends the selection at once.
            await(h, SelectionKey.OP_READ, h.version(), Waits.remaining(waitNanos, deadline));
        }
        for (boolean first = true;; first = false) {
            int v = h.version();
            int n = h.tryRead(dst, off, len);
            if (n != NioSocket.WOULD_BLOCK) {
                h.readDone(n, len);
                return n;
            }
            if (first) {
                h.readWouldBlock();
            }
            long left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return TIMEOUT;
            }
            await(h, h.readOps(), v, left);
        }
    }

    @Override
    public int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        Objects.checkFromIndexSize(off, len, src.length);
        if (len < 1) {
            throw new IllegalArgumentException("len must be at least 1: " + len);
        }
        NioSocket h = get(fd);
        long deadline = Waits.deadline(waitNanos);
        for (;;) {
            int v = h.version();
            int n = h.tryWrite(src, off, len);
            if (n != NioSocket.WOULD_BLOCK) {
                return n;
            }
            long left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return TIMEOUT;
            }
            await(h, h.writeOps(), v, left);
        }
    }

    /**
     * Waits (at most {@code nanos}, negative for no limit) until the socket may be ready for
     * {@code ops} or has changed since {@code version}. Returning says nothing: the caller tries again.
     */
    private void await(NioSocket h, int ops, int version, long nanos) throws ErrnoException {
        Slot s = waits.take(h.waitSlot);
        h.waitSlot = s;
        try {
            Reg r = h.reg(s);
            // The slot's last waiter keeps its interest until another socket waits on this slot: a socket
            // that waits again and again (a request/response loop) then changes no interest at all.
            Reg prev = s.waitArmed;
            if (prev != null && prev != r) {
                prev.interest(0);
                s.waitArmed = null;
            }
            if (r == null) {
                return; // closed: the next try says EBADF
            }
            r.interest(ops);
            s.waitArmed = r;
            int seen = s.changes();
            if (h.version() != version) {
                return;
            }
            s.select(Slot.IGNORE, nanos, seen);
        } finally {
            waits.give(s);
        }
    }

    @Override
    public void shutdown(int fd, int how) throws ErrnoException {
        get(fd).shutdown(how);
    }

    @Override
    public void close(int fd) throws ErrnoException {
        table.remove(fd).close();
    }

    @Override
    public SockAddr localAddress(int fd) throws ErrnoException {
        return get(fd).localAddress();
    }

    @Override
    public SockAddr remoteAddress(int fd) throws ErrnoException {
        return get(fd).remoteAddress();
    }

    @Override
    public void setOption(int fd, SocketOption option, Object value) throws ErrnoException {
        get(fd).setOption(Objects.requireNonNull(option), value);
    }

    @Override
    public Object getOption(int fd, SocketOption option) throws ErrnoException {
        return get(fd).getOption(Objects.requireNonNull(option));
    }

    @Override
    public int poll(int[] fds, int[] events, int[] revents, int count, long waitNanos) throws ErrnoException {
        Objects.checkFromIndexSize(0, count, fds.length);
        Objects.checkFromIndexSize(0, count, events.length);
        Objects.checkFromIndexSize(0, count, revents.length);
        Slot s = polls.take(pollSlot.get());
        pollSlot.set(s);
        try {
            s.ensureCapacity(count);
            return Poller.poll(table, s, fds, events, revents, count, waitNanos);
        } finally {
            s.clearScratch(count);
            polls.give(s);
        }
    }

    /** How many descriptors are open (for tests and diagnostics). */
    int openCount() {
        return table.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NioSocket s : table.removeAll()) {
            s.close();
        }
        waits.close();
        polls.close();
    }
}
