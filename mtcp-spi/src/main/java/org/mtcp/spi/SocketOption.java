package org.mtcp.spi;

/**
 * The socket options LuaSocket names, with the Java type of their values: {@link Boolean},
 * {@link Integer}, {@link Linger} or {@link String}. Whether a transport supports one is in
 * {@link Transport#options()}; an unsupported one fails with {@code ENOPROTOOPT}.
 */
public enum SocketOption {
    KEEPALIVE("keepalive", Boolean.class, true),
    REUSEADDR("reuseaddr", Boolean.class, true),
    REUSEPORT("reuseport", Boolean.class, true),
    TCP_NODELAY("tcp-nodelay", Boolean.class, true),
    LINGER("linger", Linger.class, true),
    /** Set-only in LuaSocket: {@code getoption} raises "unsupported option". */
    IPV6_V6ONLY("ipv6-v6only", Boolean.class, false),
    TCP_KEEPIDLE("tcp-keepidle", Integer.class, true),
    TCP_KEEPCNT("tcp-keepcnt", Integer.class, true),
    TCP_KEEPINTVL("tcp-keepintvl", Integer.class, true),
    RECV_BUFFER_SIZE("recv-buffer-size", Integer.class, true),
    SEND_BUFFER_SIZE("send-buffer-size", Integer.class, true),
    TCP_DEFER_ACCEPT("tcp-defer-accept", Integer.class, false),
    TCP_FASTOPEN("tcp-fastopen", Integer.class, false),
    TCP_FASTOPEN_CONNECT("tcp-fastopen-connect", Integer.class, false),
    BINDTODEVICE("bindtodevice", String.class, true),
    /** Get-only: the pending socket error ({@code SO_ERROR}) as an errno {@link Integer}, 0 for none; reading clears it. */
    ERROR("error", Integer.class, true);

    private final String luaName;
    private final Class<?> type;
    private final boolean gettable;

    SocketOption(String luaName, Class<?> type, boolean gettable) {
        this.luaName = luaName;
        this.type = type;
        this.gettable = gettable;
    }

    /** The name LuaSocket uses, e.g. {@code "tcp-nodelay"}. */
    public String luaName() {
        return luaName;
    }

    /** The Java type of this option's value. */
    public Class<?> type() {
        return type;
    }

    /** Whether LuaSocket's {@code getoption} accepts this name. */
    public boolean gettable() {
        return gettable;
    }

    /** Whether LuaSocket's {@code setoption} accepts this name. */
    public boolean settable() {
        return this != ERROR;
    }

    /** The option with this LuaSocket name, or {@code null}. */
    public static SocketOption ofLuaName(String name) {
        for (SocketOption o : values()) {
            if (o.luaName.equals(name)) {
                return o;
            }
        }
        return null;
    }
}
