package org.mtcp.transport.nio;

import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.spi.Transport.POLLOUT;

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
     * One poll call; {@code hs[k]} must already hold the handle of {@code fds[k]} ({@link NioSocket#INVALID}
     * for a descriptor that is not open, null for a negative one).
     */
    static int poll(Slot s, NioSocket[] hs, int[] events, int[] revents, int count, long waitNanos)
            throws ErrnoException {
        long deadline = Waits.deadline(waitNanos);
        long left = waitNanos;
        for (;;) {
            int n = round(s, hs, events, revents, count, left);
            if (n != 0 || waitNanos == 0) {
                return n;
            }
            // Woken without a ready entry (a signal, a close, a connect that finished without the
            // asked-for bits): look again with what is left of the wait.
            left = Waits.remaining(waitNanos, deadline);
            if (left == 0) {
                return 0;
            }
        }
    }

    private static int round(Slot s, NioSocket[] hs, int[] events, int[] revents, int count, long nanos)
            throws ErrnoException {
        int gen = s.nextGen();
        int seen = s.changes();
        int[] next = s.next;
        int ready = 0;
        for (int k = 0; k < count; k++) {
            revents[k] = 0;
            NioSocket h = hs[k];
            if (h == null) {
                continue;
            }
            int setup = h.pollSetup(events[k] & (POLLIN | POLLOUT));
            int known = setup & 0xff;
            int ops = setup >>> 8;
            if (known != 0) {
                revents[k] = known;
                ready++;
                if ((known & POLLNVAL) != 0) {
                    continue;
                }
            }
            if (ops == 0 && known != 0) {
                continue;
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
                s.addCur(r);
            } else {
                r.want |= ops; // the same descriptor twice in one call
                next[r.last] = k;
            }
            r.last = k;
            next[k] = -1;
        }
        s.applyInterests(gen);
        s.readyCount = 0;
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
}
