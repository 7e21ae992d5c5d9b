package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtcp.transport.ffm.Net.SECOND;

import org.junit.jupiter.api.Test;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** A kernel descriptor this transport did not create (LuaSocket's setfd) just works. */
class ForeignDescriptorTest {
    @Test
    void descriptorsFromAnotherInstanceWork() throws Exception {
        try (Transport a = Net.open(); Transport b = Net.open()) {
            int l = Net.listener(a, Family.INET);
            int[] p = Net.pair(a, Family.INET, l);
            // b never saw these numbers: it adopts them from the kernel.
            assertEquals(a.localAddress(p[0]), b.localAddress(p[0]));
            assertEquals(3, b.write(p[0], new byte[] {1, 2, 3}, 0, 3, SECOND));
            byte[] buf = new byte[8];
            assertEquals(3, b.read(p[1], buf, 0, 8, SECOND));
            assertEquals(Transport.TIMEOUT, b.read(p[1], buf, 0, 8, 50_000_000L));
            int[] rev = new int[1];
            assertEquals(1, b.poll(new int[] {p[0]}, new int[] {Transport.POLLOUT}, rev, 1, 0));
            // Closing through b closes the kernel descriptor; the peer sees EOF.
            b.close(p[0]);
            assertEquals(Transport.EOF, a.read(p[1], buf, 0, 8, 5 * SECOND));
            // Closing b does not close what it only adopted.
            b.close();
            assertEquals(1, a.write(p[1], new byte[] {9}, 0, 1, SECOND));
        }
    }

    @Test
    void nonSocketsAreNotSockets() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ffm", ".txt");
        try (Transport t = Net.open(); java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            // The descriptor this test just opened (a file): socket calls say ENOTSOCK and change nothing.
            int fd = -1;
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
                for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) s::iterator) {
                    try {
                        if (java.nio.file.Files.readSymbolicLink(p).equals(file.toRealPath())) {
                            fd = Integer.parseInt(p.getFileName().toString());
                        }
                    } catch (java.io.IOException gone) {
                        // the listing's own descriptor
                    }
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(fd >= 0);
            int f = fd;
            Net.assertErrno(org.mtcp.spi.Errno.ENOTSOCK, () -> t.read(f, new byte[1], 0, 1, 0));
            Net.assertErrno(org.mtcp.spi.Errno.ENOTSOCK, () -> t.localAddress(f));
            Net.assertErrno(org.mtcp.spi.Errno.ENOTSOCK, () -> t.getOption(f, org.mtcp.spi.SocketOption.ERROR));
            assertEquals(0, in.available());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
