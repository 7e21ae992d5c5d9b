package org.mtcp.internal;

import java.util.Arrays;

/** A growable byte array for building results; unsynchronised, unlike ByteArrayOutputStream. */
public final class ByteSink {
    private byte[] bytes;
    private int size;

    /** A sink with room for {@code capacity} bytes before it grows. */
    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code len} bytes from {@code src} at {@code off}. */
    public void append(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }

    /** Appends one byte. */
    public void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        long need = (long) size + more;
        if (need > bytes.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("result larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * bytes.length)));
        }
    }

    /** How many bytes were appended. */
    public int size() {
        return size;
    }

    /** The bytes appended so far (a copy of exactly that length). */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
