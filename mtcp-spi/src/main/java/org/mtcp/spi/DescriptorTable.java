package org.mtcp.spi;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Descriptor numbers for transports that have no kernel descriptors to show (java.net, NIO): like the
 * kernel, it hands out the lowest free number, starting at 3. Lookups take no lock.
 *
 * @param <H> the transport's per-socket handle
 */
public final class DescriptorTable<H> {
    /** The first number handed out, as 0..2 are stdin, stdout and stderr. */
    public static final int FIRST = 3;

    private final int limit;
    private final BitSet used = new BitSet();
    private volatile AtomicReferenceArray<H> slots = new AtomicReferenceArray<>(64);
    private int count;

    /** A table that refuses more than {@code limit} open descriptors with EMFILE. */
    public DescriptorTable(int limit) {
        this.limit = limit;
    }

    /** Registers a handle under the lowest free number; EMFILE when the table is full. */
    public synchronized int add(H handle) throws ErrnoException {
        if (count >= limit) {
            throw new ErrnoException(Errno.EMFILE);
        }
        int fd = used.nextClearBit(FIRST);
        AtomicReferenceArray<H> s = slots;
        if (fd >= s.length()) {
            AtomicReferenceArray<H> grown = new AtomicReferenceArray<>(Math.max(fd + 1, s.length() * 2));
            for (int i = 0; i < s.length(); i++) {
                grown.set(i, s.get(i));
            }
            slots = grown;
            s = grown;
        }
        s.set(fd, handle);
        used.set(fd);
        count++;
        return fd;
    }

    /** The handle for a descriptor; EBADF when it is not open. */
    public H get(int fd) throws ErrnoException {
        AtomicReferenceArray<H> s = slots;
        H h = fd >= 0 && fd < s.length() ? s.get(fd) : null;
        if (h == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        return h;
    }

    /** Removes and returns a descriptor's handle; EBADF when it is not open. */
    public synchronized H remove(int fd) throws ErrnoException {
        H h = get(fd);
        slots.set(fd, null);
        used.clear(fd);
        count--;
        return h;
    }

    /** Removes every handle and returns them, for closing the whole transport. */
    public synchronized List<H> removeAll() {
        List<H> all = new ArrayList<>(count);
        AtomicReferenceArray<H> s = slots;
        for (int i = 0; i < s.length(); i++) {
            H h = s.getAndSet(i, null);
            if (h != null) {
                all.add(h);
            }
        }
        used.clear();
        count = 0;
        return all;
    }

    /** How many descriptors are open. */
    public synchronized int size() {
        return count;
    }
}
