package org.mtcp.spi;

/** The value of {@link SocketOption#LINGER}: LuaSocket's {@code {on=boolean, timeout=number}}. */
public record Linger(boolean on, int timeout) {
}
