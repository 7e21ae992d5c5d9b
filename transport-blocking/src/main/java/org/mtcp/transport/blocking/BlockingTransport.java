package org.mtcp.transport.blocking;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mtcp.spi.Capability;
import org.mtcp.spi.DescriptorTable;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * The java.net transport: descriptors from a {@link DescriptorTable}, one {@link SocketHandle} each, and a
 * pool of daemon threads ({@code mtcp-blocking-io-N}) that run the blocking connects and writes. See
 * {@link BlockingTransportProvider} for what is emulated.
 */
final class BlockingTransport implements Transport {
    /** Most descriptors one instance hands out. */
    static final int DESCRIPTOR_LIMIT = 65536;
    /** Longest single peek when one socket is polled (a close of another polled descriptor waits this long). */
    private static final int SINGLE_PEEK_MILLIS = 10;
    /**
     * Most descriptors peeked for 1 ms each beside ones already ready, so that a poll reports all that are
     * ready; past this many (a select over many idle sockets) poll reports the ready ones it found at once.
     */
    private static final int PEEK_BESIDE_READY = 16;
    /** Longest sleep between looks when nothing can be peeked (signals usually end it sooner). */
    private static final long IDLE_NANOS = 100_000_000L;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Set<Capability> capabilities;
    private final Set<SocketOption> options;
    private final DescriptorTable<SocketHandle> table = new DescriptorTable<>(DESCRIPTOR_LIMIT);
    private final ThreadPoolExecutor pool;
    private final Set<SocketHandle> draining = ConcurrentHashMap.newKeySet();
    private final Object events = new Object();
    private final AtomicLong eventCount = new AtomicLong();
    /** Pollers inside {@link #awaitEvents}; changed under {@link #events}. */
    private volatile int eventWaiters;
    private volatile boolean closed;
    /** Connections accepted so far (see SocketHandle's freshness rule). */
    private final AtomicLong accepts = new AtomicLong();

    BlockingTransport(Set<Capability> capabilities, Set<SocketOption> options) {
        this.capabilities = capabilities;
        this.options = options;
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "mtcp-blocking-io-" + instance + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    @Override
    public String name() {
        return BlockingTransportProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> missingReason(Capability c) {
        if (capabilities.contains(c)) {
            return Optional.empty();
        }
        switch (c) {
            case IPV6:
                return Optional.of("java.net cannot bind an IPv6 socket in this JVM (java.net.preferIPv4Stack, or no IPv6)");
            case KERNEL_V6ONLY:
                return Optional.of("java.net has no IPV6_V6ONLY option: sockets are dual-stack, so a v6-only listen on [::] is refused");
            case REAL_DESCRIPTORS:
                return Optional.of("java.net does not expose kernel descriptors: numbers are the transport's own");
            case KERNEL_ADDRESSES:
                return Optional.of("java.net gives InetSocketAddress objects: sockaddr bytes are rebuilt from them");
            case EXACT_ZERO_WAIT:
                return Optional.of("java.net has no non-blocking read or accept: a zero wait peeks for 1 ms");
            case LINUX_TCP_OPTIONS:
                return Optional.of("java.net has no TCP_DEFER_ACCEPT or TCP_FASTOPEN");
            case SHUTDOWN_RECEIVE:
                return Optional.of("java.net's shutdownInput drops data that comes later, so SHUT_RD is emulated:"
                        + " queued data then EOF, but a reader already blocked without a time limit is not woken");
            default:
                return Optional.of("not declared by " + name());
        }
    }

    @Override
    public Set<SocketOption> options() {
        return options;
    }

    // ---------------------------------------------------------------- plumbing for SocketHandle

    long acceptCount() {
        return accepts.get();
    }

    void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Wakes pollers: some socket's readiness may have changed. The count always moves; the monitor is
     * only taken when a poller waits (the read/write paths call this on every write).
     */
    void signalEvents() {
        eventCount.incrementAndGet();
        if (eventWaiters != 0) {
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    private long eventCount() {
        return eventCount.get();
    }

    /** Waits until {@link #signalEvents} after {@code seen}, at most {@code nanos}. */
    private void awaitEvents(long seen, long nanos) throws ErrnoException {
        long end = System.nanoTime() + nanos;
        synchronized (events) {
            // Announced before the count is checked, so a signaller either sees a waiter or we see its count.
            eventWaiters++;
            try {
                long left = nanos;
                while (eventCount.get() == seen && left > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(events, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ErrnoException(Errno.EINTR, e);
                    }
                    left = end - System.nanoTime();
                }
            } finally {
                eventWaiters--;
            }
        }
    }

    /** A closed socket whose last write is still going out; {@link #close()} cuts it short. */
    void draining(SocketHandle h) {
        draining.add(h);
        if (closed) {
            h.close(true);
        }
    }

    void drained(SocketHandle h) {
        draining.remove(h);
    }

    private SocketHandle handle(int fd) throws ErrnoException {
        return table.get(fd);
    }

    private void ensureOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF);
        }
    }

    // ---------------------------------------------------------------- primitives

    @Override
    public int socket(Family family) throws ErrnoException {
        ensureOpen();
        if (family != Family.INET && !(family == Family.INET6 && capabilities.contains(Capability.IPV6))) {
            throw new ErrnoException(Errno.EAFNOSUPPORT);
        }
        SocketHandle h = new SocketHandle(this, family);
        int fd = table.add(h);
        if (closed) {
            closeQuietly(fd);
            throw new ErrnoException(Errno.EBADF);
        }
        return fd;
    }

    @Override
    public void bind(int fd, SockAddr local) throws ErrnoException {
        handle(fd).bind(local);
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        handle(fd).listen(backlog);
    }

    @Override
    public int accept(int fd, long waitNanos) throws ErrnoException {
        SocketHandle listener = handle(fd);
        Socket s = listener.accept(waitNanos);
        if (s == null) {
            return TIMEOUT;
        }
        accepts.incrementAndGet();
        try {
            SocketHandle h = SocketHandle.accepted(listener, s);
            int nfd = table.add(h);
            if (closed) {
                closeQuietly(nfd);
                throw new ErrnoException(Errno.EBADF);
            }
            return nfd;
        } catch (ErrnoException e) {
            SocketHandle.abort(s);
            throw e;
        }
    }

    @Override
    public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
        return handle(fd).connect(remote, waitNanos);
    }

    @Override
    public int read(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        return handle(fd).read(dst, off, len, waitNanos);
    }

    @Override
    public int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        return handle(fd).write(src, off, len, waitNanos);
    }

    @Override
    public void shutdown(int fd, int how) throws ErrnoException {
        handle(fd).shutdown(how);
    }

    @Override
    public void close(int fd) throws ErrnoException {
        table.remove(fd).close(false);
    }

    private void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (ErrnoException ignored) {
            // Already gone.
        }
    }

    @Override
    public SockAddr localAddress(int fd) throws ErrnoException {
        return handle(fd).localAddress();
    }

    @Override
    public SockAddr remoteAddress(int fd) throws ErrnoException {
        return handle(fd).remoteAddress();
    }

    @Override
    public void setOption(int fd, SocketOption option, Object value) throws ErrnoException {
        SocketHandle h = handle(fd);
        if (!options.contains(option)) {
            throw new ErrnoException(Errno.ENOPROTOOPT);
        }
        h.setOption(option, value);
    }

    @Override
    public Object getOption(int fd, SocketOption option) throws ErrnoException {
        SocketHandle h = handle(fd);
        if (!options.contains(option)) {
            throw new ErrnoException(Errno.ENOPROTOOPT);
        }
        return h.getOption(option);
    }

    /**
     * poll(2) without a readiness API: cheap checks first (state, pushback, {@code available()}, finished
     * connects and writes); if nothing is ready, timed peeks (a 1-byte read, or an accept) of 1 ms per
     * socket, or up to {@value #SINGLE_PEEK_MILLIS} ms when only one socket needs peeking; with nothing to
     * peek it sleeps until a connect, write or close signals. Cost grows with the number of sockets. When
     * some are ready, up to {@value #PEEK_BESIDE_READY} others still unknown get a 1 ms peek each, so that
     * all ready ones are reported (beyond that, only those the cheap checks found).
     */
    @Override
    public int poll(int[] fds, int[] events, int[] revents, int count, long waitNanos) throws ErrnoException {
        if (count < 0 || count > fds.length || count > events.length || count > revents.length) {
            throw new ErrnoException(Errno.EINVAL);
        }
        Deadline d = Deadline.of(waitNanos);
        SocketHandle[] handles = new SocketHandle[count];
        for (int k = 0; k < count; k++) {
            if (fds[k] >= 0) {
                try {
                    handles[k] = table.get(fds[k]);
                } catch (ErrnoException e) {
                    handles[k] = null;
                }
            }
        }
        List<SocketHandle> toPeek = new ArrayList<>();
        boolean peeked = false;
        for (;;) {
            long seen = eventCount();
            int ready = 0;
            boolean byItself = false;
            toPeek.clear();
            for (int k = 0; k < count; k++) {
                revents[k] = 0;
                if (fds[k] < 0) {
                    continue;
                }
                SocketHandle h = handles[k];
                int r = h == null ? POLLNVAL : h.readiness(events[k]);
                revents[k] = r;
                if (r != 0) {
                    ready++;
                } else if (h.needsPeek(events[k])) {
                    toPeek.add(h);
                } else if (h.changesByItself(events[k])) {
                    byItself = true;
                }
            }
            if (ready > 0) {
                if (!toPeek.isEmpty() && toPeek.size() <= PEEK_BESIDE_READY) {
                    ready += peekBesideReady(handles, events, revents, count);
                }
                completeInput(handles, events, revents, count);
                return ready;
            }
            if (toPeek.isEmpty() || peeked && d.expired()) {
                if (d.expired()) {
                    return 0;
                }
                awaitEvents(seen, Math.min(d.remainingNanos(), IDLE_NANOS));
                continue;
            }
            int slice = toPeek.size() == 1 && !byItself ? d.sliceMillis(SINGLE_PEEK_MILLIS) : 1;
            boolean waited = false;
            for (SocketHandle h : toPeek) {
                waited |= h.peek(slice);
            }
            if (!waited) {
                awaitEvents(seen, Math.min(d.remainingNanos(), 1_000_000L));
            }
            peeked = true;
        }
    }

    /**
     * Some descriptors are ready and others could be without a cheap check showing it (a pending
     * connection, an EOF): each of those gets one 1 ms peek, so that poll reports every ready descriptor
     * as Linux does, not just the first ones found.
     *
     * @return how many more descriptors are ready
     */
    private static int peekBesideReady(SocketHandle[] handles, int[] events, int[] revents, int count) {
        int more = 0;
        for (int k = 0; k < count; k++) {
            SocketHandle h = handles[k];
            if (h != null && revents[k] == 0 && h.needsPeek(events[k])) {
                h.peek(1);
                revents[k] = h.readiness(events[k]);
                if (revents[k] != 0) {
                    more++;
                }
            }
        }
        return more;
    }

    /**
     * A descriptor reported for other bits (say POLLOUT) whose POLLIN is still unknown gets one short peek,
     * so that poll reports everything Linux would for it (EOF next to writability, for instance).
     */
    private static void completeInput(SocketHandle[] handles, int[] events, int[] revents, int count) {
        for (int k = 0; k < count; k++) {
            SocketHandle h = handles[k];
            int r = revents[k];
            if (h != null && r != 0 && (r & (POLLIN | POLLNVAL)) == 0 && h.needsPeek(events[k]) && !h.inputFresh()) {
                h.peek(1);
                revents[k] = h.readiness(events[k]);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SocketHandle h : table.removeAll()) {
            h.close(true);
        }
        for (SocketHandle h : draining) {
            h.close(true);
        }
        draining.clear();
        pool.shutdownNow();
        signalEvents();
    }
}
