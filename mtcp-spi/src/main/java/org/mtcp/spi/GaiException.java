package org.mtcp.spi;

import java.io.IOException;

/**
 * A failed name resolution, as glibc's {@code getaddrinfo}/{@code getnameinfo} return code (negative,
 * e.g. {@link #EAI_NONAME} = -2). The message is glibc's {@code gai_strerror} text. For
 * {@link #EAI_SYSTEM} the errno is kept too.
 */
public final class GaiException extends IOException {
    private static final long serialVersionUID = 1L;

    public static final int EAI_BADFLAGS = -1;
    public static final int EAI_NONAME = -2;
    public static final int EAI_AGAIN = -3;
    public static final int EAI_FAIL = -4;
    public static final int EAI_FAMILY = -6;
    public static final int EAI_SOCKTYPE = -7;
    public static final int EAI_SERVICE = -8;
    public static final int EAI_MEMORY = -10;
    public static final int EAI_SYSTEM = -11;
    public static final int EAI_OVERFLOW = -12;
    public static final int EAI_NODATA = -5;
    public static final int EAI_ADDRFAMILY = -9;

    private final int code;
    private final int errno;

    /** A resolver failure with this glibc code. */
    public GaiException(int code) {
        this(code, 0);
    }

    /** A resolver failure; {@code errno} matters only for {@link #EAI_SYSTEM}. */
    public GaiException(int code, int errno) {
        super(code == EAI_SYSTEM ? Errno.strerror(errno) : gaiStrerror(code));
        this.code = code;
        this.errno = errno;
    }

    /** glibc's (negative) resolver code. */
    public int code() {
        return code;
    }

    /** The errno behind {@link #EAI_SYSTEM}, else 0. */
    public int errno() {
        return errno;
    }

    /** glibc's {@code gai_strerror} text for a code. */
    public static String gaiStrerror(int code) {
        switch (code) {
            case 0: return "Success";
            case EAI_BADFLAGS: return "Bad value for ai_flags";
            case EAI_NONAME: return "Name or service not known";
            case EAI_AGAIN: return "Temporary failure in name resolution";
            case EAI_FAIL: return "Non-recoverable failure in name resolution";
            case EAI_NODATA: return "No address associated with hostname";
            case EAI_FAMILY: return "ai_family not supported";
            case EAI_SOCKTYPE: return "ai_socktype not supported";
            case EAI_SERVICE: return "Servname not supported for ai_socktype";
            case EAI_ADDRFAMILY: return "Address family for hostname not supported";
            case EAI_MEMORY: return "Memory allocation failure";
            case EAI_SYSTEM: return "System error";
            case EAI_OVERFLOW: return "Result too large for supplied buffer";
            default: return "Unknown error";
        }
    }
}
