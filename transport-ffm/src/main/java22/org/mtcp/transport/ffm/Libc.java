package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions this transport calls, linked once. Every handle captures {@code errno} in the call
 * itself ({@code captureCallState}), so it is read from {@link Scratch#errno()} and never afterwards
 * from the C library. {@code recv}/{@code send} are linked "critical" (heap arrays passed directly):
 * they are always called with {@code MSG_DONTWAIT} and never block. Everything that can wait
 * ({@code ppoll}, {@code accept4}, {@code connect}, {@code close} with a linger, the resolver,
 * {@code nanosleep}, and {@link #recvWait}/{@link #sendWait}, which take native memory) is an ordinary
 * downcall, so a thread blocked in it does not hold off the GC.
 *
 * <p>Loading this class fails (ExceptionInInitializerError) when libc or native access is missing; the
 * provider catches that and reports it.
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    /** Size of the call-state segment every call takes first. */
    static final long CAPTURE_SIZE = Linker.Option.captureStateLayout().byteSize();
    /** Where errno sits in that segment. */
    static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = link("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = link("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LISTEN = link("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle ACCEPT4 = link("accept4", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle CONNECT = link("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle PPOLL = link("ppoll", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle RECV = linkCritical("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND = linkCritical("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV_WAIT = link("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SEND_WAIT = link("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle READ = link("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle WRITE = link("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle SHUTDOWN = link("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = link("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = link("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETPEERNAME = link("getpeername", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSOCKOPT =
            link("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            link("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle FCNTL = LINKER.downcallHandle(find("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EVENTFD = link("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle NANOSLEEP = link("nanosleep", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETADDRINFO =
            link("getaddrinfo", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle FREEADDRINFO = LINKER.downcallHandle(find("freeaddrinfo"),
            FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle GETNAMEINFO = link("getnameinfo", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS,
            JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);

    private Libc() {
    }

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static MethodHandle link(String name, MemoryLayout result,
            MemoryLayout... args) {
        return LINKER.downcallHandle(find(name), FunctionDescriptor.of(result, args), ERRNO);
    }

    private static MethodHandle linkCritical(String name, MemoryLayout result,
            MemoryLayout... args) {
        return LINKER.downcallHandle(find(name), FunctionDescriptor.of(result, args), ERRNO,
                Linker.Option.critical(true));
    }

    /** A downcall threw: nothing in libc throws, so this is a JVM-level failure; pass it on unchecked. */
    private static RuntimeException fail(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("libc downcall failed", t);
    }

    static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs, domain, type, protocol);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int bind(MemorySegment cs, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int listen(MemorySegment cs, int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(cs, fd, backlog);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int accept4(MemorySegment cs, int fd, MemorySegment addr, MemorySegment len, int flags) {
        try {
            return (int) ACCEPT4.invokeExact(cs, fd, addr, len, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int connect(MemorySegment cs, int fd, MemorySegment addr, int len) {
        try {
            return (int) CONNECT.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int ppoll(MemorySegment cs, MemorySegment fds, long nfds, MemorySegment timeout, MemorySegment sigmask) {
        try {
            return (int) PPOLL.invokeExact(cs, fds, nfds, timeout, sigmask);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static long recv(MemorySegment cs, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECV.invokeExact(cs, fd, buf, len, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static long send(MemorySegment cs, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) SEND.invokeExact(cs, fd, buf, len, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    /** recv that may block: native memory only. */
    static long recvWait(MemorySegment cs, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECV_WAIT.invokeExact(cs, fd, buf, len, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    /** send that may block: native memory only. */
    static long sendWait(MemorySegment cs, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) SEND_WAIT.invokeExact(cs, fd, buf, len, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static long read(MemorySegment cs, int fd, MemorySegment buf, long len) {
        try {
            return (long) READ.invokeExact(cs, fd, buf, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static long write(MemorySegment cs, int fd, MemorySegment buf, long len) {
        try {
            return (long) WRITE.invokeExact(cs, fd, buf, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int shutdown(MemorySegment cs, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(cs, fd, how);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int close(MemorySegment cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs, fd);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int getsockname(MemorySegment cs, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETSOCKNAME.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int getpeername(MemorySegment cs, int fd, MemorySegment addr, MemorySegment len) {
        try {
            return (int) GETPEERNAME.invokeExact(cs, fd, addr, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int setsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int getsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int fcntl(MemorySegment cs, int fd, int cmd, int arg) {
        try {
            return (int) FCNTL.invokeExact(cs, fd, cmd, arg);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int eventfd(MemorySegment cs, int initval, int flags) {
        try {
            return (int) EVENTFD.invokeExact(cs, initval, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int nanosleep(MemorySegment cs, MemorySegment request, MemorySegment remain) {
        try {
            return (int) NANOSLEEP.invokeExact(cs, request, remain);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int getaddrinfo(MemorySegment cs, MemorySegment node, MemorySegment service, MemorySegment hints,
            MemorySegment res) {
        try {
            return (int) GETADDRINFO.invokeExact(cs, node, service, hints, res);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static void freeaddrinfo(MemorySegment res) {
        try {
            FREEADDRINFO.invokeExact(res);
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    static int getnameinfo(MemorySegment cs, MemorySegment addr, int addrLen, MemorySegment host, int hostLen,
            MemorySegment serv, int servLen, int flags) {
        try {
            return (int) GETNAMEINFO.invokeExact(cs, addr, addrLen, host, hostLen, serv, servLen, flags);
        } catch (Throwable t) {
            throw fail(t);
        }
    }
}
