package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.luasocket.Timeouts;

/**
 * LuaSocket settimeout/gettimeout and the block/total timeout algorithm: checklist items L113–L121
 * (behaviour.md sections b, d and h). The paced items use a peer that sends one byte every 0.4 s after the
 * client's start signal; results are asserted exactly, times with generous tolerances.
 */
public interface LuaSocketTimeoutContract extends TransportConformance {
    /** The pace of the L117–L120 peer. */
    long PACE_MILLIS = 400;

    /** A client connected to a peer that sends {@code count} bytes, one every 0.4 s once started. */
    static Tcp pacedClient(Fixture f, int count) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(Paced.bytes(count, PACE_MILLIS)));
        return f.clientTo(peer);
    }

    /** Starts the peer's clock and runs {@code receive(n)}; returns the result and sets {@code took[0]}. */
    static Received startAndReceive(Tcp c, int n, double[] took) {
        assertTrue(c.send(Paced.GO).isOk(), "start signal");
        long t0 = System.nanoTime();
        Received r = c.receive(n);
        took[0] = Paced.since(t0);
        return r;
    }

    @Test
    default void L113_settimeoutSetsBlockAndGettimeoutReportsBoth(Fixture f) {
        Tcp m = f.track(f.socket.tcp());
        assertEquals(new Timeouts(-1, -1), m.gettimeout(), "defaults");
        assertEquals(1, m.settimeout(1.5));
        assertEquals(new Timeouts(1.5, -1), m.gettimeout());
        Fixture.Pair p = f.pair();
        assertEquals(new Timeouts(-1, -1), p.client().gettimeout(), "a connected client's defaults");
        assertEquals(1, p.client().settimeout(1.5));
        assertEquals(new Timeouts(1.5, -1), p.client().gettimeout());
    }

    @Test
    default void L114_theModeFirstCharacterPicksTheComponent(Fixture f) {
        Tcp m = f.track(f.socket.tcp());
        assertEquals(1, m.settimeout(2, "t"));
        assertEquals(new Timeouts(-1, 2), m.gettimeout());
        assertEquals(1, m.settimeout(3, "total"));
        assertEquals(new Timeouts(-1, 3), m.gettimeout());
        assertEquals(1, m.settimeout(4, "r"));
        assertEquals(new Timeouts(-1, 4), m.gettimeout());
        assertEquals(1, m.settimeout(5, "b"));
        assertEquals(new Timeouts(5, 4), m.gettimeout());
        assertEquals(1, m.settimeout(6, "block"));
        assertEquals(new Timeouts(6, 4), m.gettimeout());
        assertEquals(1, m.settimeout(7, "t"));
        assertEquals(new Timeouts(6, 7), m.gettimeout(), "setting total leaves block alone");
    }

    @Test
    default void L115_badModeAndBadValueRaise(Fixture f) {
        Tcp m = f.track(f.socket.tcp());
        LuaError e = assertThrows(LuaError.class, () -> m.settimeout(1, "x"));
        assertTrue(e.getMessage().contains("invalid timeout mode"), e.getMessage());
        e = assertThrows(LuaError.class, () -> m.settimeout(Boolean.FALSE, null));
        assertTrue(e.getMessage().contains("number expected"), e.getMessage());
        assertEquals(new Timeouts(-1, -1), m.gettimeout(), "nothing was stored");
    }

    @Test
    default void L116_nilResetsAndNegativesAreStoredAsGiven(Fixture f) {
        Tcp m = f.track(f.socket.tcp());
        m.settimeout(2);
        m.settimeout(3, "t");
        assertEquals(1, m.settimeout(null, null));
        assertEquals(new Timeouts(-1, 3), m.gettimeout());
        assertEquals(1, m.settimeout(null, "t"));
        assertEquals(new Timeouts(-1, -1), m.gettimeout());
        assertEquals(1, m.settimeout(-5, "t"));
        assertEquals(new Timeouts(-1, -5), m.gettimeout());
    }

    @Test
    default void L117_blockTimeoutAloneLimitsTheWholeCall(Fixture f) {
        Tcp c = pacedClient(f, 5);
        c.settimeout(1);
        double[] took = new double[1];
        Received r = startAndReceive(c, 5, took);
        LuaSocketReceiveEdgeContract.assertFailed("timeout", "xx", r);
        Paced.assertAbout(1.0, took[0], "settimeout(1), receive(5), 1 byte per 0.4 s");
    }

    @Test
    default void L118_aLongerBlockTimeoutLetsTheCallFinish(Fixture f) {
        Tcp c = pacedClient(f, 5);
        c.settimeout(3);
        double[] took = new double[1];
        Received r = startAndReceive(c, 5, took);
        LuaSocketReceiveEdgeContract.assertReceived("xxxxx", r);
        Paced.assertAbout(2.0, took[0], "settimeout(3), receive(5), 1 byte per 0.4 s");
    }

    @Test
    default void L119_withATotalTheBlockLimitAppliesToEachWait(Fixture f) {
        Tcp c = pacedClient(f, 5);
        c.settimeout(1, "b");
        c.settimeout(5, "t");
        double[] took = new double[1];
        Received r = startAndReceive(c, 5, took);
        LuaSocketReceiveEdgeContract.assertReceived("xxxxx", r);
        Paced.assertAbout(2.0, took[0], "block 1 + total 5, receive(5), 1 byte per 0.4 s");
    }

    @Test
    default void L120_aBlockShorterThanThePaceTimesOutAtOnce(Fixture f) {
        Tcp c = pacedClient(f, 5);
        c.settimeout(0.3, "b");
        c.settimeout(5, "t");
        double[] took = new double[1];
        Received r = startAndReceive(c, 5, took);
        LuaSocketReceiveEdgeContract.assertFailed("timeout", "", r);
        Paced.assertAbout(0.3, took[0], "block 0.3 + total 5, receive(5), 1 byte per 0.4 s");
    }

    /**
     * testclnt's total-timeout pairs, scaled down: the peer sends (or reads) a first part, pauses
     * {@code sl}, then the rest; with {@code settimeout(tm, "t")} the call times out when tm &lt; sl and
     * succeeds when tm &gt; sl. The pairs keep 0.6 s between tm and sl.
     */
    @Test
    default void L121_totalTimeoutAgainstAPeerPause(Fixture f) {
        totalReceive(f, 0.3, 900, false);
        totalReceive(f, 1.0, 300, true);
        totalSend(f, 0.3, 900, false);
        totalSend(f, 1.0, 300, true);
    }

    private static void totalReceive(Fixture f, double tm, long sl, boolean succeeds) {
        int len = 4000;
        byte[] part = new byte[len];
        Arrays.fill(part, (byte) 'r');
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(s -> {
            Peer.readExactly(s, Paced.GO.length);
            Peer.send(s, part);
            Peer.pause(sl);
            Peer.send(s, part);
            Paced.holdOpen(s);
        }));
        Tcp c = f.clientTo(peer);
        c.settimeout(tm, "t");
        assertTrue(c.send(Paced.GO).isOk());
        long t0 = System.nanoTime();
        Received r = c.receive(2 * len);
        double took = Paced.since(t0);
        String what = "receive with total " + tm + " s, peer pause " + sl + " ms";
        if (succeeds) {
            assertTrue(r.isOk(), () -> what + ": " + r.error());
            assertEquals(2 * len, r.data().length, what);
            Paced.assertAbout(sl / 1e3, took, what);
        } else {
            assertFalse(r.isOk(), what);
            assertEquals("timeout", r.error(), what);
            assertEquals(len, r.partial().length, what + ": the first part is the partial result");
            Paced.assertAbout(tm, took, what);
        }
        c.close();
    }

    private static void totalSend(Fixture f, double tm, long sl, boolean succeeds) {
        int first = 64 * 1024;
        // Far more than loopback socket buffers hold, so the send must wait for the paused peer.
        byte[] data = new byte[16 * 1024 * 1024];
        Arrays.fill(data, (byte) 's');
        long[] got = new long[1];
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(s -> {
            s.setReceiveBufferSize(64 * 1024);
            Peer.readExactly(s, first);
            Peer.pause(sl);
            got[0] = first + Peer.readAll(s).length;
        }));
        Tcp c = f.clientTo(peer);
        c.settimeout(tm, "t");
        long t0 = System.nanoTime();
        Sent r = c.send(data);
        double took = Paced.since(t0);
        String what = "send of 16 MiB with total " + tm + " s, peer pause " + sl + " ms";
        if (succeeds) {
            assertTrue(r.isOk(), () -> what + ": " + r);
            assertEquals(data.length, r.last(), what);
            c.close();
            peer.await();
            assertEquals(data.length, got[0], what + ": the peer got every byte");
        } else {
            assertFalse(r.isOk(), what);
            assertEquals("timeout", r.error(), what);
            assertTrue(r.last() >= first && r.last() < data.length, what + ": last " + r.last());
            Paced.assertAbout(tm, took, what);
            c.close();
        }
    }
}
