package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport#setOption} and {@link Transport#getOption}: Linux's defaults, ranges and inheritance
 * for the options a transport lists, ENOPROTOOPT for the others.
 */
public interface TransportOptionsContract extends TransportConformance {

    /** What every transport carries (the keepalive tuning and the Linux-only options are declared one by one). */
    Set<SocketOption> BASELINE = EnumSet.of(SocketOption.KEEPALIVE, SocketOption.REUSEADDR, SocketOption.TCP_NODELAY,
            SocketOption.LINGER, SocketOption.RECV_BUFFER_SIZE, SocketOption.SEND_BUFFER_SIZE, SocketOption.ERROR);

    /** A value of the option's type that setsockopt takes. */
    private static Object sample(SocketOption o) {
        return o.type() == String.class ? "lo" : o.type() == Integer.class ? (Object) 1
                : o.type() == Linger.class ? new Linger(false, 0) : Boolean.TRUE;
    }

    /** Whether setting {@code value} fails the way the SPI allows for a value of the wrong type. */
    private static boolean rejected(Transport t, int fd, SocketOption o, Object value) {
        try {
            t.setOption(fd, o, value);
            return false;
        } catch (ErrnoException e) {
            return e.errno() == Errno.EINVAL;
        } catch (IllegalArgumentException e) {
            return true; // the shared layer rules such values out, so a transport may throw
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T60_theBaselineOptionsAreListedAndTheUnlistedOnesAreEnoprotoopt(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        assertTrue(t.options().containsAll(BASELINE), () -> "listed: " + t.options());
        assertEquals(t.capabilities().contains(Capability.IPV6), t.options().contains(SocketOption.IPV6_V6ONLY),
                "ipv6-v6only is listed exactly when IPv6 is declared");
        int fd = s.socket(family);
        for (SocketOption o : SocketOption.values()) {
            if (!t.options().contains(o)) {
                assertEquals(Errno.ENOPROTOOPT, errno(() -> t.setOption(fd, o, sample(o))), o.toString());
                assertEquals(92, errno(() -> t.getOption(fd, o)), o.toString());
            }
        }
        assertEquals(Errno.ENOPROTOOPT, errno(() -> t.setOption(fd, SocketOption.ERROR, 0)), "error is read-only");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T61_booleanOptionsStartOffAndReadBackWhatWasSet(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        for (SocketOption o : new SocketOption[] {SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.REUSEPORT, SocketOption.TCP_NODELAY}) {
            if (!t.options().contains(o)) {
                continue;
            }
            assertEquals(false, t.getOption(fd, o), o + " default");
            t.setOption(fd, o, true);
            assertEquals(true, t.getOption(fd, o), o.toString());
            t.setOption(fd, o, false);
            assertEquals(false, t.getOption(fd, o), o.toString());
        }
        assertTrue(rejected(t, fd, SocketOption.KEEPALIVE, 1), "a number for a boolean");
        assertTrue(rejected(t, fd, SocketOption.KEEPALIVE, null), "null");
        assertEquals(false, t.getOption(fd, SocketOption.KEEPALIVE), "a rejected value changes nothing");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T62_lingerStartsOffAndKeepsItsTimeWhenSwitchedOff(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        assertEquals(new Linger(false, 0), t.getOption(fd, SocketOption.LINGER));
        t.setOption(fd, SocketOption.LINGER, new Linger(true, 5));
        assertEquals(new Linger(true, 5), t.getOption(fd, SocketOption.LINGER));
        t.setOption(fd, SocketOption.LINGER, new Linger(false, 7));
        assertEquals(new Linger(false, 5), t.getOption(fd, SocketOption.LINGER), "Linux keeps the time while off");
        t.setOption(fd, SocketOption.LINGER, new Linger(false, 0));
        assertEquals(new Linger(false, 5), t.getOption(fd, SocketOption.LINGER));
        assertTrue(rejected(t, fd, SocketOption.LINGER, true), "a boolean for linger");
        assertTrue(rejected(t, fd, SocketOption.LINGER, null), "null");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T63_keepaliveTuningTakesLinuxRanges(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Assumptions.assumeTrue(t.options().containsAll(EnumSet.of(SocketOption.TCP_KEEPIDLE, SocketOption.TCP_KEEPCNT,
                SocketOption.TCP_KEEPINTVL)), "transport " + t.name() + " does not list the keepalive tuning options");
        int fd = s.socket(family);
        t.setOption(fd, SocketOption.TCP_KEEPIDLE, 30);
        assertEquals(30, t.getOption(fd, SocketOption.TCP_KEEPIDLE));
        t.setOption(fd, SocketOption.TCP_KEEPCNT, 4);
        assertEquals(4, t.getOption(fd, SocketOption.TCP_KEEPCNT));
        t.setOption(fd, SocketOption.TCP_KEEPINTVL, 11);
        assertEquals(11, t.getOption(fd, SocketOption.TCP_KEEPINTVL));
        // LuaSocket turns a nil value into 0, which the kernel rejects.
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.TCP_KEEPIDLE, 0)));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.TCP_KEEPCNT, -1)));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.TCP_KEEPCNT, 1000)));
        assertEquals(4, t.getOption(fd, SocketOption.TCP_KEEPCNT));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T64_bufferSizesAreDoubledAndClampedAsTheKernelDoes(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 4096);
        assertEquals(8192, t.getOption(fd, SocketOption.RECV_BUFFER_SIZE));
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(fd, SocketOption.RECV_BUFFER_SIZE));
        t.setOption(fd, SocketOption.SEND_BUFFER_SIZE, 16384);
        assertEquals(32768, t.getOption(fd, SocketOption.SEND_BUFFER_SIZE));
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 0);
        int floor = (Integer) t.getOption(fd, SocketOption.RECV_BUFFER_SIZE);
        assertTrue(floor > 0 && floor < 8192, "floor " + floor);
        // Linux takes a negative size as a huge unsigned one and clamps it to the maximum.
        t.setOption(fd, SocketOption.SEND_BUFFER_SIZE, -5);
        assertTrue((Integer) t.getOption(fd, SocketOption.SEND_BUFFER_SIZE) > 32768);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T65_optionsSetBeforeListenStayOnTheListenerAndPassToAcceptedSockets(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        boolean tuning = t.options().containsAll(EnumSet.of(SocketOption.TCP_KEEPIDLE, SocketOption.TCP_KEEPCNT));
        int l = s.socket(family);
        t.setOption(l, SocketOption.REUSEADDR, true);
        t.setOption(l, SocketOption.KEEPALIVE, true);
        t.setOption(l, SocketOption.TCP_NODELAY, true);
        t.setOption(l, SocketOption.LINGER, new Linger(true, 3));
        t.setOption(l, SocketOption.SEND_BUFFER_SIZE, 20000);
        t.setOption(l, SocketOption.RECV_BUFFER_SIZE, 32768);
        if (tuning) {
            t.setOption(l, SocketOption.TCP_KEEPIDLE, 42);
        }
        t.bind(l, lo(family, 0));
        t.listen(l, 8);
        assertEquals(true, t.getOption(l, SocketOption.REUSEADDR));
        assertEquals(true, t.getOption(l, SocketOption.KEEPALIVE));
        assertEquals(true, t.getOption(l, SocketOption.TCP_NODELAY));
        assertEquals(new Linger(true, 3), t.getOption(l, SocketOption.LINGER));
        assertEquals(40000, t.getOption(l, SocketOption.SEND_BUFFER_SIZE));
        assertEquals(65536, t.getOption(l, SocketOption.RECV_BUFFER_SIZE));
        if (t.options().contains(SocketOption.REUSEPORT)) {
            assertEquals(false, t.getOption(l, SocketOption.REUSEPORT));
        }
        if (tuning) {
            assertEquals(42, t.getOption(l, SocketOption.TCP_KEEPIDLE));
            t.setOption(l, SocketOption.TCP_KEEPCNT, 3); // set on the listener itself
        }
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, s.port(l)), FOREVER));
        int a = t.accept(l, PROMPT);
        assertEquals(true, t.getOption(a, SocketOption.REUSEADDR), "inherited by the kernel, as on Linux");
        assertEquals(true, t.getOption(a, SocketOption.KEEPALIVE));
        assertEquals(true, t.getOption(a, SocketOption.TCP_NODELAY));
        assertEquals(new Linger(true, 3), t.getOption(a, SocketOption.LINGER));
        assertEquals(40000, t.getOption(a, SocketOption.SEND_BUFFER_SIZE));
        if (tuning) {
            assertEquals(42, t.getOption(a, SocketOption.TCP_KEEPIDLE));
            assertEquals(3, t.getOption(a, SocketOption.TCP_KEEPCNT));
        }
        // The connecting side has only its own defaults.
        assertEquals(false, t.getOption(c, SocketOption.KEEPALIVE));
        assertEquals(false, t.getOption(c, SocketOption.TCP_NODELAY));
        // Options set on the listening socket itself reach later accepted sockets too.
        t.setOption(l, SocketOption.TCP_NODELAY, false);
        assertEquals(false, t.getOption(l, SocketOption.TCP_NODELAY));
        t.setOption(l, SocketOption.SEND_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(l, SocketOption.SEND_BUFFER_SIZE), "doubled as Linux reports");
        int c2 = t.socket(family);
        assertEquals(0, t.connect(c2, lo(family, s.port(l)), PROMPT));
        int a2 = t.accept(l, PROMPT);
        assertEquals(false, t.getOption(a2, SocketOption.TCP_NODELAY));
        assertEquals(16384, t.getOption(a2, SocketOption.SEND_BUFFER_SIZE));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T66_aListenerHasLinuxDefaultsAndItsErrorIsZero(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        int l = p.listener();
        assertEquals(false, t.getOption(l, SocketOption.REUSEADDR), "not java.net's server default");
        assertEquals(false, t.getOption(l, SocketOption.KEEPALIVE));
        assertEquals(false, t.getOption(l, SocketOption.TCP_NODELAY));
        assertEquals(new Linger(false, 0), t.getOption(l, SocketOption.LINGER));
        assertTrue((Integer) t.getOption(l, SocketOption.SEND_BUFFER_SIZE) > 0);
        assertEquals(0, t.getOption(l, SocketOption.ERROR));
        assertEquals(0, t.getOption(p.client(), SocketOption.ERROR));
        assertEquals(0, t.getOption(p.accepted(), SocketOption.ERROR));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T67_reuseaddrAsLinuxHasIt(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        // Two sockets with SO_REUSEADDR may bind one port, but only one may listen.
        int a = s.socket(family);
        t.setOption(a, SocketOption.REUSEADDR, true);
        t.bind(a, lo(family, 0));
        int b = t.socket(family);
        t.setOption(b, SocketOption.REUSEADDR, true);
        t.bind(b, lo(family, s.port(a)));
        assertEquals(s.port(a), s.port(b));
        t.listen(a, 4);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.listen(b, 4)));
        // An active close on the server leaves a TIME_WAIT on its port: without SO_REUSEADDR on the old
        // listener, no new socket may bind it, with it or without; with it, the next server may.
        int held = serverClosesFirst(s, family, false);
        Assumptions.assumeFalse(TimeWaitTable.full(), "the kernel's TIME_WAIT table is full: no TIME_WAIT is kept");
        int again = t.socket(family);
        assertEquals(false, t.getOption(again, SocketOption.REUSEADDR));
        assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(again, lo(family, held))));
        int reuse = t.socket(family);
        t.setOption(reuse, SocketOption.REUSEADDR, true);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(reuse, lo(family, held))),
                "the TIME_WAIT socket did not have SO_REUSEADDR");
        int free = serverClosesFirst(s, family, true);
        int next = t.socket(family);
        t.setOption(next, SocketOption.REUSEADDR, true);
        t.bind(next, lo(family, free));
        t.listen(next, 4);
        assertEquals(true, t.getOption(next, SocketOption.REUSEADDR), "carried over to the listening socket");
    }

    /** A server that closes its connection first (leaving a TIME_WAIT on its port); returns the port. */
    private static int serverClosesFirst(Sockets s, Family family, boolean reuseaddr) throws Exception {
        Transport t = s.t;
        int l = t.socket(family);
        t.setOption(l, SocketOption.REUSEADDR, reuseaddr);
        t.bind(l, lo(family, 0));
        t.listen(l, 4);
        int port = s.port(l);
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, port), PROMPT));
        int a = t.accept(l, PROMPT);
        t.close(a);
        t.close(l);
        byte[] buf = new byte[64];
        int r;
        do {
            r = t.read(c, buf, 0, buf.length, PROMPT);
        } while (r > 0);
        assertEquals(Transport.EOF, r);
        t.close(c);
        return port;
    }

    @Test
    default void T68_v6onlyIsOffByDefaultSettableBeforeBindOnlyAndIpv6Only(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(Family.INET6);
        assertEquals(false, t.getOption(fd, SocketOption.IPV6_V6ONLY), "the Linux default");
        t.setOption(fd, SocketOption.IPV6_V6ONLY, true);
        assertEquals(true, t.getOption(fd, SocketOption.IPV6_V6ONLY));
        t.bind(fd, lo(Family.INET6, 0));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.IPV6_V6ONLY, false)));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.IPV6_V6ONLY, true)));
        int l = s.listener(Family.INET6);
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(l, SocketOption.IPV6_V6ONLY, true)));
        int v4 = t.socket(Family.INET);
        assertEquals(Errno.ENOPROTOOPT, errno(() -> t.setOption(v4, SocketOption.IPV6_V6ONLY, true)));
        // Linux's getsockopt says EOPNOTSUPP here (its setsockopt ENOPROTOOPT); emulations say ENOPROTOOPT.
        int get = errno(() -> t.getOption(v4, SocketOption.IPV6_V6ONLY));
        assertTrue(get == Errno.ENOPROTOOPT || get == Errno.EOPNOTSUPP, "getsockopt gave errno " + get);
    }
}
