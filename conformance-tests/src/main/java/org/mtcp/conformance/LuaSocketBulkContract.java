package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * Large and mixed transfers between two LuaSocket objects of the transport under test, after testclnt's
 * test_asciiline/test_rawline, test_mixed and test_raw: checklist items L144–L146. One end runs on a
 * background thread so that neither blocks the other.
 */
public interface LuaSocketBulkContract extends TransportConformance {
    /** testclnt's sizes, up to 8 MB. */
    int[] SIZES = {1, 17, 200, 4091, 80199, 8_000_000};
    /** Generous limits: 8 MB each way on a loaded machine. */
    double IO_TIMEOUT = 30;

    /** {@code n} random bytes with every value except LF and CR (a binary line). */
    static byte[] binaryLine(Random r, int n) {
        byte[] b = Bytes.random(r, n);
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                b[i] = (byte) (b[i] + 1);
            }
        }
        return b;
    }

    /** The parts one after the other. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Asserts a success carrying exactly {@code expected}, without printing megabytes on failure. */
    static void assertData(byte[] expected, Received r, String what) {
        assertTrue(r.isOk(), () -> what + ": nil, \"" + r.error() + "\", partial of "
                + r.partial().length + " bytes");
        byte[] got = r.data();
        assertEquals(expected.length, got.length, what + ": length");
        assertTrue(Arrays.equals(expected, got), what + ": content differs");
    }

    @Test
    default void L144_linesUpTo8MbEchoedByteForByte(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp client = p.client();
        Tcp server = p.accepted();
        client.settimeout(IO_TIMEOUT);
        server.settimeout(IO_TIMEOUT);
        Random random = new Random(144);
        for (int size : SIZES) {
            for (boolean binary : new boolean[] {false, true}) {
                byte[] line = binary ? binaryLine(random, size) : ascii(size);
                String what = (binary ? "binary" : "ascii") + " line of " + size;
                // The server: one line-mode receive, echoed back with its LF.
                Background<Sent> echo = Background.start(() -> {
                    Received r = server.receive();
                    return r.isOk() ? server.send(concat(r.data(), Bytes.of("\n"))) : Sent.fail(r.error(), 0);
                });
                Sent sent = client.send(concat(line, Bytes.of("\n")));
                assertTrue(sent.isOk(), what + ": " + sent);
                assertData(line, client.receive(), what);
                assertTrue(echo.await(60).isOk(), what + ": the server's echo");
            }
        }
    }

    private static byte[] ascii(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (' ' + i % 95);
        }
        return b;
    }

    @Test
    default void L145_mixedPatternsReadTheRightPieces(Fixture f) {
        Random random = new Random(145);
        for (int len : new int[] {1, 17, 200, 4091, 80199, 801990}) {
            int inter = (len + 3) / 4;
            byte[] p1 = concat(Bytes.of("unix "), fill('x', inter), Bytes.of("line\n"));
            byte[] p2 = concat(Bytes.of("dos "), fill('y', inter), Bytes.of("line\r\n"));
            // Raw bytes may hold LF and CR: a count read takes them as they are.
            byte[] p3 = concat(Bytes.of("raw "), Bytes.random(random, inter), Bytes.of("bytes"));
            byte[] p4 = concat(Bytes.of("end"), Bytes.random(random, inter), Bytes.of("bytes"));
            byte[] all = concat(p1, p2, p3, p4);
            Fixture.Pair p = f.pair();
            Tcp client = p.client();
            Tcp server = p.accepted();
            client.settimeout(IO_TIMEOUT);
            server.settimeout(IO_TIMEOUT);
            Background<Sent> echo = Background.start(() -> {
                Received r = server.receive(all.length);
                Sent s = r.isOk() ? server.send(r.data()) : Sent.fail(r.error(), 0);
                server.close();
                return s;
            });
            assertTrue(client.send(all).isOk());
            String what = "mixed stream of " + all.length;
            assertData(Arrays.copyOf(p1, p1.length - 1), client.receive(), what + ": unix line");
            assertData(Arrays.copyOf(p2, p2.length - 2), client.receive(), what + ": dos line, CR removed");
            assertData(p3, client.receive(p3.length), what + ": raw bytes");
            assertData(p4, client.receive("*a"), what + ": the rest");
            assertTrue(echo.await(60).isOk(), what + ": the server's echo");
            client.close();
            p.server().close();
        }
    }

    private static byte[] fill(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    default void L146_twoHalvesReadBackWithOneCountReceive(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp client = p.client();
        Tcp server = p.accepted();
        client.settimeout(IO_TIMEOUT);
        server.settimeout(IO_TIMEOUT);
        Random random = new Random(146);
        for (int len : SIZES) {
            int half = len / 2;
            byte[] s1 = Bytes.random(random, half);
            byte[] s2 = Bytes.random(random, len - half);
            String what = "raw " + len;
            Background<Sent> echo = Background.start(() -> {
                Received r = server.receive(len);
                return r.isOk() ? server.send(r.data()) : Sent.fail(r.error(), 0);
            });
            assertTrue(client.send(s1).isOk(), what + ": first half");
            assertTrue(client.send(s2).isOk(), what + ": second half");
            Received back = client.receive(len);
            assertData(concat(s1, s2), back, what);
            assertTrue(echo.await(60).isOk(), what + ": the server's echo");
        }
        assertEquals(client.getstats().sent(), client.getstats().received(), "as many bytes came back as went out");
    }
}
