package org.mtcp.luasocket;

/**
 * What {@code getsockname}/{@code getpeername} return: the numeric IP text, the port (an integer), and
 * the object's family as LuaSocket names it ({@code "inet"}, {@code "inet6"}, {@code "unspec"}).
 */
public record SockName(String ip, int port, String family) {
}
