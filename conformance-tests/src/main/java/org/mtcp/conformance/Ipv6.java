package org.mtcp.conformance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether this machine has a working IPv6 loopback (checked once with plain java.net). */
final class Ipv6 {
    private static volatile Boolean works;

    private Ipv6() {
    }

    static boolean loopbackWorks() {
        Boolean w = works;
        if (w == null) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                w = true;
            } catch (Exception e) {
                w = false;
            }
            works = w;
        }
        return w;
    }
}
