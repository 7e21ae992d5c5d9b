package org.mtcp.transport.blocking;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;

/**
 * Raw addresses to and from java.net. Every java.net socket is a dual-stack IPv6 socket underneath, which
 * reports IPv4 and v4-mapped addresses as {@link Inet4Address} and both wildcards as {@code 0.0.0.0}; the
 * family of our socket decides which {@code sockaddr} the kernel would have returned.
 */
final class Addresses {
    private Addresses() {
    }

    /** {@code 0.0.0.0:port} or {@code [::]:port}. */
    static SockAddr wildcard(Family family, int port) {
        return family == Family.INET6 ? SockAddr.inet6(new byte[16], port, 0, 0) : SockAddr.inet(new byte[4], port);
    }

    /** The address a socket of this family would report for what java.net returned. */
    static SockAddr fromJava(SocketAddress address, Family family) {
        InetSocketAddress isa = (InetSocketAddress) address;
        InetAddress ip = isa.getAddress();
        int port = isa.getPort();
        if (ip == null || ip.isAnyLocalAddress()) {
            return wildcard(family, port);
        }
        if (family == Family.INET6) {
            if (ip instanceof Inet4Address) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(ip.getAddress(), 0, mapped, 12, 4);
                return SockAddr.inet6(mapped, port, 0, 0);
            }
            return SockAddr.inet6(ip.getAddress(), port, 0, ((Inet6Address) ip).getScopeId());
        }
        return SockAddr.of(ip, port);
    }

    /** The same address with the kernel's choice of port and no flow label, as getsockname shows it. */
    static SockAddr bound(SockAddr requested, int port) {
        if (requested.family() == Family.INET6) {
            return SockAddr.inet6(requested.address(), port, 0, requested.scopeId());
        }
        return SockAddr.inet(requested.address(), port);
    }

    /** Where a connect goes: Linux turns a wildcard destination into the loopback address. */
    static InetSocketAddress connectTarget(SockAddr remote) {
        if (remote.isWildcard()) {
            byte[] loop = remote.family() == Family.INET6 ? new byte[16] : new byte[] {127, 0, 0, 1};
            loop[loop.length - 1] = 1;
            return (remote.family() == Family.INET6 ? SockAddr.inet6(loop, remote.port(), 0, 0)
                    : SockAddr.inet(loop, remote.port())).toInetSocketAddress();
        }
        return remote.toInetSocketAddress();
    }

    /**
     * The errno Linux gives for an address of the wrong family: an IPv4 socket refuses a {@code sockaddr_in6}
     * with EAFNOSUPPORT; an IPv6 socket finds a {@code sockaddr_in} too short (EINVAL).
     */
    static void checkFamily(Family socketFamily, SockAddr address) throws ErrnoException {
        if (address.family() == socketFamily) {
            return;
        }
        throw new ErrnoException(socketFamily == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL);
    }

    /** Whether a peer java.net accepted is a real IPv6 address (not IPv4 or v4-mapped). */
    static boolean isRealIpv6(InetAddress peer) {
        return peer instanceof Inet6Address;
    }
}
