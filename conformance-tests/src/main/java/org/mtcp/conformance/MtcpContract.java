package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;

/** mtcp, checklist items M1–M52 (behaviour.md section h). */
public interface MtcpContract extends TransportConformance {

    /** Decodes a raw IPv4 address as {@code string.unpack("<H>HBBBB")} does. */
    static int[] unpackInet(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        int family = b.order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffff;
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
        return new int[] {family, port, raw[4] & 0xff, raw[5] & 0xff, raw[6] & 0xff, raw[7] & 0xff};
    }

    @Test
    default void M1_moduleConstants(Fixture f) {
        assertEquals("0.2", Mtcp.VERSION);
        assertEquals(1024, Mtcp.BUFSIZE);
    }

    @Test
    default void M2_bindReturnsFdAndTheRequestedAddress(Fixture f) {
        FdAddress b = ok(f.mtcp.bind("127.0.0.1", "0"));
        f.trackFd(b.fd());
        assertTrue(b.fd() >= 0);
        assertEquals(16, b.address().length);
        assertArrayEquals(new int[] {2, 0, 127, 0, 0, 1}, unpackInet(b.address()));
    }

    @Test
    default void M3_getsocknameGivesTheRealPortAndZeroPadding(Fixture f) {
        int fd = f.mtcpServer("127.0.0.1");
        byte[] raw = ok(f.mtcp.getsockname(fd));
        assertEquals(16, raw.length);
        int[] d = unpackInet(raw);
        assertEquals(2, d[0]);
        assertTrue(d[1] > 0);
        assertArrayEquals(new int[] {127, 0, 0, 1}, new int[] {d[2], d[3], d[4], d[5]});
        for (int i = 8; i < 16; i++) {
            assertEquals(0, raw[i]);
        }
    }

    @Test
    default void M16_connectToAClosedPortIsRefused(Fixture f) {
        int fd = f.mtcpServer("127.0.0.1");
        int port = f.mtcpPort(fd);
        f.mtcp.close(fd);
        Result<FdAddress> r = f.mtcp.connect("127.0.0.1", Integer.toString(port));
        assertFalse(r.isOk());
        assertEquals("connect error: -1  111", r.error());
    }

    @Test
    default void M19_writeReturnsTheCount(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        int client = f.mtcpConnect("127.0.0.1", f.mtcpPort(server));
        int accepted = f.trackFd(ok(f.mtcp.accept(server)).fd());
        assertEquals(3L, ok(f.mtcp.write(client, Bytes.of("abc"))));
        assertEquals("abc", Bytes.str(ok(f.mtcp.read(accepted, 3, 5000))));
    }

    @Test
    default void M20_writeIndexMatrix(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        int client = f.mtcpConnect("127.0.0.1", f.mtcpPort(server));
        int accepted = f.trackFd(ok(f.mtcp.accept(server)).fd());
        byte[] s = Bytes.of("abcdef");
        long[][] cases = {{3, 0, 4}, {2, 2, 2}, {5, 100, 2}, {1, 0, 6}, {3, 0, 4}, {6, 0, 1}};
        String[] sent = {"cdef", "bc", "ef", "abcdef", "cdef", "f"};
        for (int k = 0; k < cases.length; k++) {
            assertEquals(cases[k][2], ok(f.mtcp.write(client, s, cases[k][0], cases[k][1])), "case " + k);
            assertEquals(sent[k], Bytes.str(ok(f.mtcp.read(accepted, sent[k].length(), 5000))), "case " + k);
        }
    }

    @Test
    default void M21_writeRaisesForAnIdxOutsideTheString(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        int client = f.mtcpConnect("127.0.0.1", f.mtcpPort(server));
        LuaError e = assertThrows(LuaError.class, () -> f.mtcp.write(client, Bytes.of("abcdef"), 7));
        assertEquals("write: idx (7) too large", e.getMessage());
        e = assertThrows(LuaError.class, () -> f.mtcp.write(client, Bytes.of("abcdef"), -1));
        assertEquals("write: idx (-1) too large", e.getMessage());
        e = assertThrows(LuaError.class, () -> f.mtcp.write(client, new byte[0]));
        assertEquals("write: idx (1) too large", e.getMessage());
    }
}
