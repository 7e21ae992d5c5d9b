package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.mtcp.Mtcp;

/** mtcp write, checklist items M19–M27 (behaviour.md section h). */
public interface MtcpWriteContract extends TransportConformance {

    @Test
    default void M19_writeReturnsTheCount(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        assertEquals(3L, ok(f.mtcp.write(c.client(), Bytes.of("abc"))));
        assertEquals("abc", Bytes.str(ok(f.mtcp.read(c.accepted(), 3, 5000))));
    }

    @Test
    default void M20_writeIndexMatrix(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        byte[] s = Bytes.of("abcdef");
        long[][] cases = {{3, 0, 4}, {2, 2, 2}, {5, 100, 2}, {1, 0, 6}, {3, 0, 4}, {6, 0, 1}};
        String[] sent = {"cdef", "bc", "ef", "abcdef", "cdef", "f"};
        for (int k = 0; k < cases.length; k++) {
            assertEquals(cases[k][2], ok(f.mtcp.write(c.client(), s, cases[k][0], cases[k][1])), "case " + k);
            assertEquals(sent[k], Bytes.str(ok(f.mtcp.read(c.accepted(), sent[k].length(), 5000))), "case " + k);
        }
    }

    @Test
    default void M21_writeRaisesForAnIdxOutsideTheString(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        LuaError e = assertThrows(LuaError.class, () -> f.mtcp.write(c.client(), Bytes.of("abcdef"), 7));
        assertEquals("write: idx (7) too large", e.getMessage());
        e = assertThrows(LuaError.class, () -> f.mtcp.write(c.client(), Bytes.of("abcdef"), -1));
        assertEquals("write: idx (-1) too large", e.getMessage());
        e = assertThrows(LuaError.class, () -> f.mtcp.write(c.client(), new byte[0]));
        assertEquals("write: idx (1) too large", e.getMessage());
        assertNothingSent(f, c);
    }

    /** [pinned] idx 0 (C: one byte before the string) raises like a negative idx. */
    @Test
    default void M22_writeRaisesForIdxZero(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        LuaError e = assertThrows(LuaError.class, () -> f.mtcp.write(c.client(), Bytes.of("abcdef"), 0));
        assertEquals("write: idx (0) too large", e.getMessage());
        assertNothingSent(f, c);
    }

    /** [pinned] A negative n whose end is still inside the string is C's huge size_t: EFAULT, nothing sent. */
    @Test
    default void M23_writeWithANegativeLengthInsideTheStringFails(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        Result<Long> r = f.mtcp.write(c.client(), Bytes.of("abcdef"), 3, -1);
        assertEquals("write error: -1  14", r.error());
        assertNothingSent(f, c);
    }

    /** [pinned] idx+n−1 &lt; 0 means the rest of the string. */
    @Test
    default void M24_writeWithANegativeEndSendsTheRest(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        assertEquals(6L, ok(f.mtcp.write(c.client(), Bytes.of("abcdef"), 1, -5)));
        assertEquals("abcdef", Bytes.str(ok(f.mtcp.read(c.accepted(), 6, 5000))));
    }

    /**
     * Lua's write(fd, "abcdef", 2.5) raises "number has no integer representation". The Java API types idx
     * and n as integers, so the check is the compiler's: no public write may take a fractional idx or n.
     */
    @Test
    default void M25_writeIndicesMustBeIntegers(Fixture f) {
        int overloads = 0;
        for (Method m : Mtcp.class.getMethods()) {
            if (!m.getName().equals("write")) {
                continue;
            }
            overloads++;
            Class<?>[] p = m.getParameterTypes();
            for (int i = 2; i < p.length; i++) {
                assertTrue(p[i] == long.class || p[i] == int.class,
                        () -> m + ": a Lua-typed idx/n must raise 'number has no integer representation' for 2.5");
            }
        }
        assertTrue(overloads > 0, "mtcp has no write");
    }

    /** Lua's write(fd, 12345) sends "12345": a number argument becomes its digits. */
    @Test
    default void M26_writeANumberSendsItsDigits(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        assertEquals(5L, ok(f.mtcp.write(c.client(), (Object) 12345)));
        assertEquals("12345", Bytes.str(ok(f.mtcp.read(c.accepted(), 5, 5000))));
    }

    /** [pinned] C dies of SIGPIPE unless it is ignored; the port returns EPIPE's message. */
    @Test
    default void M27_writeAfterAPeerResetReturnsEpipe(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = f.mtcpConnect("127.0.0.1", peer.port());
        peer.reset();
        PeerControl.settle();
        Result<Long> r = null;
        for (int i = 0; i < 50; i++) {
            r = f.mtcp.write(fd, Bytes.of("x"));
            if (!r.isOk()) {
                break;
            }
            Peer.pause(20);
        }
        assertFalse(r.isOk(), "50 writes after the peer's reset all succeeded");
        assertEquals("write error: -1  32", r.error());
        assertEquals("write error: -1  32", f.mtcp.write(fd, Bytes.of("x")).error(), "and again");
    }

    /** Nothing reached the accepted end: the next bytes it reads are a marker sent afterwards. */
    private static void assertNothingSent(Fixture f, MtcpConnection c) {
        assertEquals(1L, ok(f.mtcp.write(c.client(), Bytes.of("Z"))));
        assertEquals("Z", Bytes.str(ok(f.mtcp.read(c.accepted(), 1, 5000))));
    }
}
