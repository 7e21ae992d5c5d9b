package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** glibc's resolver, reached without DNS: numeric hosts, localhost from /etc/hosts, /etc/services. */
class ResolverTest {
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
    void numericHostsAndPorts() throws Exception {
        List<SockAddr> a = t.getaddrinfo("127.0.0.1", "8080", Family.UNSPEC, false);
        assertEquals(List.of(SockAddr.inet(new byte[] {127, 0, 0, 1}, 8080)), a);
        List<SockAddr> b = t.getaddrinfo("::1", "http", Family.UNSPEC, false);
        assertEquals(1, b.size());
        assertEquals(Family.INET6, b.get(0).family());
        assertEquals(80, b.get(0).port());
        assertEquals(28, b.get(0).length());
        // glibc keeps 16 bits of a numeric service.
        assertEquals(70000 & 0xffff, t.getaddrinfo("127.0.0.1", "70000", Family.INET, false).get(0).port());
        assertEquals(0, t.getaddrinfo("127.0.0.1", null, Family.UNSPEC, false).get(0).port());
    }

    @Test
    void nullHostIsWildcardOrLoopback() throws Exception {
        List<SockAddr> passive = t.getaddrinfo(null, "0", Family.UNSPEC, true);
        assertFalse(passive.isEmpty());
        assertTrue(passive.stream().allMatch(SockAddr::isWildcard));
        List<SockAddr> active = t.getaddrinfo(null, "5", Family.INET, false);
        assertEquals(List.of(SockAddr.inet(new byte[] {127, 0, 0, 1}, 5)), active);
        assertFalse(t.getaddrinfo(null, null, Family.UNSPEC, true).isEmpty());
    }

    @Test
    void familyFilter() throws Exception {
        List<SockAddr> v4 = t.getaddrinfo("localhost", "1", Family.INET, false);
        assertTrue(v4.stream().allMatch(x -> x.family() == Family.INET));
        GaiException e = assertThrows(GaiException.class, () -> t.getaddrinfo("::1", "1", Family.INET, false));
        assertTrue(e.code() == GaiException.EAI_ADDRFAMILY || e.code() == GaiException.EAI_NONAME
                || e.code() == GaiException.EAI_FAMILY, e.getMessage());
    }

    @Test
    void errorsAreGlibcCodes() {
        GaiException bad = assertThrows(GaiException.class,
                () -> t.getaddrinfo("127.0.0.1", "no-such-service-name", Family.UNSPEC, false));
        assertEquals(GaiException.EAI_SERVICE, bad.code());
        assertEquals("Servname not supported for ai_socktype", bad.getMessage());
        GaiException empty = assertThrows(GaiException.class, () -> t.getaddrinfo("", "1", Family.UNSPEC, false));
        assertEquals(GaiException.EAI_NONAME, empty.code());
        assertEquals("Name or service not known", empty.getMessage());
    }

    @Test
    void getnameinfo() throws Exception {
        assertEquals(new NameInfo("127.0.0.1", 80), t.getnameinfo(SockAddr.inet(new byte[] {127, 0, 0, 1}, 80), true));
        assertEquals(new NameInfo("::1", 443), t.getnameinfo(Net.loopback(Family.INET6, 443), true));
        SockAddr scoped = SockAddr.inet6(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                1, 0, 1);
        assertEquals("fe80::1%" + scopeName(1), t.getnameinfo(scoped, true).host());
        NameInfo named = t.getnameinfo(SockAddr.inet(new byte[] {127, 0, 0, 1}, 22), false);
        assertEquals(22, named.port());
        assertEquals("localhost", named.host());
    }

    /** glibc prints the interface name for a link-local scope when the interface exists. */
    private static String scopeName(int index) throws Exception {
        java.net.NetworkInterface ni = java.net.NetworkInterface.getByIndex(index);
        return ni != null ? ni.getName() : Integer.toString(index);
    }
}
