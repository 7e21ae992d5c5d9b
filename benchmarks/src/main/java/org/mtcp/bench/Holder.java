package org.mtcp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The far ends of the select workload's idle connections, in a process of their own (a process may
 * open at most {@code ulimit -n} descriptors, and 10,000 connections with both ends in one process
 * would need 20,000). Prints its port, accepts and keeps every connection, writes one byte on the
 * first so that exactly one is readable, and exits when its standard input closes.
 */
public final class Holder {
    private Holder() {
    }

    /** Entry point; no arguments. */
    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        System.out.println(server.getLocalPort());
        System.out.flush();
        Thread acceptor = new Thread(() -> {
            List<Socket> kept = new ArrayList<>();
            try {
                while (true) {
                    Socket s = server.accept();
                    if (kept.isEmpty()) {
                        s.getOutputStream().write('!');
                    }
                    kept.add(s);
                }
            } catch (IOException closed) {
                // the process is ending
            }
        }, "holder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the parent to close our stdin (or die)
        }
        System.exit(0);
    }
}
