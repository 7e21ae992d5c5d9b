package org.mtcp.transport.ffm;

/**
 * The Linux numbers this transport passes to libc (x86-64 and AArch64 share them: generic socket ABI,
 * LP64 structure layouts).
 */
final class Linux {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;

    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;

    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_KEEPALIVE = 9;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int SO_BINDTODEVICE = 25;

    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int TCP_KEEPIDLE = 4;
    static final int TCP_KEEPINTVL = 5;
    static final int TCP_KEEPCNT = 6;
    static final int TCP_DEFER_ACCEPT = 9;
    static final int TCP_FASTOPEN = 23;
    static final int TCP_FASTOPEN_CONNECT = 30;

    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;

    /** {@code IFNAMSIZ}: the kernel keeps at most 15 name bytes and a NUL. */
    static final int IFNAMSIZ = 16;

    static final int AI_PASSIVE = 1;
    static final int NI_NUMERICHOST = 1;
    static final int NI_NUMERICSERV = 2;
    /** {@code NI_MAXHOST}. */
    static final int NI_MAXHOST = 1025;
    /** {@code NI_MAXSERV}. */
    static final int NI_MAXSERV = 32;

    /** {@code struct addrinfo} (LP64): flags, family, socktype, protocol, addrlen, pad, addr, canonname, next. */
    static final long AI_SIZE = 48;
    static final long AI_FLAGS = 0;
    static final long AI_FAMILY = 4;
    static final long AI_SOCKTYPE = 8;
    static final long AI_ADDRLEN = 16;
    static final long AI_ADDR = 24;
    static final long AI_NEXT = 40;

    /** {@code sizeof(struct sockaddr_storage)}. */
    static final int SOCKADDR_STORAGE = 128;
    /** {@code sizeof(struct pollfd)}: int fd, short events, short revents. */
    static final int POLLFD_SIZE = 8;

    private Linux() {
    }
}
