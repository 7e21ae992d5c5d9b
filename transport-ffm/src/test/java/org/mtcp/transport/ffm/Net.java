package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** Loopback fixtures for the tests: a listener and connected pairs, over IPv4 or IPv6. */
final class Net {
    static final long SECOND = 1_000_000_000L;
    static final long MS = 1_000_000L;

    private Net() {
    }

    /** A fresh transport from the provider, which must be available here. */
    static Transport open() {
        FfmTransportProvider p = new FfmTransportProvider();
        assertTrue(p.unavailableReason().isEmpty(), () -> "ffm unavailable: " + p.unavailableReason());
        return p.open();
    }

    static SockAddr loopback(Family f, int port) {
        return f == Family.INET ? SockAddr.inet(new byte[] {127, 0, 0, 1}, port)
                : SockAddr.inet6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, port, 0, 0);
    }

    /** A socket of this family, IPv6 ones v6-only as LuaSocket makes them. */
    static int socket(Transport t, Family f) throws ErrnoException {
        int fd = t.socket(f);
        if (f == Family.INET6) {
            t.setOption(fd, org.mtcp.spi.SocketOption.IPV6_V6ONLY, true);
        }
        return fd;
    }

    /** A listening socket on loopback, any port. */
    static int listener(Transport t, Family f) throws ErrnoException {
        int fd = socket(t, f);
        t.bind(fd, loopback(f, 0));
        t.listen(fd, 32);
        return fd;
    }

    static int port(Transport t, int fd) throws ErrnoException {
        return t.localAddress(fd).port();
    }

    /** A connected pair {client, server} through a listener. */
    static int[] pair(Transport t, Family f, int listener) throws ErrnoException {
        int c = socket(t, f);
        int r = t.connect(c, loopback(f, port(t, listener)), 5 * SECOND);
        assertEquals(0, r);
        int s = t.accept(listener, 5 * SECOND);
        assertTrue(s >= 0);
        return new int[] {c, s};
    }

    /** Runs a call that must fail with this errno. */
    static void assertErrno(int errno, Executable call) {
        ErrnoException e = assertThrows(ErrnoException.class, call);
        assertEquals(errno, e.errno(), () -> "errno " + e.errno() + " (" + e.getMessage() + ")");
    }

    /** The highest descriptor this process has open now. */
    static int maxOpenFd() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.mapToInt(p -> Integer.parseInt(p.getFileName().toString())).max().orElse(2);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many descriptors this process has open now. */
    static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A descriptor number far above anything open: closed, and never ours or the JVM's during a test. */
    static int farFd() {
        return maxOpenFd() + 100_000;
    }
}
