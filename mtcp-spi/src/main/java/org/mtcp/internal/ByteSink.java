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

    /**
     * Room for {@code more} bytes: the backing array, to be written from index {@link #size()}; then
     * {@link #commit} says how many were written. Lets a read go straight into the result.
     */
    public byte[] reserve(int more) {
        ensure(more);
        return bytes;
    }

    /** Counts {@code n} bytes written after {@link #reserve}. */
    public void commit(int n) {
        if (n < 0 || (long) size + n > bytes.length) {
            throw new IllegalArgumentException("commit " + n + " with " + (bytes.length - size) + " reserved");
        }
        size += n;
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

    /**
     * The bytes appended so far, exactly that long: the backing array itself when it is full (the sink
     * must not be used afterwards), else a copy.
     */
    public byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
