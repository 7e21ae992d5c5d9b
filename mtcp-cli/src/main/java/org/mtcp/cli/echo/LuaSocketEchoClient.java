package org.mtcp.cli.echo;

import java.util.Arrays;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * The client side as LuaSocket code: {@code socket.tcp()}, {@code settimeout}, {@code connect}, then
 * {@code send} and {@code receive(n)} or {@code receive("*l")}.
 */
final class LuaSocketEchoClient extends EchoClient {
    private final Tcp tcp;

    LuaSocketEchoClient(Transport transport, String host, int port, long timeoutMillis) throws EchoException {
        super(timeoutMillis);
        tcp = LuaSocket.on(transport).tcp();
        tcp.settimeout(timeoutMillis / 1e3);
        Result<Integer> connected = tcp.connect(host, port);
        if (!connected.isOk()) {
            tcp.close();
            throw new EchoException("connect: " + connected.error());
        }
        // Payloads go out in 8192-byte send steps; without this Nagle holds each one after the first.
        Result<Integer> nodelay = tcp.setoption("tcp-nodelay", Boolean.TRUE);
        if (!nodelay.isOk()) {
            tcp.close();
            throw new EchoException("setoption(\"tcp-nodelay\"): " + nodelay.error());
        }
    }

    @Override
    public byte[] roundTrip(byte[] data) throws EchoException {
        send(data);
        return receive(data.length);
    }

    @Override
    public byte[] lineRoundTrip(byte[] line) throws EchoException {
        byte[] withLf = Arrays.copyOf(line, line.length + 1);
        withLf[line.length] = '\n';
        send(withLf);
        return receive("*l");
    }

    private void send(byte[] data) throws EchoException {
        Sent sent = tcp.send(data);
        if (!sent.isOk()) {
            throw new EchoException("send: " + sent.error() + " after " + sent.last() + " of " + data.length
                    + " bytes");
        }
    }

    private byte[] receive(Object pattern) throws EchoException {
        Received got = tcp.receive(pattern);
        if (!got.isOk()) {
            throw new EchoException("receive(" + (pattern instanceof String ? "\"" + pattern + "\"" : pattern)
                    + "): " + got.error() + " with " + got.partial().length + " bytes partial");
        }
        return got.data();
    }

    @Override
    public void close() {
        tcp.close();
    }
}
