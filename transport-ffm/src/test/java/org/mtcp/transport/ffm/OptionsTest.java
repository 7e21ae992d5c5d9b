package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.SECOND;
import static org.mtcp.transport.ffm.Net.assertErrno;

import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * What libc gives that the JDK transports lack: every {@link SocketOption}, bindtodevice, and value types
 * checked before any call. The option rules themselves are the kit's (T60-T68, T80).
 */
class OptionsTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void everyOptionIsSupported() {
        assertEquals(EnumSet.allOf(SocketOption.class), t.options());
    }




    @Test
    void bindToDevice() throws Exception {
        int fd = t.socket(Family.INET);
        assertEquals("", t.getOption(fd, SocketOption.BINDTODEVICE));
        try {
            t.setOption(fd, SocketOption.BINDTODEVICE, "lo");
            assertEquals("lo", t.getOption(fd, SocketOption.BINDTODEVICE));
        } catch (ErrnoException e) {
            assertEquals(Errno.EPERM, e.errno(), "needs CAP_NET_RAW on older kernels");
        }
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> t.setOption(fd, SocketOption.BINDTODEVICE, "no-such-interface-with-a-long-name-" + "x".repeat(500)));
        assertTrue(e.errno() == 19 /* ENODEV */ || e.errno() == Errno.EPERM, e.getMessage());
    }

    @Test
    void wrongValueTypesAreRejectedBeforeAnyCall() throws Exception {
        int fd = t.socket(Family.INET);
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.KEEPALIVE, 1));
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.TCP_KEEPIDLE, true));
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.LINGER, null));
        assertThrows(NullPointerException.class, () -> t.setOption(fd, null, true));
    }
}
