package org.mtcp.luasocket;

/**
 * What {@code client:getstats()} returns: bytes handed to the caller by receive, bytes the kernel
 * accepted from send, and the object's age in seconds.
 */
public record Stats(long received, long sent, double age) {
}
