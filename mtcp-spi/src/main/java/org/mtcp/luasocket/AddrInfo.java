package org.mtcp.luasocket;

/** One entry of {@code socket.dns.getaddrinfo}: the family ({@code "inet"} or {@code "inet6"}) and the numeric address. */
public record AddrInfo(String family, String addr) {
}
