package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** Test helpers: loopback addresses, listeners, connected pairs, errno assertions. */
final class Net {
    static final long SECOND = 1_000_000_000L;
    static final long MS = 1_000_000L;

    private static Boolean ipv6;

    private Net() {
    }

    /** Skips an IPv6 case on a machine without an IPv6 loopback. */
    static void assume(Family f) {
        if (f == Family.INET6) {
            Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        }
    }

    static synchronized boolean ipv6Loopback() {
        if (ipv6 == null) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                ipv6 = true;
            } catch (IOException e) {
                ipv6 = false;
            }
        }
        return ipv6;
    }

    /** The loopback address of a family. */
    static SockAddr lo(Family f, int port) {
        if (f == Family.INET6) {
            byte[] a = new byte[16];
            a[15] = 1;
            return SockAddr.inet6(a, port, 0, 0);
        }
        return SockAddr.inet(new byte[] {127, 0, 0, 1}, port);
    }

    /** {@code ::ffff:127.0.0.1}. */
    static SockAddr mapped(int port) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        a[12] = 127;
        a[15] = 1;
        return SockAddr.inet6(a, port, 0, 0);
    }

    /** A socket listening on the loopback address, ephemeral port. */
    static int listener(Transport t, Family f) throws ErrnoException {
        int s = t.socket(f);
        t.bind(s, lo(f, 0));
        t.listen(s, 16);
        return s;
    }

    static int port(Transport t, int fd) throws ErrnoException {
        return t.localAddress(fd).port();
    }

    /** A loopback address nobody listens on (a port just released). */
    static SockAddr refusing(Transport t, Family f) throws ErrnoException {
        int s = listener(t, f);
        int p = port(t, s);
        t.close(s);
        return lo(f, p);
    }

    /** A listener, a client connected to it, and the accepted end. */
    record Pair(int server, int client, int accepted) {
    }

    static Pair pair(Transport t, Family f) throws ErrnoException {
        int s = listener(t, f);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, lo(f, port(t, s)), 5 * SECOND));
        int a = t.accept(s, 5 * SECOND);
        assertTrue(a >= 0, "accepted");
        return new Pair(s, c, a);
    }

    /** Asserts that the call fails with this Linux errno. */
    static void assertErrno(int expected, Executable call) {
        ErrnoException e = assertThrows(ErrnoException.class, call);
        assertEquals(expected, e.errno(), () -> "expected errno " + expected + " (" + Errno.strerror(expected)
                + "), got " + e.errno() + " (" + e.getMessage() + ")");
    }

    /** Writes all of {@code data}, waiting as needed. */
    static void writeAll(Transport t, int fd, byte[] data) throws ErrnoException {
        int off = 0;
        while (off < data.length) {
            int n = t.write(fd, data, off, data.length - off, 5 * SECOND);
            assertTrue(n > 0, "write progressed");
            off += n;
        }
    }

    /** Reads exactly {@code n} bytes (fails on EOF or timeout). */
    static byte[] readFully(Transport t, int fd, int n) throws ErrnoException {
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            int r = t.read(fd, out, off, n - off, 5 * SECOND);
            assertTrue(r > 0, () -> "read got " + r);
            off += r;
        }
        return out;
    }

    /** Reads until end of stream (or 5 s without data) and returns the last result. */
    /**
     * Skips the test when Linux's TIME_WAIT table is nearly full: the kernel then keeps no TIME_WAIT after
     * an active close (as for a minute after a connection-rate benchmark), so no port is held by one.
     */
    static void assumeTimeWaitsAreKept() {
        long tw = -1;
        long max = Long.MAX_VALUE;
        try {
            // readAllLines, not readString: procfs reports size 0, and readString then reads one byte.
            max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_max_tw_buckets")).get(0).trim());
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                String[] w = line.trim().split("\\s+");
                for (int i = 0; w[0].equals("TCP:") && i + 1 < w.length; i++) {
                    tw = w[i].equals("tw") ? Long.parseLong(w[i + 1]) : tw;
                }
            }
        } catch (IOException | RuntimeException unknown) {
            return;
        }
        Assumptions.assumeTrue(tw < max - max / 100, "the kernel's TIME_WAIT table is full (" + tw + " of " + max + ")");
    }

    static int drainToEof(Transport t, int fd) throws ErrnoException {
        byte[] b = new byte[4096];
        for (int i = 0; i < 10_000; i++) {
            int r = t.read(fd, b, 0, b.length, 5 * SECOND);
            if (r <= 0) {
                return r;
            }
        }
        return 0;
    }

    /**
     * Writes from {@code writer} until the send and receive buffers are full (a write that waited 100 ms
     * timed out); returns the count. Both buffers are set small first, which also stops the kernel from
     * growing them later (a full buffer then stays full while nobody reads).
     */
    static long fill(Transport t, int writer, int reader) throws ErrnoException {
        t.setOption(writer, org.mtcp.spi.SocketOption.SEND_BUFFER_SIZE, 16384);
        t.setOption(reader, org.mtcp.spi.SocketOption.RECV_BUFFER_SIZE, 16384);
        byte[] chunk = new byte[65536];
        long total = 0;
        for (int i = 0; i < 100_000; i++) {
            int r = t.write(writer, chunk, 0, chunk.length, 100 * MS);
            if (r == Transport.TIMEOUT) {
                return total;
            }
            total += r;
        }
        throw new AssertionError("the buffers never filled");
    }

    /** Resets a connection from this end (linger on, time 0, close). */
    static void abort(Transport t, int fd) throws ErrnoException {
        t.setOption(fd, org.mtcp.spi.SocketOption.LINGER, new org.mtcp.spi.Linger(true, 0));
        t.close(fd);
    }
}
