package org.mtcp.transport.nio;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/**
 * One socket's registration with one {@link Slot}'s selector. It stays registered for the life of the
 * socket's channel, so a socket polled again and again costs no {@code epoll_ctl} and no allocation;
 * only a change of interest does. The poll fields are used only by the thread that holds the slot.
 */
final class Reg {
    final Slot slot;
    final SelectionKey key;
    final NioSocket socket;

    /** Our copy of the key's interest set, so unchanged interest costs nothing to re-assert. */
    private int interest;

    /** The poll round that last saw this registration (see {@link Slot}). */
    int gen;
    /** The poll round that last armed it: left with interest for the next call on this slot. */
    int armedIn;
    /** Interest wanted in the current poll round (the union over duplicate entries). */
    int want;
    /** First and last index of this socket's entries in the current poll call (linked through the slot's chain). */
    int first;
    int last;
    /** Ready operations the last selection reported. */
    int readyOps;

    Reg(Slot slot, SelectionKey key, NioSocket socket) {
        this.slot = slot;
        this.key = key;
        this.socket = socket;
    }

    /** Sets the interest set, if it changed and the key is still valid. */
    void interest(int ops) {
        if (ops != interest) {
            try {
                key.interestOps(ops);
                interest = ops;
            } catch (CancelledKeyException closedMeanwhile) {
                // The socket was closed or changed channel; the registration is dead.
            }
        }
    }
}
