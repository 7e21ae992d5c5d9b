package org.mtcp.conformance;

import static org.mtcp.conformance.Fixture.ok;

/**
 * An mtcp connection over loopback, both ends on the transport under test: the listening fd, the client
 * fd and the accepted fd, all closed by the fixture.
 */
record MtcpConnection(int server, int client, int accepted) {

    /** bind + connect + accept on {@code host} ("127.0.0.1" or "::1"). */
    static MtcpConnection open(Fixture f, String host) {
        int server = f.mtcpServer(host);
        int client = f.mtcpConnect(host, f.mtcpPort(server));
        int accepted = f.trackFd(ok(f.mtcp.accept(server)).fd());
        return new MtcpConnection(server, client, accepted);
    }

    /** {@link #open(Fixture, String)} on 127.0.0.1. */
    static MtcpConnection open(Fixture f) {
        return open(f, "127.0.0.1");
    }
}
