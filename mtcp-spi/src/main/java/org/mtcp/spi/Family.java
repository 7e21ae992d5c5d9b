package org.mtcp.spi;

/** Address families, with their Linux numbers (the first two bytes of a raw {@code sockaddr}). */
public enum Family {
    /** No family chosen yet ({@code AF_UNSPEC}). */
    UNSPEC(0),
    /** IPv4 ({@code AF_INET}). */
    INET(2),
    /** IPv6 ({@code AF_INET6}). */
    INET6(10);

    private final int linux;

    Family(int linux) {
        this.linux = linux;
    }

    /** The Linux {@code AF_*} number. */
    public int linuxNumber() {
        return linux;
    }

    /** The family with this Linux number, or {@code null}. */
    public static Family ofLinux(int number) {
        for (Family f : values()) {
            if (f.linux == number) {
                return f;
            }
        }
        return null;
    }
}
