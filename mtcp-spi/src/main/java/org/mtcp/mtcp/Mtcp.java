package org.mtcp.mtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.internal.ByteSink;
import org.mtcp.internal.ErrorTexts;
import org.mtcp.internal.LuaValues;
import org.mtcp.internal.RunBuffers;
import org.mtcp.internal.Timeout;
import org.mtcp.internal.WriteRange;
import org.mtcp.spi.Accepted;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * Phil Leblanc's mtcp (v0.2) over one {@link Transport}: plain descriptors as integers, raw
 * {@code sockaddr} bytes as addresses, {@code nil, msg} failures whose messages carry raw Linux errno
 * numbers ({@code "connect error: -1  111"}), as behaviour.md section (a) records, with the port's
 * pinned decisions: bytes read before a timeout are returned, never lost; a name that does not resolve
 * is a returned failure; IPv6 addresses from getsockname/getpeername are the full 28 bytes; a write to a
 * reset peer returns {@code "write error: -1  32"}.
 *
 * <p>Descriptors belong to the transport: an fd from one {@code Mtcp} means nothing to another transport.
 * Nothing is closed for you: like C descriptors, an fd stays open until {@link #close(int)}.
 */
public final class Mtcp {
    /** mtcp's read chunk and default read size. */
    public static final int BUFSIZE = 1024;
    /** mtcp's version string. */
    public static final String VERSION = "0.2";
    /** The listen backlog bind uses. */
    public static final int BACKLOG = 32;
    /** read's default timeout, in milliseconds. */
    public static final long DEFAULT_TIMEOUT = 10_000;

    /** Each thread's buffer for the first chunk of a read (see {@link #read(int, long, long)}). */
    private static final ThreadLocal<byte[]> FIRST_CHUNK = ThreadLocal.withInitial(() -> new byte[BUFSIZE]);

    private final Transport transport;

    private Mtcp(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** mtcp over a transport. */
    public static Mtcp on(Transport transport) {
        return new Mtcp(transport);
    }

    /** The transport underneath. */
    public Transport transport() {
        return transport;
    }

    /**
     * {@code bind(host, service)}: resolves (no wildcard magic: use "0.0.0.0" or "::"), binds the first
     * address that works (no SO_REUSEADDR, OS default v6only) and listens with backlog 32.
     *
     * @return the server fd and the raw address <em>the resolver gave</em> (port 0 if 0 was asked: use
     *         {@link #getsockname}); or {@code "getaddrinfo (<host>) <text>"}, {@code "bind error: -1  <errno>"},
     *         {@code "listen error: -1  <errno>"}
     */
    public Result<FdAddress> bind(String host, String service) {
        checkText(host, 1, "mtcp.bind");
        checkText(service, 2, "mtcp.bind");
        Result<FdAddress> bound = firstThatWorks("bind", host, service, transport::bind);
        if (bound.isOk()) {
            int fd = bound.value().fd();
            try {
                transport.listen(fd, BACKLOG);
            } catch (ErrnoException e) {
                // The C code leaks the socket here; we close it.
                closeQuietly(fd);
                return Result.fail(ErrorTexts.mtcpWithReturn("listen", -1, e.errno()));
            }
        }
        return bound;
    }

    /** One step mtcp's bind and connect try on each resolved address. */
    @FunctionalInterface
    private interface Attempt {
        void run(int fd, SockAddr address) throws ErrnoException;
    }

    /**
     * mtcp's loop over the resolved addresses, in resolver order: a socket for each (skipped if it cannot be
     * made), then the attempt; a failed socket is closed and the next address tried. The message carries the
     * last return value (-1, or 0 when no attempt was made) and errno.
     */
    private Result<FdAddress> firstThatWorks(String call, String host, String service, Attempt attempt) {
        List<SockAddr> resolved;
        try {
            resolved = transport.getaddrinfo(host, service, Family.UNSPEC, false);
        } catch (GaiException e) {
            return Result.fail(ErrorTexts.mtcpResolve(host, e));
        }
        int r = 0;
        int errno = 0;
        for (SockAddr a : resolved) {
            int fd;
            try {
                fd = transport.socket(a.family());
            } catch (ErrnoException e) {
                errno = e.errno();
                continue;
            }
            try {
                attempt.run(fd, a);
                return Result.ok(new FdAddress(fd, a.raw()));
            } catch (ErrnoException e) {
                r = -1;
                errno = e.errno();
                closeQuietly(fd);
            }
        }
        return Result.fail(ErrorTexts.mtcpWithReturn(call, r, errno));
    }

    /** {@code bind} with a numeric service, as Lua converts a number argument to a string. */
    public Result<FdAddress> bind(String host, long service) {
        return bind(host, Long.toString(service));
    }

    /**
     * {@code accept(servfd)}: waits without limit for a connection.
     *
     * @return the new fd and the peer's raw address, or {@code "accept error: <errno>"}
     */
    public Result<FdAddress> accept(int servfd) {
        try {
            Accepted a = transport.acceptWithAddress(servfd, -1);
            // Only a transport that cannot learn the address of a peer already gone gives none: then the
            // address is all zeros (C would still have the one accept() saw).
            SockAddr peer = a.peer() != null ? a.peer() : SockAddr.inet(new byte[4], 0);
            return Result.ok(new FdAddress(a.fd(), peer.raw()));
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpErrno("accept", e.errno()));
        }
    }

    /**
     * {@code connect(host, service)}: tries each resolved address in order with a blocking connect.
     *
     * @return the fd and the raw address that connected; or {@code "getaddrinfo (<host>) <text>"} or
     *         {@code "connect error: -1  <errno>"} with the last errno
     */
    public Result<FdAddress> connect(String host, String service) {
        checkText(host, 1, "mtcp.connect");
        checkText(service, 2, "mtcp.connect");
        return firstThatWorks("connect", host, service, (fd, a) -> transport.connect(fd, a, -1));
    }

    /** {@code connect} with a numeric service. */
    public Result<FdAddress> connect(String host, long service) {
        return connect(host, Long.toString(service));
    }

    /** {@code read(fd)}: up to 1024 bytes, 10 s per wait. */
    public Result<byte[]> read(int fd) {
        return read(fd, BUFSIZE, DEFAULT_TIMEOUT);
    }

    /** {@code read(fd, n)} with the 10 s wait. */
    public Result<byte[]> read(int fd, long n) {
        return read(fd, n, DEFAULT_TIMEOUT);
    }

    /**
     * {@code read(fd, n, timeout)}: reads in chunks of {@link #BUFSIZE}, each after a wait of at most
     * {@code timeout} ms (negative: no limit; 0: no wait). It stops after a chunk shorter than 1024, once
     * the total reaches {@code n} (so it may return more than n, and always reads one chunk), or at end of
     * stream. The result is the bytes read: {@code ""} at end of stream.
     *
     * <p>A run of full chunks is read with one transport read of up to the rest of {@code n} rounded up to
     * 1024 (at most 64 KiB per read): the loop's result is the same, since the kernel hands out at most
     * what is waiting, and a return that is a whole number of chunks goes back to waiting exactly as the
     * loop would after its last full chunk. Only the number of syscalls differs.
     *
     * @return the bytes; or, when nothing was read, {@code "poll timeout"} or
     *         {@code "read error: -1  <errno>"}. Bytes read before a later timeout or error are returned,
     *         not lost (the port's fix of the C code).
     */
    public Result<byte[]> read(int fd, long n, long timeout) {
        long waitNanos = timeout < 0 ? -1 : Timeout.millisToNanos(timeout);
        if (n <= BUFSIZE) {
            return readOneChunk(fd, waitNanos);
        }
        // The loop ends at the first multiple of 1024 that reaches n (or earlier).
        long target = (n + BUFSIZE - 1) / BUFSIZE * BUFSIZE;
        byte[] run = RunBuffers.take();
        try {
            ByteSink more = null; // made only when a run of chunks takes more than one transport read
            while (true) {
                int got;
                try {
                    int want = (int) Math.min(target - (more == null ? 0 : more.size()), RunBuffers.SIZE);
                    got = recv(fd, run, want, waitNanos);
                } catch (ErrnoException e) {
                    if (more == null) {
                        return Result.fail(ErrorTexts.mtcpWithReturn("read", -1, e.errno()));
                    }
                    // Bytes read before a later failure are returned, not lost (the port's fix of the C code).
                    break;
                }
                if (got == Transport.TIMEOUT || got == Transport.EOF) {
                    if (more == null) {
                        return got == Transport.EOF ? Result.ok(new byte[0]) : Result.fail(ErrorTexts.POLL_TIMEOUT);
                    }
                    break;
                }
                // A count that is not whole chunks ended with a short chunk: the loop stops there.
                boolean last = got % BUFSIZE != 0 || (more == null ? 0 : more.size()) + got >= n;
                if (last && more == null) {
                    return Result.ok(Arrays.copyOf(run, got));
                }
                if (more == null) {
                    more = new ByteSink((int) Math.min(target, 2L * RunBuffers.SIZE));
                }
                more.append(run, 0, got);
                if (last) {
                    break;
                }
            }
            return Result.ok(more.toByteArray());
        } finally {
            RunBuffers.give(run);
        }
    }

    /**
     * One transport read, as mtcp's loop does it. C polls before every recv, while a transport tries the recv
     * first; they differ only where recv fails at once without waiting for readiness: ENOTCONN, on a
     * listening or unconnected socket. Then the poll decides, as in C: a listener with nothing pending
     * waits out the timeout ({@code "poll timeout"}); one with a pending connection, or an unconnected
     * socket (poll reports its hang-up), is ready, and the recv then fails with 107.
     */
    private int recv(int fd, byte[] dst, int len, long waitNanos) throws ErrnoException {
        try {
            return transport.read(fd, dst, 0, len, waitNanos);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOTCONN) {
                throw e;
            }
            int[] revents = new int[1];
            if (transport.poll(new int[] {fd}, new int[] {Transport.POLLIN}, revents, 1, waitNanos) == 0) {
                return Transport.TIMEOUT;
            }
            return transport.read(fd, dst, 0, len, 0);
        }
    }

    /** A read of one chunk (n ≤ 1024): into the thread's buffer, then one exact copy. */
    private Result<byte[]> readOneChunk(int fd, long waitNanos) {
        byte[] first = FIRST_CHUNK.get();
        int got;
        try {
            got = recv(fd, first, BUFSIZE, waitNanos);
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpWithReturn("read", -1, e.errno()));
        }
        if (got == Transport.TIMEOUT) {
            return Result.fail(ErrorTexts.POLL_TIMEOUT);
        }
        if (got == Transport.EOF) {
            return Result.ok(new byte[0]);
        }
        return Result.ok(Arrays.copyOf(first, got));
    }

    /** {@code write(fd, s)}: the whole string. */
    public Result<Long> write(int fd, byte[] s) {
        return write(fd, s, 1, 0);
    }

    /** {@code write(fd, s)} for a Java string, sent as UTF-8. */
    public Result<Long> write(int fd, String s) {
        return write(fd, s == null ? null : s.getBytes(StandardCharsets.UTF_8), 1, 0);
    }

    /**
     * {@code write(fd, s)} with a Lua value: a byte[], a String (UTF-8) or a Number, which Lua turns into
     * its digits ({@code 12345} sends "12345").
     *
     * @throws LuaError {@code string expected, got T} for anything else
     */
    public Result<Long> write(int fd, Object s) {
        return write(fd, s, 1, 0);
    }

    /** {@code write(fd, s, idx, n)} with a Lua value for {@code s}; see {@link #write(int, Object)}. */
    public Result<Long> write(int fd, Object s, long idx, long n) {
        return write(fd, LuaValues.checkString(s, 2, "mtcp.write"), idx, n);
    }

    /** {@code write(fd, s, idx)}: from byte idx to the end. */
    public Result<Long> write(int fd, byte[] s, long idx) {
        return write(fd, s, idx, 0);
    }

    /**
     * {@code write(fd, s, idx, n)}: n bytes from byte idx (1-based); n = 0, or an n reaching past the end
     * (or before the start), means the rest of the string. Waits until the kernel has taken them all.
     *
     * @return the count written; or {@code "write error: -1  <errno>"} ({@code 32} for a reset peer,
     *         {@code 14} for a negative n that does not mean "the rest")
     * @throws LuaError {@code write: idx (N) too large} for idx outside 1..#s (an empty s always)
     */
    public Result<Long> write(int fd, byte[] s, long idx, long n) {
        if (s == null) {
            throw LuaError.typeError(2, "mtcp.write", "string", null);
        }
        WriteRange range = WriteRange.of(s.length, idx, n);
        if (range.isFault()) {
            return Result.fail(ErrorTexts.mtcpWithReturn("write", -1, Errno.EFAULT));
        }
        long done = 0;
        long count = range.count();
        while (done < count) {
            int step = (int) Math.min(count - done, Integer.MAX_VALUE);
            try {
                int w = transport.write(fd, s, range.offset() + (int) done, step, -1);
                done += w;
            } catch (ErrnoException e) {
                if (done > 0) {
                    break;
                }
                int errno = e.errno() == Errno.ECONNRESET ? Errno.EPIPE : e.errno();
                return Result.fail(ErrorTexts.mtcpWithReturn("write", -1, errno));
            }
        }
        return Result.ok(done);
    }

    /**
     * {@code close(fd)}.
     *
     * @return true, or {@code "close error: <errno>"} ({@code 9} when it is not open)
     */
    public Result<Boolean> close(int fd) {
        try {
            transport.close(fd);
            return Result.ok(Boolean.TRUE);
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpErrno("close", e.errno()));
        }
    }

    private void closeQuietly(int fd) {
        try {
            transport.close(fd);
        } catch (ErrnoException ignored) {
            // Already gone; nothing to release.
        }
    }

    /** {@code getsockname(fd)}: the raw local address, or {@code "getsockname error: <errno>"}. */
    public Result<byte[]> getsockname(int fd) {
        try {
            return Result.ok(transport.localAddress(fd).raw());
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpErrno("getsockname", e.errno()));
        }
    }

    /** {@code getpeername(fd)}: the raw peer address, or {@code "getpeername error: <errno>"}. */
    public Result<byte[]> getpeername(int fd) {
        try {
            return Result.ok(transport.remoteAddress(fd).raw());
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpErrno("getpeername", e.errno()));
        }
    }

    /** {@code getaddrinfo(host)}: service "0". */
    public Result<List<byte[]>> getaddrinfo(String host) {
        return getaddrinfo(host, "0");
    }

    /**
     * {@code getaddrinfo(host, port)}: the raw addresses, in resolver order (never empty on success).
     *
     * @return the list, or {@code "getaddrinfo: <code> <text>"} (e.g. {@code -2 Name or service not known})
     */
    public Result<List<byte[]>> getaddrinfo(String host, String port) {
        checkText(host, 1, "mtcp.getaddrinfo");
        try {
            List<byte[]> out = new ArrayList<>();
            for (SockAddr a : transport.getaddrinfo(host, port == null ? "0" : port, Family.UNSPEC, false)) {
                out.add(a.raw());
            }
            return Result.ok(out);
        } catch (GaiException e) {
            return Result.fail(ErrorTexts.mtcpGai("getaddrinfo", e));
        }
    }

    /** {@code getnameinfo(addr)}: the host by reverse lookup. */
    public Result<HostPort> getnameinfo(byte[] addr) {
        return getnameinfo(addr, false);
    }

    /**
     * {@code getnameinfo(addr, numeric_host)}: any bytes are accepted; ones that are not a whole
     * {@code sockaddr_in}/{@code sockaddr_in6} give {@code "getnameinfo: -6 ai_family not supported"}.
     * In Lua, numeric_host is truthy-tested (0 and "" count as true).
     */
    public Result<HostPort> getnameinfo(byte[] addr, boolean numericHost) {
        if (addr == null) {
            throw LuaError.typeError(1, "mtcp.getnameinfo", "string", null);
        }
        SockAddr a;
        try {
            a = SockAddr.parse(addr);
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorTexts.mtcpGai("getnameinfo", new GaiException(GaiException.EAI_FAMILY)));
        }
        try {
            NameInfo info = transport.getnameinfo(a, numericHost);
            return Result.ok(new HostPort(info.host(), info.port()));
        } catch (GaiException e) {
            return Result.fail(ErrorTexts.mtcpGai("getnameinfo", e));
        }
    }

    /**
     * {@code msleep(ms)}.
     *
     * @return true, or {@code "nanosleep error: 22"} for a negative time ({@code 4} if interrupted)
     */
    public Result<Boolean> msleep(long ms) {
        if (ms < 0) {
            return Result.fail(ErrorTexts.mtcpErrno("nanosleep", Errno.EINVAL));
        }
        try {
            transport.sleep(ms > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : ms * 1_000_000L);
            return Result.ok(Boolean.TRUE);
        } catch (ErrnoException e) {
            return Result.fail(ErrorTexts.mtcpErrno("nanosleep", e.errno()));
        }
    }

    private static void checkText(String s, int arg, String function) {
        if (s == null) {
            throw LuaError.typeError(arg, function, "string", null);
        }
    }
}
