package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.mtcp.spi.Capability;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** A fresh transport per test, loopback helpers and bounded waits. */
abstract class TransportFixture {
    static final long FOREVER = -1;
    /** Generous bound for anything that should be prompt, on a loaded 2-core machine. */
    static final long PROMPT_MS = 3000;

    Transport t;

    @BeforeEach
    void open() {
        t = new BlockingTransportProvider().open();
    }

    @AfterEach
    void closeTransport() {
        t.close();
    }

    static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void assumeFamily(Family f) {
        if (f == Family.INET6) {
            Assumptions.assumeTrue(t.capabilities().contains(Capability.IPV6), "no IPv6 in this JVM");
        }
    }

    static SockAddr loopback(Family f, int port) {
        if (f == Family.INET6) {
            byte[] a = new byte[16];
            a[15] = 1;
            return SockAddr.inet6(a, port, 0, 0);
        }
        return SockAddr.inet(new byte[] {127, 0, 0, 1}, port);
    }

    static SockAddr mapped(int port) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        a[12] = 127;
        a[15] = 1;
        return SockAddr.inet6(a, port, 0, 0);
    }

    /** A listener on the loopback address of this family. */
    int listener(Family f) throws ErrnoException {
        assumeFamily(f);
        int fd = t.socket(f);
        t.bind(fd, loopback(f, 0));
        t.listen(fd, 16);
        return fd;
    }

    int port(int fd) throws ErrnoException {
        return t.localAddress(fd).port();
    }

    /** A connected pair through a new listener: {listener, client, server}. */
    int[] pair(Family f) throws ErrnoException {
        int l = listener(f);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, loopback(f, port(l)), FOREVER));
        int s = t.accept(l, ms(PROMPT_MS));
        assertTrue(s >= 0, "accept timed out");
        return new int[] {l, c, s};
    }

    static int errno(Executable call) {
        return assertThrows(ErrnoException.class, call).errno();
    }

    void writeAll(int fd, byte[] data) throws ErrnoException {
        int off = 0;
        while (off < data.length) {
            int n = t.write(fd, data, off, data.length - off, ms(PROMPT_MS));
            assertTrue(n > 0, "write timed out");
            off += n;
        }
    }

    void writeAll(int fd, String s) throws ErrnoException {
        writeAll(fd, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly {@code n} bytes or fails. */
    byte[] readExactly(int fd, int n) throws ErrnoException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = t.read(fd, buf, got, n - got, ms(PROMPT_MS));
            assertTrue(r > 0, "read returned " + r + " after " + got + " of " + n);
            got += r;
        }
        return buf;
    }

    String readString(int fd, int n) throws ErrnoException {
        return new String(readExactly(fd, n), StandardCharsets.ISO_8859_1);
    }

    /** Runs a call on its own thread. */
    static <T> CompletableFuture<T> async(ThrowingSupplier<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread th = new Thread(() -> {
            try {
                f.complete(call.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "test-async");
        th.setDaemon(true);
        th.start();
        return f;
    }

    /** The errno a background call failed with, within the prompt bound. */
    static int errnoOf(CompletableFuture<?> f) throws InterruptedException {
        try {
            Object v = f.get(PROMPT_MS, TimeUnit.MILLISECONDS);
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

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** A supplier that may throw. */
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
