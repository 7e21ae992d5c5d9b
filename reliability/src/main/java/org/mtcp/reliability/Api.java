package org.mtcp.reliability;

/** The two contracts a connection end can use. */
public enum Api {
    /** LuaSocket TCP objects ({@code org.mtcp.luasocket}). */
    LUASOCKET,
    /** Phil Leblanc's fd functions ({@code org.mtcp.mtcp}). */
    MTCP;

    /** The other API. */
    public Api other() {
        return this == LUASOCKET ? MTCP : LUASOCKET;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
