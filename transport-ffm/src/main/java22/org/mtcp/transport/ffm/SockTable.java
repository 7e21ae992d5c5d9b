package org.mtcp.transport.ffm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Descriptor number to {@link Sock}: an array indexed by the kernel's numbers (they are small and dense).
 * Lookups take no lock; changes are serialized.
 */
final class SockTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Sock[].class);

    private volatile Sock[] slots = new Sock[64];

    /** The socket recorded for a descriptor, or null. */
    Sock get(int fd) {
        Sock[] s = slots;
        return fd >= 0 && fd < s.length ? (Sock) SLOT.getAcquire(s, fd) : null;
    }

    /** Records a descriptor the kernel just handed out; anything recorded under that number is stale. */
    synchronized void put(Sock sock) {
        SLOT.setRelease(slotsFor(sock.fd), sock.fd, sock);
    }

    /** Records an adopted descriptor unless one is recorded already; returns the recorded one. */
    synchronized Sock putIfAbsent(Sock sock) {
        Sock[] s = slotsFor(sock.fd);
        Sock old = (Sock) SLOT.getAcquire(s, sock.fd);
        if (old != null) {
            return old;
        }
        SLOT.setRelease(s, sock.fd, sock);
        return sock;
    }

    /** Forgets a socket if its number still names it. */
    synchronized void remove(Sock sock) {
        Sock[] s = slots;
        if (sock.fd < s.length && (Sock) SLOT.getAcquire(s, sock.fd) == sock) {
            SLOT.setRelease(s, sock.fd, (Sock) null);
        }
    }

    /** Every recorded socket. */
    synchronized List<Sock> all() {
        List<Sock> out = new ArrayList<>();
        for (Sock k : slots) {
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    private Sock[] slotsFor(int fd) {
        Sock[] s = slots;
        if (fd >= s.length) {
            int n = s.length;
            while (n <= fd) {
                n = n > (1 << 29) ? Integer.MAX_VALUE - 8 : n * 2;
            }
            Sock[] grown = new Sock[n];
            System.arraycopy(s, 0, grown, 0, s.length);
            slots = grown;
            s = grown;
        }
        return s;
    }
}
