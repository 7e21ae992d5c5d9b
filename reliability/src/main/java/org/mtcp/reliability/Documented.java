package org.mtcp.reliability;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.mtcp.spi.Errno;
import org.mtcp.spi.GaiException;

/**
 * The failure texts the two contracts document (behaviour.md section c): a returned failure outside these
 * sets is a bug, whatever the input.
 */
final class Documented {
    private Documented() {
    }

    private static final Set<String> LUASOCKET = new HashSet<>();

    static {
        LUASOCKET.add("closed");
        LUASOCKET.add("timeout");
        LUASOCKET.add("address already in use");
        LUASOCKET.add("already connected");
        LUASOCKET.add("permission denied");
        LUASOCKET.add("connection refused");
        LUASOCKET.add("no info on address");
        LUASOCKET.add("setsockopt failed");
        LUASOCKET.add("getsockopt failed");
        LUASOCKET.add("temporary failure in name resolution");
        LUASOCKET.add("invalid value for ai_flags");
        LUASOCKET.add("non-recoverable failure in name resolution");
        LUASOCKET.add("ai_family not supported");
        LUASOCKET.add("memory allocation failure");
        LUASOCKET.add("host or service not provided, or not known");
        LUASOCKET.add("argument buffer overflow");
        LUASOCKET.add("service not supported for socket type");
        LUASOCKET.add("ai_socktype not supported");
        for (int e = 1; e < 200; e++) {
            LUASOCKET.add(Errno.strerror(e));
        }
        for (int c = -20; c <= 0; c++) {
            LUASOCKET.add(GaiException.gaiStrerror(c));
        }
    }

    private static final Pattern MTCP = Pattern.compile("getaddrinfo \\(.*\\) .+|(bind|connect) error: (0|-1)  \\d+"
            + "|(listen|read|write) error: -1  \\d+|(accept|close|getsockname|getpeername|nanosleep) error: \\d+"
            + "|poll timeout|(getaddrinfo|getnameinfo): -\\d+ .+", Pattern.DOTALL);

    /** Whether {@code msg} is a failure LuaSocket returns. */
    static boolean luaSocket(String msg) {
        return msg != null && LUASOCKET.contains(msg);
    }

    /** Whether {@code msg} is a failure mtcp returns. */
    static boolean mtcp(String msg) {
        return msg != null && MTCP.matcher(msg).matches();
    }

    private static final Pattern RAISED = Pattern.compile("bad argument #\\d+ to '[\\w.]+' \\(.+\\)"
            + "|calling '\\w+' on bad self \\(tcp\\{\\w+\\} expected\\)|select failed|write: idx \\(-?\\d+\\) too large",
            Pattern.DOTALL);

    /** Whether a raised LuaError's message has one of the documented forms. */
    static boolean raised(String msg) {
        return msg != null && RAISED.matcher(msg).matches();
    }
}
