package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;

/**
 * glibc's {@code getaddrinfo}/{@code getnameinfo}. Strings go to C as UTF-8 and end at their first NUL,
 * as a C caller's would. What glibc returns is read defensively: lengths are bounded and the list walk
 * is capped, so a surprising answer cannot make us read outside what was allocated.
 */
final class Resolver {
    /** More entries than any resolver returns; guards against a cyclic list. */
    private static final int MAX_ENTRIES = 4096;

    private Resolver() {
    }

    static List<SockAddr> getaddrinfo(String host, String service, Family family, boolean passive)
            throws GaiException {
        int af = switch (family) {
            case UNSPEC -> Linux.AF_UNSPEC;
            case INET -> Linux.AF_INET;
            case INET6 -> Linux.AF_INET6;
        };
        Scratch s = Scratch.get();
        List<SockAddr> out = new ArrayList<>(4);
        // A confined arena per lookup: cheap next to a resolver call, and freed when it returns.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment node = host == null ? MemorySegment.NULL : arena.allocateFrom(host);
            // No service means port 0; glibc rejects a null host together with a null service.
            MemorySegment serv = arena.allocateFrom(service == null ? "0" : service);
            MemorySegment hints = arena.allocate(Linux.AI_SIZE, 8);
            hints.set(JAVA_INT, Linux.AI_FLAGS, passive ? Linux.AI_PASSIVE : 0);
            hints.set(JAVA_INT, Linux.AI_FAMILY, af);
            hints.set(JAVA_INT, Linux.AI_SOCKTYPE, Linux.SOCK_STREAM);
            MemorySegment res = arena.allocate(ADDRESS);
            int rc = Libc.getaddrinfo(s.capture, node, serv, hints, res);
            if (rc != 0) {
                throw new GaiException(rc, rc == GaiException.EAI_SYSTEM ? s.errno() : 0);
            }
            MemorySegment head = res.get(ADDRESS, 0);
            try {
                MemorySegment ai = head;
                for (int i = 0; i < MAX_ENTRIES && !ai.equals(MemorySegment.NULL); i++) {
                    MemorySegment entry = ai.reinterpret(Linux.AI_SIZE);
                    int len = entry.get(JAVA_INT, Linux.AI_ADDRLEN);
                    MemorySegment sa = entry.get(ADDRESS, Linux.AI_ADDR);
                    if (!sa.equals(MemorySegment.NULL) && len >= 2 && len <= Linux.SOCKADDR_STORAGE) {
                        byte[] raw = sa.reinterpret(len).toArray(JAVA_BYTE);
                        try {
                            out.add(SockAddr.parse(raw));
                        } catch (IllegalArgumentException notIp) {
                            // Not an IPv4/IPv6 address: not ours to return.
                        }
                    }
                    ai = entry.get(ADDRESS, Linux.AI_NEXT);
                }
            } finally {
                Libc.freeaddrinfo(head);
            }
        }
        if (out.isEmpty()) {
            throw new GaiException(GaiException.EAI_NONAME);
        }
        return out;
    }

    static NameInfo getnameinfo(SockAddr address, boolean numericHost) throws GaiException {
        byte[] raw = address.raw();
        Scratch s = Scratch.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(Linux.SOCKADDR_STORAGE, 8);
            MemorySegment.copy(raw, 0, sa, JAVA_BYTE, 0, raw.length);
            MemorySegment host = arena.allocate(Linux.NI_MAXHOST);
            MemorySegment serv = arena.allocate(Linux.NI_MAXSERV);
            int flags = Linux.NI_NUMERICSERV | (numericHost ? Linux.NI_NUMERICHOST : 0);
            int rc = Libc.getnameinfo(s.capture, sa, raw.length, host, (int) host.byteSize(), serv,
                    (int) serv.byteSize(), flags);
            if (rc != 0) {
                throw new GaiException(rc, rc == GaiException.EAI_SYSTEM ? s.errno() : 0);
            }
            // Keep a terminator inside the buffers whatever glibc wrote.
            host.set(JAVA_BYTE, host.byteSize() - 1, (byte) 0);
            serv.set(JAVA_BYTE, serv.byteSize() - 1, (byte) 0);
            int port;
            try {
                port = Integer.parseInt(serv.getString(0));
            } catch (NumberFormatException e) {
                port = address.port();
            }
            return new NameInfo(host.getString(0), port);
        }
    }
}
