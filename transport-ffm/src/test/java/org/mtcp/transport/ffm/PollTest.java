package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.MS;
import static org.mtcp.transport.ffm.Net.SECOND;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/**
 * The native {@code poll}'s own concerns: ten thousand descriptors and its argument checks. The readiness
 * rules are the kit's (T18-T27).
 */
class PollTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }



    @Test
    void timeoutsZeroPositiveAndEmptySets() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] rev = new int[1];
        long t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[] {l}, new int[] {Transport.POLLIN}, rev, 1, 0));
        assertEquals(0, t.poll(new int[] {l}, new int[] {Transport.POLLIN}, rev, 1, 1));
        assertTrue(System.nanoTime() - t0 < SECOND);
        t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[] {l}, new int[] {Transport.POLLIN}, rev, 1, 120 * MS));
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 120 * MS && waited < 5 * SECOND, "waited " + waited);
        t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[0], new int[0], new int[0], 0, 60 * MS));
        assertTrue(System.nanoTime() - t0 >= 60 * MS);
        // count below the array lengths: the rest is neither read nor written.
        int[] rev2 = {5, 5};
        assertEquals(0, t.poll(new int[] {l, -7}, new int[] {Transport.POLLIN, 0}, rev2, 1, 0));
        assertEquals(5, rev2[1]);
        assertThrows(IllegalArgumentException.class, () -> t.poll(new int[1], new int[1], new int[1], 2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.poll(new int[1], new int[1], new int[1], -1, 0));
    }

    @Test
    void tenThousandDescriptors() throws Exception {
        int l = Net.listener(t, Family.INET);
        int port = Net.port(t, l);
        int pairs = 5_000;
        int[] fds = new int[2 * pairs];
        for (int i = 0; i < pairs; i++) {
            int c = t.socket(Family.INET);
            assertEquals(0, t.connect(c, Net.loopback(Family.INET, port), 5 * SECOND));
            int s = t.accept(l, 5 * SECOND);
            assertTrue(s >= 0);
            fds[2 * i] = c;
            fds[2 * i + 1] = s;
        }
        int[] ev = new int[fds.length];
        Arrays.fill(ev, Transport.POLLIN);
        int[] rev = new int[fds.length];
        // Warm up, then time the idle poll over all of them.
        for (int i = 0; i < 20; i++) {
            assertEquals(0, t.poll(fds, ev, rev, fds.length, 0));
        }
        long t0 = System.nanoTime();
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            assertEquals(0, t.poll(fds, ev, rev, fds.length, 0));
        }
        long perCall = (System.nanoTime() - t0) / rounds;
        System.out.printf("poll over %d descriptors: %d us per call%n", fds.length, perCall / 1000);
        t.write(fds[7777], new byte[] {42}, 0, 1, SECOND);
        assertEquals(1, t.poll(fds, ev, rev, fds.length, 5 * SECOND));
        assertEquals(Transport.POLLIN, rev[7776]);
        for (int i = 0; i < fds.length; i++) {
            if (i != 7776) {
                assertEquals(0, rev[i], "index " + i);
            }
        }
        assertTrue(perCall < 200 * MS, "poll over 10,000 descriptors took " + perCall + " ns");
    }
}
