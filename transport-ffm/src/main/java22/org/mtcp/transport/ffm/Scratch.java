package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's native scratch memory, allocated once and reused by every call the thread makes: the
 * errno capture area, a {@code sockaddr_storage}, lengths, option values, a {@code timespec}, two
 * {@code pollfd}s for single-descriptor waits, a growable {@code pollfd} array for {@code poll}, and
 * (when the thread first blocks in recv or send) a buffer for those.
 *
 * <p>Opening and closing an arena per call would cost more than most of these calls. The memory comes from
 * an automatic arena, so it is freed once the thread (and with it this object) is gone; it is never
 * touched by another thread.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    /** Largest {@code pollfd} array kept after a {@code poll} call; bigger ones are dropped again. */
    private static final int KEEP_POLLFDS = 1 << 16;

    /** Errno capture segment, first argument of every downcall. */
    final MemorySegment capture;
    /** A {@code sockaddr_storage} (128 bytes). */
    final MemorySegment addr;
    /** A {@code socklen_t} (in/out length). */
    final MemorySegment len;
    /** An option value (int, {@code struct linger} or an interface name). */
    final MemorySegment opt;
    /** A {@code struct timespec}. */
    final MemorySegment time;
    /** Two {@code pollfd}s: the socket and the waker. */
    final MemorySegment pair;
    /** An eventfd counter (8 bytes). */
    final MemorySegment word;

    /** Size of {@link #io()}: bigger than the reads and sends of the mtcp and LuaSocket layers. */
    static final int IO_SIZE = 16 * 1024;

    private MemorySegment pollfds;
    private MemorySegment io;
    private Sock[] held = new Sock[16];

    private Scratch() {
        Arena arena = Arena.ofAuto();
        long c = (Libc.CAPTURE_SIZE + 7) & ~7L;
        MemorySegment all = arena.allocate(c + 128 + 8 + 64 + 16 + 16 + 8, 8);
        long at = 0;
        capture = all.asSlice(at, c);
        at += c;
        addr = all.asSlice(at, Linux.SOCKADDR_STORAGE);
        at += Linux.SOCKADDR_STORAGE;
        len = all.asSlice(at, 8);
        at += 8;
        opt = all.asSlice(at, 64);
        at += 64;
        time = all.asSlice(at, 16);
        at += 16;
        pair = all.asSlice(at, 2L * Linux.POLLFD_SIZE);
        at += 2L * Linux.POLLFD_SIZE;
        word = all.asSlice(at, 8);
        pollfds = arena.allocate(64L * Linux.POLLFD_SIZE, 8);
    }

    /** The calling thread's scratch memory. */
    static Scratch get() {
        return LOCAL.get();
    }

    /** The errno the last downcall of this thread captured. */
    int errno() {
        return capture.get(JAVA_INT, Libc.ERRNO_OFFSET);
    }

    /** A {@code pollfd} array of at least {@code n} entries (contents undefined). */
    MemorySegment pollfds(int n) {
        long need = (long) n * Linux.POLLFD_SIZE;
        if (pollfds.byteSize() < need) {
            // Old arrays go with their automatic arena; a huge one is not kept for ever.
            MemorySegment grown = Arena.ofAuto().allocate(Math.max(need, pollfds.byteSize() * 2), 8);
            if (n > KEEP_POLLFDS) {
                return grown.asSlice(0, need);
            }
            pollfds = grown;
        }
        return pollfds.asSlice(0, need);
    }

    /** Native memory for a blocking recv or send ({@link #IO_SIZE} bytes), made on first use. */
    MemorySegment io() {
        MemorySegment m = io;
        if (m == null) {
            m = Arena.ofAuto().allocate(IO_SIZE, 8);
            io = m;
        }
        return m;
    }

    /** A reusable array of at least {@code n} socket slots, all null. */
    Sock[] held(int n) {
        if (held.length < n) {
            held = new Sock[Math.max(n, held.length * 2)];
        }
        return held;
    }

    /** Sets the {@code timespec} to a non-negative duration and returns it. */
    MemorySegment timespec(long nanos) {
        time.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        time.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        return time;
    }
}
