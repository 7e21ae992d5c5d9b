package org.mtcp.mtcp;

/** What mtcp's getnameinfo returns: a host name or IP text, and the port as an integer. */
public record HostPort(String host, int port) {
}
