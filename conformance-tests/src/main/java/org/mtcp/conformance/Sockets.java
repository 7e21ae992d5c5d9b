package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.mtcp.spi.Capability;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * The transport contract's view of a {@link Fixture}: its {@link Transport} driven through the primitives
 * alone (descriptors, {@link SockAddr}s, errnos), with loopback set-ups and bounded waits. Everything it
 * opens belongs to the fixture's transport, which closes it after the test.
 */
public final class Sockets {
    /** A wait without limit. */
    public static final long FOREVER = -1;
    /** One millisecond in nanoseconds. */
    public static final long MS = 1_000_000L;
    /** One second in nanoseconds. */
    public static final long SECOND = 1_000_000_000L;
    /** Generous bound for anything that should be prompt on a loaded 2-core machine. */
    public static final long PROMPT = 5 * SECOND;

    /** The transport under test. */
    public final Transport t;
    private final Fixture f;

    private Sockets(Fixture f) {
        this.f = f;
        this.t = f.transport;
    }

    /** The primitives of the fixture's transport. */
    public static Sockets of(Fixture f) {
        return new Sockets(f);
    }

    /** Skips an IPv6 case when the transport lacks IPv6 (with its reason) or the machine has no ::1. */
    public void assume(Family family) {
        if (family == Family.INET6) {
            assumeCapability(Capability.IPV6);
            Assumptions.assumeTrue(Ipv6.loopbackWorks(), "no IPv6 loopback on this machine");
        }
    }

    /** Skips the test, with the transport's own reason, unless it declares {@code c}. */
    public void assumeCapability(Capability c) {
        Assumptions.assumeTrue(t.capabilities().contains(c), () -> "transport " + t.name() + " lacks " + c + ": "
                + t.missingReason(c).orElse("not declared"));
    }

    /** The loopback address of a family. */
    public static SockAddr lo(Family family, int port) {
        if (family == Family.INET6) {
            byte[] a = new byte[16];
            a[15] = 1;
            return SockAddr.inet6(a, port, 0, 0);
        }
        return SockAddr.inet(new byte[] {127, 0, 0, 1}, port);
    }

    /** The wildcard address of a family. */
    public static SockAddr any(Family family, int port) {
        return family == Family.INET6 ? SockAddr.inet6(new byte[16], port, 0, 0) : SockAddr.inet(new byte[4], port);
    }

    /** {@code ::ffff:127.0.0.1}. */
    public static SockAddr mapped(int port) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        a[12] = 127;
        a[15] = 1;
        return SockAddr.inet6(a, port, 0, 0);
    }

    /** A fresh socket of this family (skipping IPv6 where it cannot run). */
    public int socket(Family family) throws ErrnoException {
        assume(family);
        return t.socket(family);
    }

    /** A socket listening on the loopback address of this family, ephemeral port. */
    public int listener(Family family) throws ErrnoException {
        int fd = socket(family);
        t.bind(fd, lo(family, 0));
        t.listen(fd, 16);
        return fd;
    }

    /** The port a socket is bound to. */
    public int port(int fd) throws ErrnoException {
        return t.localAddress(fd).port();
    }

    /** A loopback port nobody listens on: bound by a socket kept open, so nobody else takes it. */
    public int deadPort(Family family) throws ErrnoException {
        int fd = socket(family);
        t.bind(fd, lo(family, 0));
        return port(fd);
    }

    /** A listener, a client connected to it and the accepted end. */
    public record Pair(int listener, int client, int accepted) {
    }

    /** A connected pair through a new loopback listener. */
    public Pair pair(Family family) throws ErrnoException {
        int l = listener(family);
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, port(l)), PROMPT));
        int a = t.accept(l, PROMPT);
        assertTrue(a >= 0, "accept timed out");
        return new Pair(l, c, a);
    }

    /** The errno {@code call} fails with (it must fail with an {@link ErrnoException}). */
    public static int errno(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    /** The result of a call, or minus its errno. */
    public static int resultOrErrno(Callable<Integer> call) throws Exception {
        try {
            return call.call();
        } catch (ErrnoException e) {
            return -e.errno();
        }
    }

    /** poll of one descriptor: its revents (and poll's count must agree with them). */
    public int poll1(int fd, int events, long waitNanos) throws ErrnoException {
        int[] rev = {-1};
        int n = t.poll(new int[] {fd}, new int[] {events}, rev, 1, waitNanos);
        assertEquals(rev[0] != 0 ? 1 : 0, n, () -> "poll's count for revents 0x" + Integer.toHexString(rev[0]));
        return rev[0];
    }

    /** Writes all of {@code data}, each write waiting at most {@link #PROMPT}. */
    public void writeAll(int fd, byte[] data) throws ErrnoException {
        int off = 0;
        while (off < data.length) {
            int n = t.write(fd, data, off, data.length - off, PROMPT);
            assertTrue(n > 0, "write timed out");
            off += n;
        }
    }

    /** Writes a Latin-1 string in full. */
    public void writeAll(int fd, String s) throws ErrnoException {
        writeAll(fd, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly {@code n} bytes, or fails. */
    public byte[] readExactly(int fd, int n) throws ErrnoException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = t.read(fd, buf, got, n - got, PROMPT);
            int sofar = got;
            assertTrue(r > 0, () -> "read returned " + r + " after " + sofar + " of " + n);
            got += r;
        }
        return buf;
    }

    /** Reads exactly {@code n} bytes as Latin-1. */
    public String readString(int fd, int n) throws ErrnoException {
        return new String(readExactly(fd, n), StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes from {@code writer} until the send and receive buffers are full (a write that waited 100 ms
     * timed out); returns the count. Both buffers are set small first, which also stops the kernel from
     * growing them later.
     */
    public long fill(int writer, int reader) throws ErrnoException {
        t.setOption(writer, SocketOption.SEND_BUFFER_SIZE, 16384);
        t.setOption(reader, SocketOption.RECV_BUFFER_SIZE, 16384);
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

    /** Resets a connection from this end (linger on with time 0, then close) and lets the RST arrive. */
    public void abort(int fd) throws ErrnoException {
        t.setOption(fd, SocketOption.LINGER, new Linger(true, 0));
        t.close(fd);
        Peer.pause(100);
    }

    /** Runs a call on its own daemon thread. */
    public static <T> CompletableFuture<T> async(Callable<T> call) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Thread th = new Thread(() -> {
            try {
                out.complete(call.call());
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        }, "mtcp-conformance-primitive");
        th.setDaemon(true);
        th.start();
        return out;
    }

    /** The errno a background call failed with, within {@link #PROMPT}. */
    public static int errnoOf(CompletableFuture<?> call) throws InterruptedException {
        try {
            Object v = call.get(PROMPT, TimeUnit.NANOSECONDS);
            fail("expected a failure, got " + v);
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ErrnoException) {
                return ((ErrnoException) e.getCause()).errno();
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call was not woken", e);
        }
    }

    /** The value of a background call, within {@link #PROMPT}. */
    public static <T> T valueOf(CompletableFuture<T> call) throws Exception {
        try {
            return call.get(PROMPT, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not return", e);
        }
    }

    /** Milliseconds since {@code startNanos}. */
    public static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / MS;
    }

    /** A descriptor number far above anything this process or this transport has open. */
    public static int farFd() {
        int max = 1 << 16;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            max = Math.max(max, s.mapToInt(p -> Integer.parseInt(p.getFileName().toString())).max().orElse(2));
        } catch (IOException | RuntimeException unknown) {
            // No procfs: the fixed bound stands.
        }
        return max + 100_000;
    }

    /** The fixture these primitives belong to. */
    public Fixture fixture() {
        return f;
    }
}
