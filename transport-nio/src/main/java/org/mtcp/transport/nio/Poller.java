package org.mtcp.transport.nio;

import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.spi.Transport.POLLOUT;

import org.mtcp.spi.DescriptorTable;
import org.mtcp.spi.ErrnoException;

/**
 * {@code poll(2)} over a {@link Slot}'s selector.
 *
 * <p>Each socket stays registered with the slot between calls, with the interest the last call asked
 * for; a call re-asserts the interest of every entry (free when unchanged) and drops the interest of
 * sockets the previous call named and this one does not. So polling the same 10,000 sockets again and
 * again makes no system call but the selection itself and allocates nothing: its cost is one pass over
 * the entries plus the ready ones.
 *
 * <p>What the socket's state already says (an unconnected or failed socket, a shut-down direction, a
 * reset seen by an earlier call, a closed descriptor) is reported without asking the kernel; the
 * selector supplies readability, writability, pending connections and finished connects.
 */
final class Poller {
    private Poller() {
    }

    /**
     * One poll call. The first round resolves each descriptor into {@code s.handles} (so every later
     * round, and the result, concern the sockets the descriptors named when the call started).
     */
    static int poll(DescriptorTable<NioSocket> table, Slot s, int[] fds, int[] events, int[] revents, int count,
            long waitNanos) throws ErrnoException {
        long deadline = Waits.deadline(waitNanos);
        long left = waitNanos;
        int n = round(table, fds, s, events, revents, count, left);
        for (;;) {
            if (n != 0 || waitNanos == 0) {
                return n;
            }
            // Woken without a ready entry (a signal, a close, a connect that finished without the
            // asked-for bits): look again with what is left of the wait.
            left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return 0;
            }
            n = round(null, fds, s, events, revents, count, left);
        }
    }

    /** One look at every entry and one selection; {@code table} is given on the first round only. */
    private static int round(DescriptorTable<NioSocket> table, int[] fds, Slot s, int[] events, int[] revents,
            int count, long nanos) throws ErrnoException {
        int gen = s.nextGen();
        int seen = s.changes();
        int[] next = s.next;
        NioSocket[] hs = s.handles;
        int ready = 0;
        int stillArmed = 0;
        for (int k = 0; k < count; k++) {
            revents[k] = 0;
            NioSocket h;
            if (table != null) {
                h = resolve(table, fds[k]);
                hs[k] = h;
            } else {
                h = hs[k];
            }
            if (h == null) {
                continue;
            }
            if (table != null && h.state() == SocketState.CONNECTING && (events[k] & POLLOUT) != 0
                    && h.advance() == SocketState.CONNECTED && (events[k] & POLLIN) == 0) {
                // A connect that has finished is writable, as a selection reporting OP_CONNECT would say
                // (see pollReady); looking first spares registering a socket that is ready anyway. With
                // POLLIN asked too, the selection below must say whether data or a FIN came already.
                revents[k] = h.pollSetup(events[k] & POLLOUT) & 0xff | POLLOUT;
                ready++;
                continue;
            }
            int setup = h.pollSetup(events[k] & (POLLIN | POLLOUT));
            int known = setup & 0xff;
            int ops = setup >>> 8;
            if (known != 0) {
                revents[k] = known;
                ready++;
                if (ops == 0) {
                    continue;
                }
            }
            // Registered even without interest, so that a close or shutdown of this socket wakes us.
            Reg r = h.reg(s);
            if (r == null) {
                if (revents[k] == 0) {
                    ready++;
                }
                revents[k] = POLLNVAL;
                continue;
            }
            if (r.gen != gen) {
                r.gen = gen;
                r.want = ops;
                r.first = k;
                r.interest(ops);
                if (s.arm(r, gen)) {
                    stillArmed++;
                }
            } else {
                r.want |= ops; // the same descriptor twice in one call
                r.interest(r.want);
                next[r.last] = k;
            }
            r.last = k;
            next[k] = -1;
        }
        s.disarmStale(gen, stillArmed);
        s.readyCount = 0;
        if (ready > 0 && s.armedCount == 0) {
            return ready; // all answered from state, none registered: nothing a selection could add
        }
        s.select(s.collector, ready > 0 ? 0 : nanos, seen);
        for (int i = 0; i < s.readyCount; i++) {
            Reg r = s.ready[i];
            s.ready[i] = null;
            for (int k = r.first; k >= 0; k = next[k]) {
                int bits = hs[k].pollReady(r.readyOps, events[k] & (POLLIN | POLLOUT));
                if (bits != 0) {
                    if (revents[k] == 0) {
                        ready++;
                    }
                    revents[k] |= bits;
                }
            }
        }
        s.readyCount = 0;
        return ready;
    }

    private static NioSocket resolve(DescriptorTable<NioSocket> table, int fd) {
        if (fd < 0) {
            return null;
        }
        try {
            return table.get(fd);
        } catch (ErrnoException notOpen) {
            return NioSocket.INVALID;
        }
    }
}
