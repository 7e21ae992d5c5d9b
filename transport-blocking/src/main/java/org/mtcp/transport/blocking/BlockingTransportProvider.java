package org.mtcp.transport.blocking;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * The classic java.net transport ({@code "blocking"}, priority 10): every socket is a {@link Socket} or a
 * {@link java.net.ServerSocket}, and the non-blocking Linux primitives are emulated on top of java.net's
 * blocking calls. It runs wherever java.net does (Java 17+), needs no native access, and is the fallback
 * when neither FFM nor NIO is wanted. It is meant to be correct, not to scale: readiness is found by
 * peeking each socket in turn, so {@code poll} over many sockets costs about a millisecond per socket and
 * pass, and every blocking connect or write runs on its own pool thread.
 *
 * <h2>What is emulated, and how</h2>
 * <ul>
 *   <li><b>Socket life.</b> {@code socket()} gives an unconnected {@code Socket}; {@code bind} binds it
 *       without listening (so EADDRINUSE and {@code getsockname} are right at once). {@code listen} closes it
 *       and binds a {@code ServerSocket} to the same address (java.net binds and listens together; another
 *       process could take the port in between); an unbound socket listens on the family's wildcard with an
 *       ephemeral port. A failed connect closes a java.net socket; a new one is made with the same options
 *       and explicit local address, as the Linux socket stays usable.</li>
 *   <li><b>Waiting.</b> Reads and accepts use {@code SO_TIMEOUT}. As 0 means "forever" there, a zero wait
 *       becomes a 1 ms timed attempt (java.net first tries without waiting, so data, EOF or an error
 *       already there return at once; only "nothing yet" costs the millisecond). Hence
 *       {@link Capability#EXACT_ZERO_WAIT} is not declared. A zero-wait connect is exact: like Linux on
 *       loopback it always reports "in progress" ({@link Transport#TIMEOUT}).</li>
 *   <li><b>Connect.</b> A pool thread runs the blocking {@code Socket.connect} (a loopback destination is
 *       connected on the caller's thread, as it finishes or is refused at once; if it has not within
 *       {@value SocketHandle#LOOPBACK_CONNECT_MILLIS} ms, a full listen queue, a fresh socket tries on a
 *       pool thread); the call waits for it as
 *       long as its wait allows, later calls wait for the same connection, report 0 once and then EISCONN,
 *       or report its failure once (ECONNREFUSED, ...). {@code SO_ERROR} can take that failure instead, after
 *       which the next connect gives ECONNABORTED, as on Linux.</li>
 *   <li><b>Writes.</b> java.net writes block until everything is written, so each write hands one chunk (at
 *       most {@value SocketHandle#WRITE_CHUNK} bytes) to a pool thread and waits for it while its own wait
 *       lasts: errors (ECONNRESET, then EPIPE, as Linux orders them) come back from the call that caused
 *       them. When the wait runs out the chunk counts as accepted (like bytes queued in the kernel) and the
 *       socket stays unwritable until it is out; a write meanwhile returns {@link Transport#TIMEOUT}, and a
 *       later failure is reported by the next call. Closing lets a chunk in flight finish (the kernel would
 *       still send it) unless linger is 0 or the transport is closed.</li>
 *   <li><b>poll.</b> java.net has no readiness API. A connection is readable when a byte is waiting
 *       ({@code available()}), or a timed one-byte read finds data (kept as a pushback byte that
 *       {@code read} returns first), EOF or an error; a listener is readable when a timed accept finds a
 *       connection (queued for {@code accept}). Writable means connected with no chunk in flight, or
 *       connect finished. POLLERR/POLLHUP follow Linux's {@code tcp_poll}. A descriptor closed before or
 *       during the call is reported as POLLNVAL.</li>
 *   <li><b>Pending errors.</b> Linux's one-shot socket error is kept per socket: a reset seen by a peek is
 *       reported once, to the next read, write or {@code SO_ERROR}; reads then return EOF (java.net
 *       would repeat the reset). {@code getOption(ERROR)} on a connection peeks for 1 ms to learn of a
 *       reset.</li>
 *   <li><b>Just connected.</b> For 1 ms after a connect finishes, until a connect call confirms it, and
 *       while this transport accepts nothing, the socket's input counts as empty without a peek: the
 *       poll and {@code SO_ERROR} that follow a non-blocking connect (LuaSocket's connect) answer at
 *       once. Input that a peer outside this transport sends or a FIN or reset within that millisecond
 *       shows at the next poll or read instead (data already queued is still seen, through
 *       {@code available()}).</li>
 *   <li><b>IPV6_V6ONLY.</b> java.net cannot set it, and every java.net socket is dual-stack, IPv4 ones
 *       included. It is emulated, so {@link Capability#KERNEL_V6ONLY} is not declared: a v6only socket
 *       refuses a v4-mapped destination (ENETUNREACH) or local address (EINVAL); setting it once bound
 *       fails with EINVAL; a v6only listener resets IPv4 peers it accepts, and an IPv4 listener resets
 *       IPv6 peers (the client sees its connect succeed, then a reset, where Linux would refuse). Sockets
 *       of both families bound to the same port conflict (EADDRINUSE) even where Linux would allow an IPv4
 *       wildcard next to a v6only IPv6 one.</li>
 *   <li><b>shutdown(SHUT_RD)</b> is emulated: reads deliver what is already there, then EOF without waiting,
 *       as on Linux (java.net's {@code shutdownInput} would hide data). A read already blocked at that
 *       moment is not woken.</li>
 *   <li><b>Listener options.</b> Options a {@code ServerSocket} cannot hold (keepalive, nodelay, linger,
 *       send buffer) live on an unbound shadow socket and are applied to every accepted socket, as Linux
 *       clones them from the listener.</li>
 *   <li><b>Addresses</b> are rebuilt from java.net's, in the socket's family (v4-mapped for IPv6 sockets),
 *       so {@link Capability#KERNEL_ADDRESSES} is not declared; descriptors come from
 *       {@link org.mtcp.spi.DescriptorTable}. During a connect in progress, {@code getsockname} shows the
 *       explicit local address or the wildcard with port 0.</li>
 *   <li><b>Options.</b> keepalive, reuseaddr, reuseport (when the JDK has it), tcp-nodelay, linger,
 *       buffer sizes, tcp-keepidle/keepcnt/keepintvl ({@code jdk.net.ExtendedSocketOptions}), ipv6-v6only
 *       (emulated) and error. bindtodevice, tcp-defer-accept, tcp-fastopen and tcp-fastopen-connect have no
 *       java.net equivalent: ENOPROTOOPT.</li>
 * </ul>
 */
public final class BlockingTransportProvider implements TransportProvider {
    /** The provider's name. */
    public static final String NAME = "blocking";
    /** Below FFM (30) and NIO (20). */
    public static final int PRIORITY = 10;

    /** Never fails; the probes run on first use. */
    public BlockingTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> capabilities() {
        return Probe.CAPABILITIES;
    }

    @Override
    public Transport open() {
        return new BlockingTransport(Probe.CAPABILITIES, Probe.OPTIONS);
    }

    /** What this JVM can do, found once. */
    private static final class Probe {
        static final Set<Capability> CAPABILITIES = capabilities();
        static final Set<SocketOption> OPTIONS = options();

        private static Set<Capability> capabilities() {
            Set<Capability> c = EnumSet.of(Capability.POLL_ERROR_EVENTS);
            if (ipv6()) {
                c.add(Capability.IPV6);
            }
            return Collections.unmodifiableSet(c);
        }

        private static Set<SocketOption> options() {
            Set<SocketOption> o = EnumSet.noneOf(SocketOption.class);
            o.addAll(JavaOptions.SUPPORTED);
            o.add(SocketOption.ERROR);
            if (CAPABILITIES.contains(Capability.IPV6)) {
                o.add(SocketOption.IPV6_V6ONLY);
            }
            return Collections.unmodifiableSet(o);
        }

        /** Whether java.net can bind an IPv6 socket here (not with {@code java.net.preferIPv4Stack}). */
        private static boolean ipv6() {
            if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[16]), 0));
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
