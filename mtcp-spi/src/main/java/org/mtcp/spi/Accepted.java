package org.mtcp.spi;

/**
 * What {@link Transport#acceptWithAddress} returns: the accepted descriptor (or {@link Transport#TIMEOUT})
 * and the peer's address as the kernel reported it when the connection was accepted.
 *
 * @param fd the new descriptor, or {@link Transport#TIMEOUT}
 * @param peer the peer's address; null on a timeout, or when the transport could not learn it (the peer
 *        already went away and the transport has no accept-time address)
 */
public record Accepted(int fd, SockAddr peer) {
}
