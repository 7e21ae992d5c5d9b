package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

class PollTest extends TransportFixture {
    private static final int IN = Transport.POLLIN;
    private static final int OUT = Transport.POLLOUT;

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void listenerWithAPendingConnectionIsReadableAndAcceptServesIt(Family f) throws Exception {
        int l = listener(f);
        int[] rev = new int[1];
        assertEquals(0, t.poll(new int[] {l}, new int[] {IN}, rev, 1, 0));
        assertEquals(0, rev[0]);
        int c = t.socket(f);
        t.connect(c, loopback(f, port(l)), FOREVER);
        assertEquals(1, t.poll(new int[] {l}, new int[] {IN}, rev, 1, ms(PROMPT_MS)));
        assertEquals(IN, rev[0]);
        int s = t.accept(l, 0);
        assertTrue(s >= 0, "the pending connection is served without waiting");
        assertEquals(t.localAddress(c), t.remoteAddress(s));
        assertEquals(0, t.poll(new int[] {l}, new int[] {IN}, rev, 1, ms(50)));
    }

    @Test
    void closedAndUnknownDescriptorsArePollnvalAndNegativeOnesAreIgnored() throws Exception {
        int[] p = pair(Family.INET);
        t.close(p[1]);
        int[] fds = {p[1], -1, 4242, p[2]};
        int[] ev = {IN | OUT, IN, IN, IN};
        int[] rev = {99, 99, 99, 99};
        // p[2]'s peer is closed, so it is readable (EOF) as on Linux: poll reports it beside the POLLNVALs.
        assertEquals(3, t.poll(fds, ev, rev, 4, ms(PROMPT_MS)));
        assertEquals(Transport.POLLNVAL, rev[0]);
        assertEquals(0, rev[1]);
        assertEquals(Transport.POLLNVAL, rev[2]);
        assertEquals(IN, rev[3]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void connectedSocketIsWritableAndReadableWhenDataComes(Family f) throws Exception {
        int[] p = pair(f);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p[1]}, new int[] {IN | OUT}, rev, 1, 0));
        assertEquals(OUT, rev[0]);
        long start = System.nanoTime();
        assertEquals(0, t.poll(new int[] {p[1]}, new int[] {IN}, rev, 1, ms(200)));
        long took = elapsedMs(start);
        assertTrue(took >= 150 && took < PROMPT_MS, "took " + took);
        assertEquals(0, t.poll(new int[] {p[1]}, new int[] {IN}, rev, 1, 0));
        writeAll(p[2], "ping");
        assertEquals(1, t.poll(new int[] {p[1]}, new int[] {IN}, rev, 1, ms(PROMPT_MS)));
        assertEquals(IN, rev[0]);
        // Whatever poll peeked is read back in full and in order.
        byte[] buf = new byte[16];
        int n = t.read(p[1], buf, 0, 16, ms(PROMPT_MS));
        assertTrue(n >= 1);
        StringBuilder sb = new StringBuilder(new String(buf, 0, n));
        while (sb.length() < 4) {
            n = t.read(p[1], buf, 0, 16, ms(PROMPT_MS));
            assertTrue(n > 0);
            sb.append(new String(buf, 0, n));
        }
        assertEquals("ping", sb.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void pollWithoutDataThenDataArrivesWakesAnUnboundedPoll(Family f) throws Exception {
        int[] p = pair(f);
        int[] rev = new int[1];
        var polled = async(() -> t.poll(new int[] {p[1]}, new int[] {IN}, rev, 1, FOREVER));
        pause(200);
        assertTrue(!polled.isDone());
        writeAll(p[2], "x");
        assertEquals(1, polled.get(PROMPT_MS, TimeUnit.MILLISECONDS));
        assertEquals(IN, rev[0]);
        byte[] one = new byte[1];
        assertEquals(1, t.read(p[1], one, 0, 1, 0));
        assertArrayEquals("x".getBytes(), one);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void peerCloseAndResetShowAsLinuxReportsThem(Family f) throws Exception {
        int[] p = pair(f);
        t.close(p[2]);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p[1]}, new int[] {IN | OUT}, rev, 1, ms(PROMPT_MS)));
        assertEquals(IN | OUT, rev[0]); // FIN: readable (EOF), still writable, no hang-up yet
        int[] q = pair(f);
        t.setOption(q[2], SocketOption.LINGER, new Linger(true, 0));
        t.close(q[2]);
        pause(100);
        assertEquals(1, t.poll(new int[] {q[1]}, new int[] {IN | OUT}, rev, 1, ms(PROMPT_MS)));
        assertEquals(IN | OUT | Transport.POLLERR | Transport.POLLHUP, rev[0]);
        // Asked for nothing, errors and hang-ups are still reported.
        assertEquals(1, t.poll(new int[] {q[1]}, new int[] {0}, rev, 1, 0));
        assertEquals(Transport.POLLERR | Transport.POLLHUP, rev[0]);
        assertEquals(104, t.getOption(q[1], SocketOption.ERROR));
        assertEquals(0, t.getOption(q[1], SocketOption.ERROR));
        assertEquals(IN | OUT | Transport.POLLHUP, pollOne(q[1], IN | OUT));
    }

    private int pollOne(int fd, int events) throws Exception {
        int[] rev = new int[1];
        t.poll(new int[] {fd}, new int[] {events}, rev, 1, 0);
        return rev[0];
    }

    @Test
    void freshSocketIsWritableAndHungUpLikeLinux() throws Exception {
        int fd = t.socket(Family.INET);
        assertEquals(OUT | Transport.POLLHUP, pollOne(fd, IN | OUT));
        assertEquals(Transport.POLLHUP, pollOne(fd, IN));
    }

    @Test
    void pollOverManySocketsFindsTheOneThatIsReady() throws Exception {
        int[] a = pair(Family.INET);
        int[] b = pair(Family.INET);
        int[] c = pair(Family.INET);
        int[] fds = {a[1], b[1], c[1], a[0]};
        int[] ev = {IN, IN, IN, IN};
        int[] rev = new int[4];
        assertEquals(0, t.poll(fds, ev, rev, 4, ms(100)));
        var polled = async(() -> t.poll(fds, ev, rev, 4, ms(PROMPT_MS)));
        pause(100);
        writeAll(b[2], "b");
        assertEquals(1, polled.get(PROMPT_MS, TimeUnit.MILLISECONDS));
        assertArrayEquals(new int[] {0, IN, 0, 0}, rev);
    }

    @Test
    void connectingSocketBecomesWritableWhenTheConnectFinishes() throws Exception {
        int l = listener(Family.INET);
        int[] idle = pair(Family.INET);
        int c = t.socket(Family.INET);
        assertEquals(Transport.TIMEOUT, t.connect(c, loopback(Family.INET, port(l)), 0));
        int[] rev = new int[2];
        assertEquals(1, t.poll(new int[] {c, idle[1]}, new int[] {OUT, IN}, rev, 2, ms(PROMPT_MS)));
        assertArrayEquals(new int[] {OUT, 0}, rev);
    }
}
