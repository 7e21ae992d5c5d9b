package org.mtcp.spi;

/** What {@code getnameinfo} gives for a raw address: the host text and the port. */
public record NameInfo(String host, int port) {
}
