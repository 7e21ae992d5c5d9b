package org.mtcp.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SockAddrTest {
    @Test
    void inetBytesAreLinuxSockaddrIn() {
        SockAddr a = SockAddr.inet(new byte[] {127, 0, 0, 1}, 0x1234);
        assertArrayEquals(new byte[] {2, 0, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, a.raw());
        assertEquals("127.0.0.1", a.hostText());
        assertEquals(0x1234, a.port());
    }

    @Test
    void inet6BytesAreLinuxSockaddrIn6() throws Exception {
        SockAddr a = SockAddr.of(InetAddress.getByName("::1"), 80);
        byte[] raw = a.raw();
        assertEquals(28, raw.length);
        assertEquals(10, raw[0]);
        assertEquals(0, raw[1]);
        assertEquals(80, raw[3]);
        assertEquals(1, raw[23]);
        assertEquals("::1", a.hostText());
    }

    @Test
    void textFormsMatchInetNtop() throws Exception {
        assertEquals("::", SockAddr.of(InetAddress.getByName("::"), 0).hostText());
        assertEquals("fe80::1", SockAddr.of(InetAddress.getByName("fe80::1"), 0).hostText());
        assertEquals("2001:db8::1:0:0:1", SockAddr.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 0).hostText());
        assertEquals("1::", SockAddr.of(InetAddress.getByName("1::"), 0).hostText());
        assertEquals("1:0:1:0:1:0:1:0", SockAddr.of(InetAddress.getByName("1:0:1:0:1:0:1:0"), 0).hostText());
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertEquals("::ffff:127.0.0.1", SockAddr.inet6(mapped, 0, 0, 0).hostText());
    }

    @Test
    void parseRejectsWhatGlibcRejects() {
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse("xx".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(new byte[] {2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(new byte[] {10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(null));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse(new byte[20]));
        byte[] longer = new byte[20];
        longer[0] = 2;
        assertEquals(16, SockAddr.parse(longer).length());
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    @Property(tries = 2000)
    void parseNeverFailsOtherwise(@ForAll("anyBytes") byte[] raw) {
        try {
            SockAddr a = SockAddr.parse(raw);
            assertEquals(a, SockAddr.parse(a.raw()));
            a.hostText();
        } catch (IllegalArgumentException expected) {
            // only the documented failure
        }
    }
}
