package org.mtcp.conformance.faults;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** The catalogue of seeded faults: I/O-layer wrappers and shared-layer source patches. */
final class Faults {
    private Faults() {
    }

    static final String SPI = "org/mtcp/";

    static List<Fault> all() {
        return List.of(
            // ---- shared layer (test-only patched copies of one class) ----
            new Fault("cr-kept-in-lines", "line mode keeps carriage returns", null,
                new Fault.Patch(SPI + "internal/ReceiveBuffer.java", "if (data[pos] == '\\r') {", "if (false) {"),
                Set.of("receive"), Set.of("L90")),
            new Fault("total-timeout-ignored", "the total timeout is never applied", null,
                new Fault.Patch(SPI + "internal/Timeout.java", "double t = total;", "double t = -1;"),
                Set.of("timeouts"), Set.of("L121")),
            new Fault("partial-result-dropped", "a failed receive returns the prefix without the bytes read", null,
                new Fault.Patch(SPI + "internal/ReceiveBuffer.java",
                    "Received.fail(IoStatus.message(status), result)", "Received.fail(IoStatus.message(status), prefix)"),
                Set.of("receive"), Set.of("L99", "L100", "L101")),
            new Fault("prefix-counted-twice", "a count receive subtracts the prefix length twice", null,
                new Fault.Patch(SPI + "internal/ReceiveBuffer.java",
                    "raw(out, wanted - prefix.length, source)", "raw(out, wanted - 2L * prefix.length, source)"),
                Set.of("receive"), Set.of("L95")),
            new Fault("state-transition-missed", "a failed connect leaves the object a master", null,
                new Fault.Patch(SPI + "luasocket/Tcp.java",
                    "String err = tryConnect(host, service);\n            kind = Kind.CLIENT;",
                    "String err = tryConnect(host, service);\n            if (err == null) { kind = Kind.CLIENT; }"),
                Set.of("state"), Set.of("L74")),
            new Fault("stat-not-counted", "send does not add to the sent statistic", null,
                new Fault.Patch(SPI + "luasocket/Tcp.java", "sent += done;", ""),
                Set.of("state"), Set.of("L110")),
            new Fault("wrong-error-text", "mtcp error texts have one space before the errno, not two", null,
                new Fault.Patch(SPI + "internal/ErrorTexts.java",
                    "return call + \" error: \" + returnValue + \"  \" + errno;",
                    "return call + \" error: \" + returnValue + \" \" + errno;"),
                Set.of("mtcp"), Set.of("M16")),
            // ---- I/O layer (a wrapper transport around the real one) ----
            new Fault("send-return-off-by-one", "write reports one byte more than it wrote",
                t -> new ForwardingTransport(t) {
                    @Override
                    public int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
                        int n = real.write(fd, src, off, len, waitNanos);
                        return n > 0 ? n + 1 : n;
                    }
                }, null, Set.of("send"), Set.of("L81", "L82")),
            new Fault("v6only-default-wrong", "IPV6_V6ONLY is silently left off (dual-stack IPv6 sockets)",
                t -> new ForwardingTransport(t) {
                    @Override
                    public void setOption(int fd, SocketOption option, Object value) throws ErrnoException {
                        if (option != SocketOption.IPV6_V6ONLY) {
                            real.setOption(fd, option, value);
                        }
                    }
                }, null, Set.of("state", "options"), Set.of("L61")),
            new Fault("leaked-descriptor", "close forgets to close the socket", t -> new ForwardingTransport(t) {
                    @Override
                    public void close(int fd) {
                        // The socket stays open (and its number taken) until the transport closes.
                    }
                }, null, Set.of("mtcp"), Set.of("M16", "M41")),
            new Fault("wrong-errno", "a refused connect reports EHOSTUNREACH (113)", t -> new ForwardingTransport(t) {
                    @Override
                    public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
                        try {
                            return real.connect(fd, remote, waitNanos);
                        } catch (ErrnoException e) {
                            throw e.errno() == Errno.ECONNREFUSED ? new ErrnoException(Errno.EHOSTUNREACH) : e;
                        }
                    }

                    @Override
                    public Object getOption(int fd, SocketOption option) throws ErrnoException {
                        Object v = real.getOption(fd, option);
                        return option == SocketOption.ERROR && Integer.valueOf(Errno.ECONNREFUSED).equals(v)
                                ? Errno.EHOSTUNREACH : v;
                    }
                }, null, Set.of("mtcp", "state", "timeouts"), Set.of("M16", "L74")),
            new Fault("connect-completion-missed",
                "a connect finished in the background is reported as still in progress (EALREADY)",
                Faults::connectCompletionMissed, null, Set.of("timeouts", "state"), Set.of("L76")));
    }

    /** After a connect that returned TIMEOUT, the transport never reports the socket connected. */
    private static Transport connectCompletionMissed(Transport t) {
        Set<Integer> pending = ConcurrentHashMap.newKeySet();
        return new ForwardingTransport(t) {
            @Override
            public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
                int r = real.connect(fd, remote, waitNanos);
                if (r == Transport.TIMEOUT) {
                    pending.add(fd);
                } else if (pending.remove(fd)) {
                    throw new ErrnoException(Errno.EALREADY);
                }
                return r;
            }

            @Override
            public void close(int fd) throws ErrnoException {
                pending.remove(fd);
                real.close(fd);
            }
        };
    }

    static Fault named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault " + name));
    }

    static Set<String> expectedUnion() {
        Set<String> all = new HashSet<>();
        all().forEach(f -> all.addAll(f.expected()));
        return all;
    }
}
