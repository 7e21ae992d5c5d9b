package org.mtcp.internal;

import org.mtcp.LuaError;

/**
 * mtcp's {@code write(fd, s, idx, n)} index rules (behaviour.md a and f.6). {@code idx} must lie in
 * 1..#s, otherwise it raises {@code write: idx (N) too large} (so does an empty string, and idx 0 or
 * negative, as C's unsigned comparison makes them). {@code n = 0} means the rest of the string, and so
 * does an {@code n} whose end {@code idx+n−1} is past the string or negative. Any other negative
 * {@code n} is the C code's huge length: the write fails with EFAULT and sends nothing.
 *
 * @param offset the 0-based offset of the first byte
 * @param count the bytes to write, or -1 for the EFAULT case
 */
public record WriteRange(int offset, long count) {

    /** Applies the rules to a string of {@code length} bytes. @throws LuaError for a bad idx */
    public static WriteRange of(int length, long idx, long n) {
        if (idx < 1 || idx > length) {
            throw new LuaError("write: idx (" + idx + ") too large");
        }
        if (n == 0) {
            n = length;
        }
        long end = idx + n - 1;
        if (end < 0 || end > length) {
            n = length - idx + 1;
        }
        return new WriteRange((int) (idx - 1), n < 0 ? -1 : n);
    }

    /** Whether the C code would hand the kernel a bad length (EFAULT). */
    public boolean isFault() {
        return count < 0;
    }
}
