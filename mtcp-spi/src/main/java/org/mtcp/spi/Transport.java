package org.mtcp.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The I/O primitives of one transport: Linux socket calls on stream sockets, numbered by descriptor.
 *
 * <p>Contract shared by every method:
 * <ul>
 *   <li>Descriptors are non-negative {@code int}s this transport hands out (the kernel's own numbers when
 *       {@link Capability#REAL_DESCRIPTORS} is declared). An unknown or closed descriptor fails with
 *       {@link Errno#EBADF}. A call works on the socket its descriptor named when it started.</li>
 *   <li>Failures are {@link ErrnoException}s carrying the Linux errno the same call would give in C
 *       (e.g. {@link Errno#ECONNREFUSED} = 111), never other exception types. Illegal arguments that the
 *       shared layer has already ruled out (null arrays, bad offsets) may throw unchecked exceptions.</li>
 *   <li>{@code waitNanos}: negative = wait without limit, 0 = try once without waiting, positive = wait at
 *       most that long. The operation is tried first; only if it would block does the call wait for
 *       readiness (without busy-waiting) and try again, until it succeeds, fails or the wait runs out,
 *       when it returns {@link #TIMEOUT}.</li>
 *   <li>Sockets are internally non-blocking; {@link #close(int)} from another thread makes a call
 *       blocked on that descriptor fail promptly with {@link Errno#EBADF}.</li>
 * </ul>
 * Semantics (patterns, timeouts as LuaSocket computes them, mtcp's loops, error texts) are not the
 * transport's business: they live in the shared layer that calls these primitives.
 */
// Implemented by transports, the providers of this API: a new method is a minor version step and
// transport bundles import the package with a range narrower than the next minor version.
@ProviderType
public interface Transport extends AutoCloseable {
    /** Returned by {@link #read} at end of stream. */
    int EOF = -1;
    /** Returned by a timed primitive whose wait ran out. */
    int TIMEOUT = -2;

    /** {@code shutdown} modes, as Linux numbers them. */
    int SHUT_RD = 0;
    /** Shut down the sending side. */
    int SHUT_WR = 1;
    /** Shut down both sides. */
    int SHUT_RDWR = 2;

    /** Readiness bits for {@link #poll}, with Linux {@code poll(2)} values. */
    int POLLIN = 0x001;
    /** Writable (or a connect finished, well or badly). */
    int POLLOUT = 0x004;
    /** An error is pending. */
    int POLLERR = 0x008;
    /** The peer hung up. */
    int POLLHUP = 0x010;
    /** The descriptor is not open. */
    int POLLNVAL = 0x020;

    /** The provider's name, e.g. {@code "blocking"}. */
    String name();

    /** What this transport can do beyond the baseline. */
    Set<Capability> capabilities();

    /**
     * Why this transport lacks {@code c}, in words a user can act on: the conformance kit shows it when it
     * skips the checks of {@code c}, and {@code mtcp transports} lists it. Empty when {@code c} is declared.
     *
     * @implSpec The default says only that the capability is not declared; a transport that lacks one
     *           because its platform cannot do it should say so.
     */
    default Optional<String> missingReason(Capability c) {
        return capabilities().contains(c) ? Optional.empty() : Optional.of("not declared by " + name());
    }

    /** The options {@link #setOption}/{@link #getOption} support; others fail with ENOPROTOOPT. */
    Set<SocketOption> options();

    /**
     * Creates a TCP socket of this family ({@link Family#INET} or {@link Family#INET6}). An IPv6 socket
     * starts with the OS default for {@code IPV6_V6ONLY} (off on Linux).
     */
    int socket(Family family) throws ErrnoException;

    /** Binds the socket; EADDRINUSE, EACCES, EINVAL (already bound), EAFNOSUPPORT (family mismatch). */
    void bind(int fd, SockAddr local) throws ErrnoException;

    /** Starts listening. On an unbound socket the kernel picks the wildcard address and a port. */
    void listen(int fd, int backlog) throws ErrnoException;

    /**
     * Accepts one connection: its new descriptor, or {@link #TIMEOUT}. ECONNABORTED and EINTR are retried
     * internally.
     */
    int accept(int fd, long waitNanos) throws ErrnoException;

    /**
     * {@link #accept} that also gives the peer's address as accept(2) saw it, which stays right when the
     * peer resets before anyone asks (mtcp's accept returns it). The default asks {@link #remoteAddress}
     * after accepting, which a transport whose accepted sockets remember their peer may keep; a transport
     * on kernel descriptors should override it to take the address from accept itself.
     */
    default Accepted acceptWithAddress(int fd, long waitNanos) throws ErrnoException {
        int accepted = accept(fd, waitNanos);
        if (accepted == TIMEOUT) {
            return new Accepted(accepted, null);
        }
        try {
            return new Accepted(accepted, remoteAddress(accepted));
        } catch (ErrnoException peerGone) {
            return new Accepted(accepted, null);
        }
    }

    /**
     * Connects, with Linux non-blocking semantics: the first call starts the connection; if it is still in
     * progress when the wait runs out the call returns {@link #TIMEOUT} and the connection goes on. A later
     * call on the same socket waits for that connection (it does not start another): it returns 0 once the
     * connection is established — including when it completed while nobody waited — and a call after that
     * fails with EISCONN. A connection that failed reports its errno (ECONNREFUSED, ETIMEDOUT, ...) to the
     * next call, which leaves the socket unconnected.
     *
     * @return 0 when connected, or {@link #TIMEOUT}
     */
    int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException;

    /**
     * Reads at most {@code len} (≥ 1) bytes: the count read (≥ 1), {@link #EOF} once the peer has closed
     * (or the receive side was shut down), or {@link #TIMEOUT}. ECONNRESET, ENOTCONN, EBADF are thrown.
     * Like recv on a stream socket, it returns fewer than {@code len} bytes only when no more were waiting,
     * except that a transport may cap one call at a whole multiple of 1024 bytes (at least 16 KiB): mtcp's
     * read loop takes a short count that is not whole kilobytes as the end of the waiting data. {@code dst}
     * is written only while the call runs (callers reuse it at once).
     */
    int read(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException;

    /**
     * Writes at most {@code len} (≥ 1) bytes with one send: the count the kernel accepted (≥ 1), or
     * {@link #TIMEOUT}. A reset or closed peer fails with EPIPE or ECONNRESET, never a signal.
     */
    int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException;

    /** Shuts down one or both directions ({@link #SHUT_RD}, {@link #SHUT_WR}, {@link #SHUT_RDWR}). */
    void shutdown(int fd, int how) throws ErrnoException;

    /** Closes the descriptor; EBADF if it is not open. Wakes calls blocked on it. */
    void close(int fd) throws ErrnoException;

    /** The local address ({@code getsockname}). */
    SockAddr localAddress(int fd) throws ErrnoException;

    /** The peer address ({@code getpeername}); ENOTCONN if not connected. */
    SockAddr remoteAddress(int fd) throws ErrnoException;

    /**
     * Sets an option; the value has the option's {@link SocketOption#type()}. Failures are errnos
     * (EBADF, EINVAL, ENOPROTOOPT).
     */
    void setOption(int fd, SocketOption option, Object value) throws ErrnoException;

    /** Reads an option, as its {@link SocketOption#type()}. */
    Object getOption(int fd, SocketOption option) throws ErrnoException;

    /**
     * Waits until at least one descriptor is ready, like {@code poll(2)}: {@code events[k]} holds
     * {@link #POLLIN}/{@link #POLLOUT} for {@code fds[k]}, {@code revents[k]} receives the ready bits (a
     * descriptor that is not open gets {@link #POLLNVAL}). A listening socket is readable when a
     * connection is pending; a connecting socket is writable when its connect has finished, well or
     * badly. Negative entries in {@code fds} are ignored.
     *
     * @return how many descriptors are ready (0 when the wait ran out)
     */
    int poll(int[] fds, int[] events, int[] revents, int count, long waitNanos) throws ErrnoException;

    /**
     * Resolves a host and service like {@code getaddrinfo} with stream hints, in resolver order.
     *
     * @param host a name or numeric address, or null for the wildcard (with {@code passive}) or loopback
     * @param service a port number or service name ("http"); null means port 0
     * @param family {@link Family#UNSPEC} for any
     * @param passive the {@code AI_PASSIVE} flag
     * @return at least one address
     * @implSpec The default resolves with {@link JdkResolver}, for transports that have no libc to call.
     */
    default List<SockAddr> getaddrinfo(String host, String service, Family family, boolean passive)
            throws GaiException {
        return JdkResolver.getaddrinfo(host, service, family, passive);
    }

    /**
     * Turns an address into host text (a reverse lookup unless {@code numericHost}) and port.
     *
     * @implSpec The default uses {@link JdkResolver}.
     */
    default NameInfo getnameinfo(SockAddr address, boolean numericHost) throws GaiException {
        return JdkResolver.getnameinfo(address, numericHost);
    }

    /**
     * Sleeps; EINVAL for a negative duration. Returns early only on interruption: EINTR, with the thread's
     * interrupt flag still set.
     *
     * @implSpec The default uses {@link Thread#sleep(long, int)}.
     */
    default void sleep(long nanos) throws ErrnoException {
        if (nanos < 0) {
            throw new ErrnoException(Errno.EINVAL);
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR, e);
        }
    }

    /** Closes every socket this transport opened and releases its resources. Idempotent. */
    @Override
    void close();
}
