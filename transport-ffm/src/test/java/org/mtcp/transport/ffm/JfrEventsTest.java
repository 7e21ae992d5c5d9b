package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** A JFR recording sees the FFM transport's accept, connect, write and read, with their descriptors and sizes. */
class JfrEventsTest {
    static final List<String> EVENTS = List.of("org.mtcp.ffm.SocketAccept", "org.mtcp.ffm.SocketConnect",
            "org.mtcp.ffm.SocketWrite", "org.mtcp.ffm.SocketRead");

    @Test
    void socketCallsAreRecorded() throws Exception {
        Path file = Files.createTempFile("mtcp-ffm", ".jfr");
        int conn;
        int accepted;
        try (Recording r = new Recording()) {
            for (String e : EVENTS) {
                r.enable(e).withThreshold(Duration.ZERO).withStackTrace();
            }
            r.start();
            try (Transport t = new FfmTransportProvider().open()) {
                Mtcp mtcp = Mtcp.on(t);
                int listener = mtcp.bind("127.0.0.1", "0").orThrow().fd();
                int port = SockAddr.parse(mtcp.getsockname(listener).orThrow()).port();
                conn = mtcp.connect("127.0.0.1", Integer.toString(port)).orThrow().fd();
                accepted = mtcp.accept(listener).orThrow().fd();
                mtcp.write(conn, "recorded bytes");
                assertEquals("recorded bytes", new String(mtcp.read(accepted, 64, 5000).orThrow()));
                mtcp.close(conn);
                assertEquals(0, mtcp.read(accepted, 64, 5000).orThrow().length, "end of stream");
            }
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        Map<String, List<RecordedEvent>> byType = events.stream()
                .filter(e -> EVENTS.contains(e.getEventType().getName()))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        assertEquals(EVENTS.stream().sorted().collect(Collectors.toList()),
                byType.keySet().stream().sorted().collect(Collectors.toList()), "event types recorded: " + events);

        RecordedEvent accept = byType.get("org.mtcp.ffm.SocketAccept").get(0);
        assertEquals(accepted, accept.getInt("accepted"));
        RecordedEvent connect = byType.get("org.mtcp.ffm.SocketConnect").get(0);
        assertEquals(conn, connect.getInt("fd"));
        assertTrue(connect.getString("address").contains("127.0.0.1"), connect.toString());
        assertTrue(byType.get("org.mtcp.ffm.SocketWrite").stream()
                .anyMatch(e -> e.getInt("fd") == conn && e.getLong("bytesWritten") == 14), byType.toString());
        List<RecordedEvent> reads = byType.get("org.mtcp.ffm.SocketRead").stream()
                .filter(e -> e.getInt("fd") == accepted).collect(Collectors.toList());
        assertTrue(reads.stream().anyMatch(e -> e.getLong("bytesRead") == 14 && !e.getBoolean("endOfStream")),
                reads.toString());
        assertTrue(reads.stream().anyMatch(e -> e.getBoolean("endOfStream")), reads.toString());
        assertFalse(reads.get(0).getStackTrace().getFrames().isEmpty(), "events carry the caller's stack");
    }
}
