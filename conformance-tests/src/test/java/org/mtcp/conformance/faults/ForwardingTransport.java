package org.mtcp.conformance.faults;

import java.util.List;
import java.util.Set;
import org.mtcp.spi.Capability;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** A transport that passes every call to a real one; seeded faults override the call they break. */
class ForwardingTransport implements Transport {
    protected final Transport real;

    ForwardingTransport(Transport real) {
        this.real = real;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public Set<SocketOption> options() {
        return real.options();
    }

    @Override
    public int socket(Family family) throws ErrnoException {
        return real.socket(family);
    }

    @Override
    public void bind(int fd, SockAddr local) throws ErrnoException {
        real.bind(fd, local);
    }

    @Override
    public void listen(int fd, int backlog) throws ErrnoException {
        real.listen(fd, backlog);
    }

    @Override
    public int accept(int fd, long waitNanos) throws ErrnoException {
        return real.accept(fd, waitNanos);
    }

    @Override
    public int connect(int fd, SockAddr remote, long waitNanos) throws ErrnoException {
        return real.connect(fd, remote, waitNanos);
    }

    @Override
    public int read(int fd, byte[] dst, int off, int len, long waitNanos) throws ErrnoException {
        return real.read(fd, dst, off, len, waitNanos);
    }

    @Override
    public int write(int fd, byte[] src, int off, int len, long waitNanos) throws ErrnoException {
        return real.write(fd, src, off, len, waitNanos);
    }

    @Override
    public void shutdown(int fd, int how) throws ErrnoException {
        real.shutdown(fd, how);
    }

    @Override
    public void close(int fd) throws ErrnoException {
        real.close(fd);
    }

    @Override
    public SockAddr localAddress(int fd) throws ErrnoException {
        return real.localAddress(fd);
    }

    @Override
    public SockAddr remoteAddress(int fd) throws ErrnoException {
        return real.remoteAddress(fd);
    }

    @Override
    public void setOption(int fd, SocketOption option, Object value) throws ErrnoException {
        real.setOption(fd, option, value);
    }

    @Override
    public Object getOption(int fd, SocketOption option) throws ErrnoException {
        return real.getOption(fd, option);
    }

    @Override
    public int poll(int[] fds, int[] events, int[] revents, int count, long waitNanos) throws ErrnoException {
        return real.poll(fds, events, revents, count, waitNanos);
    }

    @Override
    public List<SockAddr> getaddrinfo(String host, String service, Family family, boolean passive)
            throws GaiException {
        return real.getaddrinfo(host, service, family, passive);
    }

    @Override
    public NameInfo getnameinfo(SockAddr address, boolean numericHost) throws GaiException {
        return real.getnameinfo(address, numericHost);
    }

    @Override
    public void sleep(long nanos) throws ErrnoException {
        real.sleep(nanos);
    }

    @Override
    public void close() {
        real.close();
    }
}
