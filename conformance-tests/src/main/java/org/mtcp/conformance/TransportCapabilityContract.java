package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.MS;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.SECOND;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * Every {@link Capability} checked against behaviour, the way the Reactive Streams TCK treats optional
 * rules: a transport that declares a capability must show it (a false declaration fails loudly); one that
 * does not is skipped with the reason the transport itself gives ({@link Transport#missingReason}); and
 * where the baseline says how a transport without it must refuse, that refusal is checked first.
 */
public interface TransportCapabilityContract extends TransportConformance {

    /** Options {@link Capability#LINUX_TCP_OPTIONS} stands for. */
    Set<SocketOption> LINUX_TCP = EnumSet.of(SocketOption.TCP_DEFER_ACCEPT, SocketOption.TCP_FASTOPEN,
            SocketOption.TCP_FASTOPEN_CONNECT);

    @Test
    default void T73_theDeclarationsAreOneSetAndEveryMissingCapabilityHasAReason(Fixture f) {
        Transport t = f.transport;
        assertEquals(f.provider.name(), t.name());
        assertEquals(f.provider.capabilities(), t.capabilities(), "the provider and its transports declare the same");
        for (Capability c : Capability.values()) {
            Optional<String> why = t.missingReason(c);
            if (t.capabilities().contains(c)) {
                assertTrue(why.isEmpty(), () -> c + " is declared, yet missingReason says " + why);
            } else {
                assertTrue(why.isPresent() && !why.get().isBlank(), () -> c + " is missing without a reason");
            }
        }
    }

    @Test
    default void T74_ipv6IsWhatIsDeclared(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        if (!t.capabilities().contains(Capability.IPV6)) {
            assertEquals(Errno.EAFNOSUPPORT, errno(() -> t.socket(Family.INET6)), "without IPV6, socket(AF_INET6) is refused");
            s.assumeCapability(Capability.IPV6);
        }
        s.assume(Family.INET6);
        int l = s.listener(Family.INET6);
        SockAddr a = t.localAddress(l);
        assertEquals(Family.INET6, a.family());
        assertEquals(SockAddr.INET6_SIZE, a.length());
        assertEquals("::1", a.hostText());
        Sockets.Pair p = s.pair(Family.INET6);
        s.writeAll(p.client(), "six");
        assertEquals("six", s.readString(p.accepted(), 3));
    }

    @Test
    default void T75_kernelV6onlyLetsAnIpv4ListenerShareTheV6onlyPort(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assume(Family.INET6);
        s.assumeCapability(Capability.KERNEL_V6ONLY);
        Transport t = s.t;
        // Enforced by the kernel: next to an IPv4 wildcard socket, a dual-stack [::] bind on the same port
        // fails and a v6-only one succeeds. Other processes may hold the IPv6 port: then try another.
        for (int attempt = 0; ; attempt++) {
            int l4 = t.socket(Family.INET);
            t.bind(l4, Sockets.any(Family.INET, 0));
            int port = s.port(l4);
            SockAddr any6 = Sockets.any(Family.INET6, port);
            int dual = t.socket(Family.INET6);
            assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(dual, any6)));
            int only = t.socket(Family.INET6);
            t.setOption(only, SocketOption.IPV6_V6ONLY, true);
            try {
                t.bind(only, any6);
            } catch (ErrnoException e) {
                assertEquals(Errno.EADDRINUSE, e.errno());
                assertTrue(attempt < 20, "no free IPv6 port found");
                t.close(l4);
                t.close(dual);
                t.close(only);
                continue;
            }
            t.listen(l4, 4);
            t.listen(only, 4);
            int c4 = t.socket(Family.INET);
            assertEquals(0, t.connect(c4, lo(Family.INET, port), PROMPT));
            int a4 = t.accept(l4, PROMPT);
            assertEquals(Family.INET, t.localAddress(a4).family(), "the IPv4 client went to the IPv4 listener");
            assertEquals(Transport.TIMEOUT, t.accept(only, 0));
            break;
        }
    }

    @Test
    default void T76_realDescriptorsAreTheKernelsSocketNumbers(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assumeCapability(Capability.REAL_DESCRIPTORS);
        Transport t = s.t;
        for (Family family : new Family[] {Family.INET, Family.INET6}) {
            if (family == Family.INET6 && !t.capabilities().contains(Capability.IPV6)) {
                continue;
            }
            int fd = t.socket(family);
            Path proc = Path.of("/proc/self/fd/" + fd);
            String link = Files.readSymbolicLink(proc).toString();
            assertTrue(link.startsWith("socket:["), () -> "descriptor " + fd + " is " + link + " in /proc/self/fd");
            t.close(fd);
            assertFalse(Files.exists(proc) && Files.readSymbolicLink(proc).toString().equals(link),
                    "the kernel socket is closed with its descriptor");
        }
    }

    @Test
    default void T77_kernelAddressesAreSockaddrBytes(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assumeCapability(Capability.KERNEL_ADDRESSES);
        Transport t = s.t;
        for (Family family : new Family[] {Family.INET, Family.INET6}) {
            if (family == Family.INET6 && !t.capabilities().contains(Capability.IPV6)) {
                continue;
            }
            Sockets.Pair p = s.pair(family);
            byte[] raw = t.localAddress(p.client()).raw();
            assertEquals(family == Family.INET ? 16 : 28, raw.length);
            assertEquals(family.linuxNumber(), raw[0] & 0xff, "sa_family, little-endian");
            assertEquals(0, raw[1]);
            assertEquals(s.port(p.client()), ((raw[2] & 0xff) << 8) | (raw[3] & 0xff), "the port in network order");
            assertEquals(t.localAddress(p.client()), t.remoteAddress(p.accepted()));
            assertEquals(SockAddr.parse(raw), t.localAddress(p.client()));
        }
    }

    @Test
    default void T78_exactZeroWaitsNeverWait(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assumeCapability(Capability.EXACT_ZERO_WAIT);
        Transport t = s.t;
        Sockets.Pair p = s.pair(Family.INET);
        byte[] b = new byte[8];
        int[] rev = new int[1];
        // The best of many tries, so a loaded machine cannot fake a wait; a 1 ms peek cannot pass.
        long read = Long.MAX_VALUE;
        long accept = Long.MAX_VALUE;
        long poll = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            assertEquals(Transport.TIMEOUT, t.read(p.client(), b, 0, 8, 0));
            long t1 = System.nanoTime();
            assertEquals(Transport.TIMEOUT, t.accept(p.listener(), 0));
            long t2 = System.nanoTime();
            assertEquals(0, t.poll(new int[] {p.client()}, new int[] {Transport.POLLIN}, rev, 1, 0));
            long t3 = System.nanoTime();
            read = Math.min(read, t1 - t0);
            accept = Math.min(accept, t2 - t1);
            poll = Math.min(poll, t3 - t2);
        }
        long r = read;
        long a = accept;
        long q = poll;
        assertTrue(r < MS / 2, () -> "the best zero-wait read took " + r + " ns");
        assertTrue(a < MS / 2, () -> "the best zero-wait accept took " + a + " ns");
        assertTrue(q < MS / 2, () -> "the best zero-wait poll took " + q + " ns");
    }

    @Test
    default void T79_shutdownOfTheReceiveSideIsWhatIsDeclared(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assumeCapability(Capability.SHUTDOWN_RECEIVE);
        Transport t = s.t;
        Sockets.Pair p = s.pair(Family.INET);
        t.shutdown(p.client(), Transport.SHUT_RD);
        assertEquals(Transport.EOF, t.read(p.client(), new byte[4], 0, 4, PROMPT));
        s.writeAll(p.client(), "out");
        assertEquals("out", s.readString(p.accepted(), 3), "only the receive side is shut");
    }

    @Test
    default void T80_linuxTcpOptionsAreListedExactlyWhenDeclaredAndWork(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        boolean declared = t.capabilities().contains(Capability.LINUX_TCP_OPTIONS);
        for (SocketOption o : LINUX_TCP) {
            assertEquals(declared, t.options().contains(o), () -> o + " listed " + t.options().contains(o)
                    + " while LINUX_TCP_OPTIONS is " + (declared ? "" : "not ") + "declared");
        }
        int fd = t.socket(Family.INET);
        if (!declared) {
            for (SocketOption o : LINUX_TCP) {
                assertEquals(Errno.ENOPROTOOPT, errno(() -> t.setOption(fd, o, 1)), o.toString());
            }
            s.assumeCapability(Capability.LINUX_TCP_OPTIONS);
        }
        t.setOption(fd, SocketOption.TCP_DEFER_ACCEPT, 3);
        assertTrue((Integer) t.getOption(fd, SocketOption.TCP_DEFER_ACCEPT) >= 3, "rounded up to whole retransmits");
        t.setOption(fd, SocketOption.TCP_FASTOPEN, 5);
        t.setOption(fd, SocketOption.TCP_FASTOPEN_CONNECT, 1);
        assertEquals(1, t.getOption(fd, SocketOption.TCP_FASTOPEN_CONNECT));
    }

    @Test
    default void T81_theResolverSleepAndAClosedTransportBehaveAsTheSpiSays(Fixture f) throws Exception {
        Transport t = f.transport;
        assertEquals(lo(Family.INET, 80), t.getaddrinfo("127.0.0.1", "80", Family.UNSPEC, false).get(0));
        NameInfo ni = t.getnameinfo(lo(Family.INET, 80), true);
        assertEquals("127.0.0.1", ni.host());
        assertEquals(80, ni.port());
        assertEquals(GaiException.EAI_SERVICE, Assertions.assertThrows(GaiException.class,
                () -> t.getaddrinfo("127.0.0.1", "no-such-service", Family.UNSPEC, false)).code());
        long start = System.nanoTime();
        t.sleep(20 * MS);
        assertTrue(System.nanoTime() - start >= 20 * MS);
        t.sleep(0);
        assertEquals(Errno.EINVAL, errno(() -> t.sleep(-1)));
        assertEquals(Errno.EINVAL, errno(() -> t.sleep(Long.MIN_VALUE)));
        Thread.currentThread().interrupt();
        try {
            assertEquals(Errno.EINTR, errno(() -> t.sleep(SECOND)));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
        // A closed transport refuses every call.
        Transport u = f.provider.open();
        int fd = u.socket(Family.INET);
        u.close();
        u.close(); // idempotent
        assertEquals(Errno.EBADF, errno(() -> u.read(fd, new byte[1], 0, 1, 0)));
        assertEquals(Errno.EBADF, errno(() -> u.connect(fd, lo(Family.INET, 1), FOREVER)));
        assertEquals(Errno.EBADF, errno(() -> u.socket(Family.INET)));
    }
}
