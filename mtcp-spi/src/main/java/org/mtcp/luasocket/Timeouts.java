package org.mtcp.luasocket;

/** What {@code gettimeout()} returns: the block and total limits in seconds, as set (negative: none). */
public record Timeouts(double block, double total) {
}
