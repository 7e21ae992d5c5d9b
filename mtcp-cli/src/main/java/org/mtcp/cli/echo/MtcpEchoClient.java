package org.mtcp.cli.echo;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.mtcp.Result;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/** The client side with mtcp's functions: connect, write, read (with its per-wait timeout), close. */
final class MtcpEchoClient extends EchoClient {
    private final Mtcp mtcp;
    private final int fd;
    private boolean closed;

    MtcpEchoClient(Transport transport, String host, int port, long timeoutMillis) throws EchoException {
        super(timeoutMillis);
        this.mtcp = Mtcp.on(transport);
        Result<FdAddress> connected = mtcp.connect(host, Integer.toString(port));
        if (!connected.isOk()) {
            throw new EchoException("connect: " + connected.error());
        }
        fd = connected.value().fd();
    }

    @Override
    public byte[] roundTrip(byte[] data) throws EchoException {
        write(data);
        ByteArrayOutputStream got = new ByteArrayOutputStream(data.length);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (got.size() < data.length) {
            got.writeBytes(readSome(data.length - got.size(), deadline, got.size(), data.length));
        }
        return got.toByteArray();
    }

    @Override
    public byte[] lineRoundTrip(byte[] line) throws EchoException {
        byte[] withLf = Arrays.copyOf(line, line.length + 1);
        withLf[line.length] = '\n';
        write(withLf);
        ByteArrayOutputStream got = new ByteArrayOutputStream(withLf.length);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            byte[] all = got.toByteArray();
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    return Arrays.copyOf(all, i);
                }
            }
            got.writeBytes(readSome(Mtcp.BUFSIZE, deadline, all.length, withLf.length));
        }
    }

    private void write(byte[] data) throws EchoException {
        Result<Long> written = mtcp.write(fd, data);
        if (!written.isOk()) {
            throw new EchoException("write: " + written.error());
        }
        if (written.value() != data.length) {
            throw new EchoException("write: " + written.value() + " of " + data.length + " bytes written");
        }
    }

    private byte[] readSome(long n, long deadline, int have, int want) throws EchoException {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
        if (leftMs <= 0) {
            throw new EchoException("read: timed out after " + have + " of " + want + " bytes");
        }
        Result<byte[]> r = mtcp.read(fd, n, leftMs);
        if (!r.isOk()) {
            throw new EchoException("read: " + r.error() + " after " + have + " of " + want + " bytes");
        }
        if (r.value().length == 0) {
            throw new EchoException("read: peer closed after " + have + " of " + want + " bytes");
        }
        return r.value();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            mtcp.close(fd);
        }
    }
}
