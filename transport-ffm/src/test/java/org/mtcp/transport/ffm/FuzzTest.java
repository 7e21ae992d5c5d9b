package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * Property-based fuzzing of every primitive with bad inputs: descriptors that are negative, closed, far out
 * of range or foreign; offsets, lengths and counts anywhere in the int range; raw addresses of any length and
 * family; option values of the wrong type; strings with NULs. Each call must end in a result the contract
 * allows, an {@link ErrnoException}/{@link GaiException}, or the argument exception the contract names,
 * never touch memory outside its arrays, and never crash the JVM.
 *
 * <p>Safety of the test itself: the descriptors it passes are its own sockets, negative numbers, or numbers
 * above the process's descriptor limit, so nothing the JVM owns (stdio, jars, surefire's pipes) is ever
 * read, written or closed. No call goes further than loopback, and no reverse or DNS lookup is made.
 *
 * <p>Size: {@code -Dffm.fuzz.tries=N} generated calls in all (default 100,000; the long run is
 * 1,000,000). The count actually run is checked and written to {@code target/ffm-fuzz.txt}.
 */
class FuzzTest {
    private static final int PROPERTIES = 8;
    private static final int TRIES = 250;
    private static final long WANTED = Long.getLong("ffm.fuzz.tries", 100_000L);
    /** Calls per try so that PROPERTIES x TRIES x BATCH reaches WANTED. */
    private static final int BATCH = (int) Math.max(1, (WANTED + PROPERTIES * TRIES - 1) / (PROPERTIES * TRIES));
    private static final AtomicLong CALLS = new AtomicLong();
    /** How the calls ended, by kind: the spread shows the fuzzing reaches past the argument checks. */
    private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> OUTCOMES =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final long MS = 1_000_000L;

    private static Transport t;
    private static Transport other;
    private static int[] mine;
    private static int listener;
    private static int refusedPort;
    private static int listenerPort;
    private static int farBase;
    private static long started;

    @BeforeContainer
    static void fixture() throws Exception {
        started = System.nanoTime();
        t = Net.open();
        other = Net.open();
        List<Integer> fds = new ArrayList<>();
        listener = Net.listener(t, Family.INET);
        listenerPort = Net.port(t, listener);
        fds.add(listener);
        int bound = t.socket(Family.INET);
        t.bind(bound, Net.loopback(Family.INET, 0));
        refusedPort = Net.port(t, bound);
        fds.add(bound);
        for (Family f : new Family[] {Family.INET, Family.INET6}) {
            int l = Net.listener(t, f);
            fds.add(l);
            for (int i = 0; i < 2; i++) {
                for (int fd : Net.pair(t, f, l)) {
                    fds.add(fd);
                }
            }
            fds.add(t.socket(f));
        }
        // Foreign: the other transport's sockets, adopted by t on first use.
        int ol = Net.listener(other, Family.INET);
        fds.add(ol);
        for (int fd : Net.pair(other, Family.INET, ol)) {
            fds.add(fd);
        }
        mine = fds.stream().mapToInt(Integer::intValue).toArray();
        // Above the hard descriptor limit nothing can ever be open; also far above what is open now.
        farBase = Math.max(Net.maxOpenFd() + 100_000, 1 << 20);
    }

    @AfterContainer
    static void report() throws Exception {
        long calls = CALLS.get();
        long ms = (System.nanoTime() - started) / MS;
        StringBuilder spread = new StringBuilder();
        OUTCOMES.forEach((k, v) -> spread.append(' ').append(k).append('=').append(v.sum()));
        String line = String.format("ffm fuzz: %d generated calls (wanted %d) in %d ms;%s%n", calls, WANTED, ms, spread);
        System.out.print(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ffm-fuzz.txt"), line);
        other.close();
        t.close();
        assertTrue(calls >= WANTED, line);
    }

    // ---- generators -------------------------------------------------------------------------------------

    /** Descriptors: mostly bad (negative, far, extremes), some of ours (own and foreign). */
    private Arbitrary<Integer> fds() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().lessOrEqual(-1)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(farBase, Integer.MAX_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE, farBase)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Arrays.stream(mine).boxed().toList())));
    }

    private static Arbitrary<Integer> anyInt() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-3, 70)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 1,
                        1 << 30, -(1 << 30))));
    }

    /** Waits that never block for long: 0, a few nanoseconds, up to 1 ms. */
    private static Arbitrary<Long> shortWaits() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, MS)));
    }

    /** Raw sockaddr bytes of any length, family fields biased to 2 and 10 (and their neighbours). */
    private static Arbitrary<byte[]> rawAddresses() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(40);
        Arbitrary<Integer> family = Arbitraries.of(0, 1, 2, 3, 9, 10, 11, 0xff, 0x0200, 0x0a00, 0xffff);
        return Combinators.combine(bytes, family, Arbitraries.integers().between(0, 3)).as((b, fam, mode) -> {
            if (mode > 0 && b.length >= 2) {
                b[0] = (byte) (int) fam;
                b[1] = (byte) (fam >>> 8);
            }
            return b;
        });
    }

    record Io(boolean write, int fd, int arrayLen, int off, int len, long waitNanos) {
    }

    @Provide
    Arbitrary<List<Io>> ios() {
        Arbitrary<Io> any = Combinators.combine(Arbitraries.of(true, false), fds(), Arbitraries.integers().between(0, 80),
                anyInt(), anyInt(), shortWaits()).as(Io::new);
        // Half of them in bounds, so that calls get past the checks to the kernel.
        Arbitrary<Io> fitting = any.map(c -> {
            int n = Math.max(1, c.arrayLen());
            int off = Math.floorMod(c.off(), n);
            int len = 1 + Math.floorMod(c.len(), n - off);
            return new Io(c.write(), c.fd(), n, off, Math.min(len, n - off), c.waitNanos());
        });
        return Arbitraries.oneOf(any, fitting).list().ofSize(BATCH);
    }

    record Poll(int[] fds, int[] events, int revLen, int count, long waitNanos) {
    }

    @Provide
    Arbitrary<List<Poll>> polls() {
        Arbitrary<int[]> fdArrays = fds().list().ofMaxSize(24).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return Combinators.combine(fdArrays, anyInt().array(int[].class).ofMaxSize(26),
                Arbitraries.integers().between(0, 26), anyInt(), shortWaits())
                .as(Poll::new).list().ofSize(BATCH);
    }

    record Addr(int op, int fd, byte[] raw, int port, boolean fresh, Family family, long waitNanos) {
    }

    @Provide
    Arbitrary<List<Addr>> addrs() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), fds(), rawAddresses(),
                Arbitraries.of(0, 1, 2), Arbitraries.of(true, false), Arbitraries.of(Family.values()), shortWaits())
                .as(Addr::new).list().ofSize(BATCH);
    }

    record Opt(int fd, boolean fresh, boolean set, SocketOption option, Object value) {
    }

    @Provide
    Arbitrary<List<Opt>> opts() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(x -> (Object) x),
                anyInt().map(x -> (Object) x),
                Combinators.combine(Arbitraries.of(true, false), anyInt()).as((on, s) -> (Object) new Linger(on, s)),
                Arbitraries.strings().ofMaxLength(40).map(x -> (Object) x),
                Arbitraries.strings().withChars("lo\0eth").ofMaxLength(6).map(x -> (Object) x),
                Arbitraries.just((Object) null),
                Arbitraries.just((Object) 3.5));
        return Combinators.combine(fds(), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(SocketOption.values()), values).as(Opt::new).list().ofSize(BATCH);
    }

    record Misc(int op, int fd, int how, long nanos, long waitNanos) {
    }

    @Provide
    Arbitrary<List<Misc>> miscs() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), fds(), anyInt(),
                Arbitraries.oneOf(Arbitraries.longs().lessOrEqual(-1), Arbitraries.longs().between(0, 2000),
                        Arbitraries.just(Long.MIN_VALUE)),
                shortWaits()).as(Misc::new).list().ofSize(BATCH);
    }

    record Resolve(String host, String service, Family family, boolean passive) {
    }

    @Provide
    Arbitrary<List<Resolve>> resolves() {
        // Hosts that never reach DNS: numeric forms and /etc/hosts names; services are anything.
        Arbitrary<String> hosts = Arbitraries.of(null, "127.0.0.1", "::1", "0.0.0.0", "::", "localhost",
                "127.1", "0x7f.1", "::ffff:127.0.0.1", "fe80::1%1", "255.255.255.255", "");
        Arbitrary<String> services = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().numeric().ofMaxLength(12),
                Arbitraries.strings().withChars("0123456789\0 -+x").ofMaxLength(8),
                Arbitraries.of(null, "http", "ssh", "0", "65535", "65536", "-1", "1\0abc"),
                Arbitraries.strings().ofLength(2000));
        return Combinators.combine(hosts, services, Arbitraries.of(Family.values()), Arbitraries.of(true, false))
                .as(Resolve::new).list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<byte[]>> nameInfos() {
        return rawAddresses().list().ofSize(BATCH);
    }

    // ---- properties -------------------------------------------------------------------------------------

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void readAndWrite(@ForAll("ios") List<Io> calls) {
        for (Io c : calls) {
            CALLS.incrementAndGet();
            byte[] a = new byte[c.arrayLen()];
            Arrays.fill(a, (byte) 0x5a);
            byte[] before = a.clone();
            boolean inBounds = c.off() >= 0 && c.len() >= 0 && c.off() <= c.arrayLen() - c.len();
            try {
                int r = c.write() ? t.write(c.fd(), a, c.off(), c.len(), c.waitNanos())
                        : t.read(c.fd(), a, c.off(), c.len(), c.waitNanos());
                assertTrue(inBounds && c.len() >= 1, "accepted bad bounds " + c);
                seen(r >= 0 ? "io-data" : r == Transport.TIMEOUT ? "io-timeout" : "io-eof");
                assertTrue(r == Transport.TIMEOUT || (r >= 1 && r <= c.len()) || (!c.write() && r == Transport.EOF),
                        "result " + r + " for " + c);
                int written = c.write() || r < 0 ? 0 : r;
                for (int i = 0; i < a.length; i++) {
                    if (i < c.off() || i >= c.off() + written) {
                        assertEquals(before[i], a[i], "byte " + i + " outside the call's range changed: " + c);
                    }
                }
                if (c.write()) {
                    assertArrayEquals(before, a, "write changed its source");
                }
            } catch (IndexOutOfBoundsException e) {
                assertTrue(!inBounds, "bounds rejected wrongly: " + c);
                seen("io-bounds");
            } catch (IllegalArgumentException e) {
                assertTrue(inBounds && c.len() == 0, "IAE for " + c);
            } catch (ErrnoException e) {
                assertTrue(inBounds && c.len() >= 1, "errno before bounds were checked: " + c);
                checkErrno(e);
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void poll(@ForAll("polls") List<Poll> calls) {
        for (Poll c : calls) {
            CALLS.incrementAndGet();
            int[] fds = c.fds();
            int[] ev = c.events();
            int[] rev = new int[c.revLen()];
            Arrays.fill(rev, 0x7777);
            int count = c.count();
            boolean ok = count >= 0 && count <= fds.length && count <= ev.length && count <= rev.length;
            try {
                int n = t.poll(fds, ev, rev, count, c.waitNanos());
                assertTrue(ok, "accepted bad count " + count);
                seen(n > 0 ? "poll-ready" : "poll-none");
                int ready = 0;
                for (int i = 0; i < rev.length; i++) {
                    if (i >= count) {
                        assertEquals(0x7777, rev[i], "revents beyond count written");
                    } else {
                        assertEquals(0, rev[i] & ~0xffff);
                        if (fds[i] < 0) {
                            assertEquals(0, rev[i], "negative descriptor got events");
                        }
                        if (rev[i] != 0) {
                            ready++;
                        }
                    }
                }
                assertEquals(ready, n);
            } catch (IllegalArgumentException e) {
                assertTrue(!ok, "IAE for a good count " + count);
                seen("poll-badcount");
            } catch (ErrnoException e) {
                checkErrno(e);
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void addresses(@ForAll("addrs") List<Addr> calls) throws Exception {
        for (Addr c : calls) {
            CALLS.incrementAndGet();
            SockAddr a;
            try {
                a = SockAddr.parse(c.raw());
            } catch (IllegalArgumentException notAnAddress) {
                a = null;
            }
            int fd = c.fd();
            int fresh = -1;
            try {
                if (c.fresh()) {
                    fresh = t.socket(c.family()); // UNSPEC: EAFNOSUPPORT
                    fd = fresh;
                }
                switch (c.op()) {
                    case 0 -> {
                        if (a != null) {
                            t.bind(fd, a.withPort(0)); // any address, port 0: no port of anyone else taken
                        }
                    }
                    case 1 -> {
                        if (a != null) {
                            // Only ever towards loopback: our refusing port, our listener, or port 0.
                            int port = c.port() == 0 ? refusedPort : c.port() == 1 ? listenerPort : 0;
                            SockAddr to = a.family() == Family.INET ? SockAddr.inet(new byte[] {127, 0, 0, 1}, port)
                                    : SockAddr.inet6(loopback6(a), port, flowinfo(a), a.scopeId());
                            int r = t.connect(fd, to, c.waitNanos());
                            assertTrue(r == 0 || r == Transport.TIMEOUT);
                        }
                    }
                    case 2 -> {
                        SockAddr got = t.localAddress(fd);
                        assertTrue(got.length() == 16 || got.length() == 28);
                    }
                    case 3 -> t.remoteAddress(fd);
                    case 4 -> {
                        if (a != null) {
                            var ni = t.getnameinfo(a, true);
                            assertEquals(a.port(), ni.port());
                            assertTrue(!ni.host().isEmpty());
                        }
                    }
                    default -> {
                        int r = t.accept(listener, 0);
                        if (r >= 0) {
                            t.close(r);
                        }
                    }
                }
            } catch (ErrnoException e) {
                checkErrno(e);
            } catch (GaiException e) {
                assertTrue(e.code() < 0, e.getMessage());
            } finally {
                if (fresh >= 0) {
                    t.close(fresh);
                }
            }
        }
    }

    private static byte[] loopback6(SockAddr a) {
        byte[] b = new byte[16];
        if (a.isV4Mapped()) {
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            b[12] = 127;
            b[15] = 1;
        } else {
            b[15] = 1;
        }
        return b;
    }

    private static int flowinfo(SockAddr a) {
        byte[] r = a.raw();
        return (r[4] & 0xff) << 24 | (r[5] & 0xff) << 16 | (r[6] & 0xff) << 8 | (r[7] & 0xff);
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void options(@ForAll("opts") List<Opt> calls) throws Exception {
        for (Opt c : calls) {
            CALLS.incrementAndGet();
            int fd = c.fd();
            int fresh = -1;
            try {
                if (c.fresh() || c.set()) {
                    // Options are only set on fresh sockets (a linger on a fixture could stall its close).
                    fresh = t.socket(Family.INET6);
                    fd = c.fresh() ? fresh : c.fd() < 0 || c.fd() >= farBase ? c.fd() : fresh;
                }
                if (c.set()) {
                    boolean typed = c.value() != null && c.option().type().isInstance(c.value());
                    try {
                        t.setOption(fd, c.option(), c.value());
                        assertTrue(typed, "accepted a wrong type");
                    } catch (IllegalArgumentException e) {
                        assertTrue(!typed, "rejected a right type");
                        seen("option-badtype");
                    }
                } else {
                    Object v = t.getOption(fd, c.option());
                    assertTrue(c.option().type().isInstance(v), "value type " + v);
                }
            } catch (ErrnoException e) {
                checkErrno(e);
            } finally {
                if (fresh >= 0) {
                    t.close(fresh);
                }
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void misc(@ForAll("miscs") List<Misc> calls) throws Exception {
        for (Misc c : calls) {
            CALLS.incrementAndGet();
            int fd = c.fd();
            boolean ours = fd >= 0 && fd < farBase;
            try {
                switch (c.op()) {
                    case 0 -> {
                        // The fixture pairs stay intact for the read/write property: shut down a fresh pair.
                        if (ours) {
                            int[] p = Net.pair(t, Family.INET, listener);
                            try {
                                t.shutdown(p[c.how() & 1], c.how());
                                assertTrue(c.how() >= 0 && c.how() <= 2, "shutdown how " + c.how());
                                seen("shutdown-ok");
                            } finally {
                                t.close(p[0]);
                                t.close(p[1]);
                            }
                        } else {
                            t.shutdown(fd, c.how());
                        }
                    }
                    case 1 -> {
                        int fresh = t.socket(Family.INET);
                        try {
                            t.listen(ours ? fresh : fd, c.how());
                        } finally {
                            t.close(fresh);
                        }
                    }
                    case 2 -> {
                        // Only bad numbers or our fresh sockets are ever closed.
                        if (ours) {
                            t.close(t.socket(Family.INET));
                        } else {
                            t.close(fd);
                            fail("closed a bad descriptor " + fd);
                        }
                    }
                    case 3 -> {
                        if (c.nanos() < 0 || c.nanos() <= 2000) {
                            t.sleep(c.nanos());
                            assertTrue(c.nanos() >= 0);
                        }
                    }
                    case 4 -> {
                        int r = t.accept(fd, ours ? c.waitNanos() : -1);
                        assertTrue(r >= 0 || r == Transport.TIMEOUT);
                        if (r >= 0) {
                            t.close(r);
                        }
                    }
                    default -> {
                        Family f = c.how() % 3 == 0 ? Family.UNSPEC : c.how() % 3 == 1 ? Family.INET : Family.INET6;
                        t.close(t.socket(f));
                    }
                }
            } catch (ErrnoException e) {
                checkErrno(e);
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void getaddrinfo(@ForAll("resolves") List<Resolve> calls) {
        for (Resolve c : calls) {
            CALLS.incrementAndGet();
            try {
                List<SockAddr> r = t.getaddrinfo(c.host(), c.service(), c.family(), c.passive());
                assertTrue(!r.isEmpty());
                for (SockAddr a : r) {
                    assertTrue(c.family() == Family.UNSPEC || a.family() == c.family());
                }
                seen("gai-ok");
            } catch (GaiException e) {
                seen("gai" + e.code());
                assertTrue(e.code() < 0 && !e.getMessage().isEmpty(), e.getMessage());
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void getnameinfo(@ForAll("nameInfos") List<byte[]> calls) {
        for (byte[] raw : calls) {
            CALLS.incrementAndGet();
            try {
                SockAddr a = SockAddr.parse(raw);
                var ni = t.getnameinfo(a, true);
                assertEquals(a.port(), ni.port());
                assertEquals(a.hostText(), ni.host().contains("%") ? a.hostText().substring(0, a.hostText().indexOf('%'))
                        + ni.host().substring(ni.host().indexOf('%')) : ni.host());
                seen("nameinfo-ok");
            } catch (IllegalArgumentException notAnAddress) {
                seen("sockaddr-refused");
                // SockAddr refuses it: a raw address that can never reach native code
            } catch (GaiException e) {
                assertTrue(e.code() < 0, e.getMessage());
            }
        }
    }

    @Property(tries = TRIES, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void strangeStrings(@ForAll("opts") List<Opt> calls) throws Exception {
        // Device names and services with NULs and non-ASCII text, through the two string-taking calls.
        for (Opt c : calls) {
            CALLS.incrementAndGet();
            String s = c.value() instanceof String x ? x : String.valueOf(c.value());
            int fresh = t.socket(Family.INET);
            try {
                t.setOption(fresh, SocketOption.BINDTODEVICE, s + "\0" + s);
                Object dev = t.getOption(fresh, SocketOption.BINDTODEVICE);
                assertTrue(((String) dev).length() <= 15, "device " + dev);
            } catch (ErrnoException e) {
                checkErrno(e);
            } finally {
                t.close(fresh);
            }
            try {
                t.getaddrinfo("127.0.0.1", s, Family.INET, false);
            } catch (GaiException e) {
                assertTrue(e.code() < 0);
            }
            assertTrue(s.getBytes(StandardCharsets.UTF_8).length >= 0);
        }
    }

    private static void seen(String what) {
        OUTCOMES.computeIfAbsent(what, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    private static void checkErrno(ErrnoException e) {
        seen("errno" + e.errno());
        assertTrue(e.errno() > 0 && e.errno() < 134, "errno " + e.errno());
        assertEquals(org.mtcp.spi.Errno.strerror(e.errno()), e.getMessage());
    }
}
