package org.mtcp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void glibcTexts() {
        assertEquals("Bad file descriptor", Errno.strerror(9));
        assertEquals("Transport endpoint is not connected", Errno.strerror(107));
        assertEquals("Connection refused", Errno.strerror(111));
        assertEquals("Unknown error 999", Errno.strerror(999));
    }

    @Test
    void jdkExceptionsMapToLinuxNumbers() {
        assertEquals(111, JdkErrors.errno(new ConnectException("Connection refused")));
        assertEquals(98, JdkErrors.errno(new BindException("Address already in use")));
        assertEquals(104, JdkErrors.errno(new SocketException("Connection reset")));
        assertEquals(104, JdkErrors.errno(new SocketException("Connection reset by peer")));
        assertEquals(32, JdkErrors.errno(new SocketException("Broken pipe")));
        assertEquals(9, JdkErrors.errno(new SocketException("Socket closed")));
        assertEquals(9, JdkErrors.errno(new ClosedChannelException()));
        assertEquals(99, JdkErrors.errno(new BindException("Cannot assign requested address")));
    }

    @Test
    void resolverServicesFollowGlibc() throws Exception {
        assertEquals(80, JdkResolver.servicePort("http"));
        assertEquals(70000 & 0xffff, JdkResolver.servicePort("70000"));
        assertEquals(0, JdkResolver.servicePort(null));
        assertEquals(GaiException.EAI_SERVICE,
                org.junit.jupiter.api.Assertions.assertThrows(GaiException.class,
                        () -> JdkResolver.servicePort("no-such-service")).code());
    }
}
