package org.mtcp.spi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A socket address as the exact Linux x86-64 {@code sockaddr} bytes: what mtcp calls a "raw address".
 *
 * <ul>
 *   <li>IPv4, 16 bytes ({@code sockaddr_in}): family 2 as a little-endian 16-bit number, the port
 *       big-endian, the 4 address bytes, 8 zero bytes.</li>
 *   <li>IPv6, 28 bytes ({@code sockaddr_in6}): family 10 little-endian, the port big-endian, flowinfo
 *       (4 bytes, network order), the 16 address bytes, the scope id (4 bytes, little-endian).</li>
 * </ul>
 * Instances are immutable; {@link #raw()} returns a copy.
 */
public final class SockAddr {
    /** Size of {@code sockaddr_in}. */
    public static final int INET_SIZE = 16;
    /** Size of {@code sockaddr_in6}. */
    public static final int INET6_SIZE = 28;

    private final byte[] raw;

    private SockAddr(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Reads raw {@code sockaddr} bytes. Accepts what glibc's {@code getnameinfo} accepts: a family field
     * of 2 with at least 16 bytes, or 10 with at least 28; extra bytes are ignored.
     *
     * @throws IllegalArgumentException for any other input (null, too short, unknown family); the
     *         resolver calls this {@code EAI_FAMILY}
     */
    public static SockAddr parse(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new IllegalArgumentException("ai_family not supported");
        }
        int family = (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
        if (family == Family.INET.linuxNumber() && raw.length >= INET_SIZE) {
            return new SockAddr(Arrays.copyOf(raw, INET_SIZE));
        }
        if (family == Family.INET6.linuxNumber() && raw.length >= INET6_SIZE) {
            return new SockAddr(Arrays.copyOf(raw, INET6_SIZE));
        }
        throw new IllegalArgumentException("ai_family not supported");
    }

    /** An IPv4 address: 4 address bytes and a port in 0..65535. */
    public static SockAddr inet(byte[] address, int port) {
        if (address.length != 4) {
            throw new IllegalArgumentException("IPv4 address needs 4 bytes, got " + address.length);
        }
        checkPort(port);
        byte[] b = new byte[INET_SIZE];
        b[0] = (byte) Family.INET.linuxNumber();
        b[2] = (byte) (port >>> 8);
        b[3] = (byte) port;
        System.arraycopy(address, 0, b, 4, 4);
        return new SockAddr(b);
    }

    /** An IPv6 address: 16 address bytes, a port in 0..65535, flowinfo and scope id. */
    public static SockAddr inet6(byte[] address, int port, int flowinfo, int scopeId) {
        if (address.length != 16) {
            throw new IllegalArgumentException("IPv6 address needs 16 bytes, got " + address.length);
        }
        checkPort(port);
        byte[] b = new byte[INET6_SIZE];
        b[0] = (byte) Family.INET6.linuxNumber();
        b[2] = (byte) (port >>> 8);
        b[3] = (byte) port;
        b[4] = (byte) (flowinfo >>> 24);
        b[5] = (byte) (flowinfo >>> 16);
        b[6] = (byte) (flowinfo >>> 8);
        b[7] = (byte) flowinfo;
        System.arraycopy(address, 0, b, 8, 16);
        b[24] = (byte) scopeId;
        b[25] = (byte) (scopeId >>> 8);
        b[26] = (byte) (scopeId >>> 16);
        b[27] = (byte) (scopeId >>> 24);
        return new SockAddr(b);
    }

    /** The raw form of a resolved Java socket address. */
    public static SockAddr of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        return of(ip, address.getPort());
    }

    /** The raw form of a Java IP address and a port. */
    public static SockAddr of(InetAddress ip, int port) {
        if (ip instanceof Inet6Address) {
            return inet6(ip.getAddress(), port, 0, ((Inet6Address) ip).getScopeId());
        }
        return inet(ip.getAddress(), port);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@link Family#INET} or {@link Family#INET6}. */
    public Family family() {
        return raw.length == INET_SIZE ? Family.INET : Family.INET6;
    }

    /** The port, 0..65535. */
    public int port() {
        return (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
    }

    /** The same address with another port. */
    public SockAddr withPort(int port) {
        checkPort(port);
        byte[] b = raw.clone();
        b[2] = (byte) (port >>> 8);
        b[3] = (byte) port;
        return new SockAddr(b);
    }

    /** The 4 or 16 address bytes (a copy). */
    public byte[] address() {
        return family() == Family.INET ? Arrays.copyOfRange(raw, 4, 8) : Arrays.copyOfRange(raw, 8, 24);
    }

    /** The IPv6 scope id (0 for IPv4). */
    public int scopeId() {
        if (family() == Family.INET) {
            return 0;
        }
        return (raw[24] & 0xff) | (raw[25] & 0xff) << 8 | (raw[26] & 0xff) << 16 | (raw[27] & 0xff) << 24;
    }

    /** The raw bytes (a copy): 16 or 28 of them. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw length, 16 or 28. */
    public int length() {
        return raw.length;
    }

    /** Whether this is an IPv6 address that carries an IPv4 one ({@code ::ffff:a.b.c.d}). */
    public boolean isV4Mapped() {
        if (family() != Family.INET6) {
            return false;
        }
        for (int i = 8; i < 18; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[18] == (byte) 0xff && raw[19] == (byte) 0xff;
    }

    /** Whether the address is the wildcard ({@code 0.0.0.0} or {@code ::}). */
    public boolean isWildcard() {
        for (byte b : address()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** This address as a Java socket address (no name lookup). */
    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(toInetAddress(), port());
    }

    /** The IP as a Java address (no name lookup). */
    public InetAddress toInetAddress() {
        try {
            if (family() == Family.INET6) {
                int scope = scopeId();
                return scope != 0 ? Inet6Address.getByAddress(null, address(), scope)
                        : InetAddress.getByAddress(address());
            }
            return InetAddress.getByAddress(address());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The numeric host text as glibc's {@code inet_ntop} writes it: {@code "127.0.0.1"}, {@code "::1"},
     * {@code "::ffff:127.0.0.1"}; a non-zero IPv6 scope id is appended as {@code %N}.
     */
    public String hostText() {
        byte[] a = address();
        if (family() == Family.INET) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        String text = inet6Text(a);
        int scope = scopeId();
        return scope != 0 ? text + "%" + Integer.toUnsignedString(scope) : text;
    }

    private static String inet6Text(byte[] a) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        // The longest run of zero words (at least two) becomes "::", the first one on a tie.
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] == 0) {
                int j = i;
                while (j < 8 && words[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestBase = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // An embedded IPv4 address: ::a.b.c.d and ::ffff:a.b.c.d, as glibc prints them.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockAddr && Arrays.equals(raw, ((SockAddr) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return family() == Family.INET6 ? "[" + hostText() + "]:" + port() : hostText() + ":" + port();
    }
}
