package org.mtcp.examples;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * A ServiceLoader application: picks a transport by name ({@code require NAME} or {@code prefer A,B,...})
 * and round-trips data with both APIs. It names no transport class: the transports are found on the
 * module path or class path. Prints one line per API and exits 0 when both round trips were exact.
 */
public final class ServiceLoaderApp {
    private ServiceLoaderApp() {
    }

    public static void main(String[] args) {
        // README:service-loader-begin
        Transport transport = args.length >= 2 && args[0].equals("require")
                ? Transports.require(args[1])
                : Transports.prefer(args.length >= 2 ? args[1].split(",") : new String[0]);
        try (transport) {
            // LuaSocket: a server, a client, one line each way.
            LuaSocket socket = LuaSocket.on(transport);
            Tcp server = socket.bind("127.0.0.1", 0).orThrow();
            server.settimeout(5);
            Tcp client = socket.connect("127.0.0.1", server.getsockname().orThrow().port()).orThrow();
            client.settimeout(5);
            Tcp peer = server.accept().orThrow();
            peer.settimeout(5);
            client.send("hello from " + transport.name() + "\n");
            Received line = peer.receive("*l");
            peer.send(line.data());
            peer.send("\n");
            Received echo = client.receive();
            System.out.println("luasocket " + transport.name() + " " + echo.string());

            // mtcp: the same with descriptors and raw addresses.
            Mtcp mtcp = Mtcp.on(transport);
            int listener = mtcp.bind("127.0.0.1", "0").orThrow().fd();
            int port = SockAddr.parse(mtcp.getsockname(listener).orThrow()).port();
            FdAddress conn = mtcp.connect("127.0.0.1", Integer.toString(port)).orThrow();
            int accepted = mtcp.accept(listener).orThrow().fd();
            byte[] payload = "mtcp round trip".getBytes(StandardCharsets.UTF_8);
            mtcp.write(conn.fd(), payload);
            byte[] got = mtcp.read(accepted, payload.length, 5000).orThrow();
            mtcp.write(accepted, got);
            byte[] back = mtcp.read(conn.fd(), payload.length, 5000).orThrow();
            System.out.println("mtcp " + transport.name() + " " + new String(back, StandardCharsets.UTF_8));
            for (int fd : new int[] {conn.fd(), accepted, listener}) {
                mtcp.close(fd);
            }
            client.close();
            peer.close();
            server.close();
            // README:service-loader-end
            boolean exact = echo.isOk() && echo.string().equals("hello from " + transport.name())
                    && Arrays.equals(back, payload);
            System.exit(exact ? 0 : 1);
        }
    }
}
