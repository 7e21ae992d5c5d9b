package org.mtcp.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few shared 64 KiB arrays for reads whose result size is known only afterwards: the read lands in
 * one of these, and the result is an exact copy of what arrived. A fresh array for every read would be
 * zeroed first and then filled; a copy into a new array is not zeroed, and a short read leaves no
 * oversized array behind. At most {@link #SLOTS} arrays are kept, so idle threads hold nothing; a thread
 * that finds every slot taken uses a new array.
 */
public final class RunBuffers {
    /** Bytes in each array. */
    public static final int SIZE = 64 * 1024;
    private static final int SLOTS = 4;
    private static final AtomicReferenceArray<byte[]> FREE = new AtomicReferenceArray<>(SLOTS);

    private RunBuffers() {
    }

    /** An array of {@link #SIZE} bytes, owned by the caller until {@link #give}. Its contents are stale. */
    public static byte[] take() {
        for (int i = 0; i < SLOTS; i++) {
            byte[] b = FREE.getPlain(i);
            if (b != null && FREE.compareAndSet(i, b, null)) {
                return b;
            }
        }
        return new byte[SIZE];
    }

    /** Returns an array from {@link #take}; the caller must not use it afterwards. */
    public static void give(byte[] b) {
        for (int i = 0; i < SLOTS; i++) {
            if (FREE.getPlain(i) == null && FREE.compareAndSet(i, null, b)) {
                return;
            }
        }
    }
}
