package org.mtcp.transport.nio;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;

/** Conversions between raw Linux socket addresses and the JDK's, for a socket of a given family. */
final class Addresses {
    private Addresses() {
    }

    /** The JDK protocol family of a socket family. */
    static StandardProtocolFamily protocol(Family f) {
        return f == Family.INET6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * Checks an address passed to bind/connect on a socket of family {@code f}, with the errnos Linux
     * gives: an IPv6 address on an IPv4 socket is EAFNOSUPPORT; an IPv4 sockaddr (16 bytes) on an IPv6
     * socket is EINVAL, because the kernel rejects its length before looking at the family.
     */
    static void checkFamily(Family f, SockAddr a) throws ErrnoException {
        if (a.family() == f) {
            return;
        }
        throw new ErrnoException(f == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL);
    }

    /** The JDK form of a raw address (no name lookup). */
    static InetSocketAddress toJdk(SockAddr a) {
        return a.toInetSocketAddress();
    }

    /**
     * The raw address a Linux socket of family {@code f} reports for a JDK address: the JDK shows
     * v4-mapped IPv6 addresses as IPv4 ones, but an IPv6 socket's {@code getsockname} returns a
     * 28-byte {@code sockaddr_in6} holding {@code ::ffff:a.b.c.d}.
     */
    static SockAddr fromJdk(Family f, SocketAddress sa) {
        InetSocketAddress isa = (InetSocketAddress) sa;
        InetAddress ip = isa.getAddress();
        if (f == Family.INET6 && ip instanceof Inet4Address) {
            byte[] v4 = ip.getAddress();
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return SockAddr.inet6(mapped, isa.getPort(), 0, 0);
        }
        return SockAddr.of(ip, isa.getPort());
    }

    /** The wildcard address with port 0, as {@code getsockname} shows an unbound socket. */
    static SockAddr unbound(Family f) {
        return f == Family.INET6 ? SockAddr.inet6(new byte[16], 0, 0, 0) : SockAddr.inet(new byte[4], 0);
    }

    /** The wildcard address of a family with an ephemeral port, where {@code listen} binds an unbound socket. */
    static InetSocketAddress wildcard(Family f) {
        return toJdk(unbound(f));
    }

    /** Whether the peer of an IPv6 socket is really an IPv4 one (the JDK shows v4-mapped peers as IPv4). */
    static boolean isV4Peer(SocketAddress sa) {
        return sa instanceof InetSocketAddress && ((InetSocketAddress) sa).getAddress() instanceof Inet4Address;
    }

    /**
     * Where a connect to {@code a} really goes. Linux sends a connect to the wildcard to the loopback
     * address of the same kind (the JDK agrees; done here so every JDK version does the same).
     */
    static InetSocketAddress connectTarget(SockAddr a) {
        if (!a.isWildcard()) {
            return toJdk(a);
        }
        byte[] lo;
        if (a.family() == Family.INET6) {
            lo = new byte[16];
            lo[15] = 1;
        } else {
            lo = new byte[] {127, 0, 0, 1};
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(lo), a.port());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
