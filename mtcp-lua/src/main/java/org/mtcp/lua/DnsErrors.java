package org.mtcp.lua;

import org.mtcp.spi.Errno;
import org.mtcp.spi.GaiException;

/** LuaSocket's {@code socket_gaistrerror}: its own lower-case texts for the common resolver codes. */
final class DnsErrors {
    private DnsErrors() {
    }

    static String luaSocket(GaiException e) {
        switch (e.code()) {
            case GaiException.EAI_AGAIN: return "temporary failure in name resolution";
            case GaiException.EAI_BADFLAGS: return "invalid value for ai_flags";
            case GaiException.EAI_FAIL: return "non-recoverable failure in name resolution";
            case GaiException.EAI_FAMILY: return "ai_family not supported";
            case GaiException.EAI_MEMORY: return "memory allocation failure";
            case GaiException.EAI_NONAME: return "host or service not provided, or not known";
            case GaiException.EAI_OVERFLOW: return "argument buffer overflow";
            case GaiException.EAI_SERVICE: return "service not supported for socket type";
            case GaiException.EAI_SOCKTYPE: return "ai_socktype not supported";
            case GaiException.EAI_SYSTEM: return Errno.strerror(e.errno());
            default: return GaiException.gaiStrerror(e.code());
        }
    }
}
