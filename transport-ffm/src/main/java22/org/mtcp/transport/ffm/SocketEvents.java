package org.mtcp.transport.ffm;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * JFR events for the FFM transport's socket calls, the counterparts of the JDK's {@code jdk.SocketRead},
 * {@code jdk.SocketWrite} (which java.net and NIO sockets emit, and libc calls do not): one per read, write,
 * connect and accept that lasted at least the threshold (20 ms by default, as the JDK's). When JFR is not
 * recording them they cost one {@link Event#isEnabled()} check per call.
 */
final class SocketEvents {
    private SocketEvents() {}

    /** Fields every mtcp ffm socket event has. */
    @Category({"mtcp", "FFM transport"})
    @StackTrace(true)
    @Threshold("20 ms")
    abstract static class Base extends Event {
        @Label("Descriptor")
        int fd;

        @Label("Remote Address")
        @Description("The peer's address and port, when the socket has one")
        String address;

        @Label("Timeout")
        @Description("How long the call could wait; -1: no limit")
        @Timespan(Timespan.NANOSECONDS)
        long timeout;

        @Label("Timed Out")
        boolean timedOut;

        @Label("Error")
        @Description("The errno the call failed with, if it did")
        String error;
    }

    @Name("org.mtcp.ffm.SocketRead")
    @Label("mtcp FFM Socket Read")
    static final class Read extends Base {
        @Label("Bytes Read")
        @DataAmount
        long bytesRead;

        @Label("End of Stream")
        boolean endOfStream;
    }

    @Name("org.mtcp.ffm.SocketWrite")
    @Label("mtcp FFM Socket Write")
    static final class Write extends Base {
        @Label("Bytes Written")
        @DataAmount
        long bytesWritten;
    }

    @Name("org.mtcp.ffm.SocketConnect")
    @Label("mtcp FFM Socket Connect")
    static final class Connect extends Base {
    }

    @Name("org.mtcp.ffm.SocketAccept")
    @Label("mtcp FFM Socket Accept")
    static final class Accept extends Base {
        @Label("Accepted Descriptor")
        int accepted;
    }
}
