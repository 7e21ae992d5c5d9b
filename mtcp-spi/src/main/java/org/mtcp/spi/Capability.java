package org.mtcp.spi;

/**
 * What a transport can do beyond the baseline (IPv4 stream sockets, every primitive of {@link Transport}).
 * The conformance kit skips, with the reason shown, a test whose capability is missing, and fails a
 * transport whose declaration is inconsistent with what it does.
 */
public enum Capability {
    /** IPv6 sockets ({@link Family#INET6}). */
    IPV6,
    /** {@link SocketOption#IPV6_V6ONLY} is enforced by the kernel, not emulated. */
    KERNEL_V6ONLY,
    /** Descriptors are the kernel's own numbers. */
    REAL_DESCRIPTORS,
    /** Addresses are the {@code sockaddr} bytes the kernel returned, not rebuilt from Java objects. */
    KERNEL_ADDRESSES,
    /** A zero-wait primitive never waits at all (some java.net paths need a 1 ms slice). */
    EXACT_ZERO_WAIT,
    /**
     * {@code shutdown} of the receive side only ({@code SHUT_RD}) as Linux does it: reads end at once, later
     * data is still delivered, and a reader blocked without a time limit is woken with end of stream.
     */
    SHUTDOWN_RECEIVE,
    /**
     * {@code poll} reports {@link Transport#POLLERR} and {@link Transport#POLLHUP} for a connection the peer
     * reset, whatever was asked, as Linux does (a transport without it shows a reset as readable and
     * writable; the next read or write then fails with ECONNRESET).
     */
    POLL_ERROR_EVENTS,
    /**
     * The Linux-only {@code tcp-defer-accept} and {@code tcp-fastopen} options. (The keepalive tuning options
     * are declared one by one in {@link Transport#options()}.)
     */
    LINUX_TCP_OPTIONS
}
