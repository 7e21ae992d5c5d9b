package org.mtcp.mtcp;

/**
 * The two values mtcp's bind, accept and connect return: a descriptor and a raw address (the exact
 * {@code sockaddr_in}/{@code sockaddr_in6} bytes; see {@link org.mtcp.spi.SockAddr}).
 */
public record FdAddress(int fd, byte[] address) {
    public FdAddress {
        address = address.clone();
    }

    /** The raw address (a copy). */
    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdAddress && ((FdAddress) o).fd == fd
                && java.util.Arrays.equals(((FdAddress) o).address, address);
    }

    @Override
    public int hashCode() {
        return 31 * fd + java.util.Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "FdAddress[fd=" + fd + ", address=" + address.length + " bytes]";
    }
}
