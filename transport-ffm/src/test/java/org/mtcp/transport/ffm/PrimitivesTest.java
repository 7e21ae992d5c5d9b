package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.MS;
import static org.mtcp.transport.ffm.Net.SECOND;
import static org.mtcp.transport.ffm.Net.assertErrno;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * What only the native transport must guard: argument checks before any libc call touches memory. The
 * primitives themselves are the kit's transport contract (checklist T6-T81).
 */
class PrimitivesTest {
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
    void readArgumentsAreCheckedBeforeAnyCall() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        byte[] b = new byte[8];
        assertThrows(IndexOutOfBoundsException.class, () -> t.read(p[0], b, -1, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.read(p[0], b, 7, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.write(p[0], b, 0, 9, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.write(p[0], b, Integer.MAX_VALUE, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.read(p[0], b, 0, 0, 0));
        assertThrows(NullPointerException.class, () -> t.read(p[0], null, 0, 1, 0));
        // Nothing was written by the rejected calls.
        assertEquals(Transport.TIMEOUT, t.read(p[1], b, 0, 8, 0));
    }


}
