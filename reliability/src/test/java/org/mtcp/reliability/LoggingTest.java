package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * What mtcp logs through System.Logger (here backed by java.util.logging): the transport chosen and why,
 * and sockets the Cleaner had to close, with where they were made.
 */
class LoggingTest {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // Held strongly: java.util.logging keeps loggers weakly, and a collected one loses its handler and level.
    final Logger transports = Logger.getLogger("org.mtcp.Transports");
    final Logger luasocket = Logger.getLogger("org.mtcp.luasocket");

    @AfterEach
    void detach() {
        for (Logger l : List.of(transports, luasocket)) {
            l.removeHandler(handler);
            l.setLevel(null);
        }
        System.clearProperty(Tcp.LEAK_STACKS_PROPERTY);
    }

    private static String text(LogRecord r) {
        // As java.util.logging's formatters do: MessageFormat only when there are parameters.
        Object[] p = r.getParameters();
        return p == null || p.length == 0 ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), p);
    }

    @Test
    void aFallbackOfPreferSaysWhatWasPassedOverAndWhy() {
        transports.addHandler(handler);
        transports.setLevel(Level.ALL);
        String name = Available.names().get(0);
        try (Transport t = Transports.prefer("no-such-transport", name)) {
            assertEquals(name, t.name());
        }
        LogRecord r = records.stream().filter(x -> text(x).contains("chosen by prefer")).findFirst().orElseThrow();
        assertEquals(Level.INFO, r.getLevel(), "a fallback is INFO");
        assertTrue(text(r).contains("transport " + name + " chosen by prefer(no-such-transport," + name + ")")
                && text(r).contains("no-such-transport: not found"), text(r));

        records.clear();
        try (Transport t = Transports.require(name)) {
            assertEquals(name, t.name());
        }
        assertTrue(records.stream().anyMatch(x -> x.getLevel() == Level.FINE
                && text(x).equals("transport " + name + " chosen by require(" + name + ")")), records.toString());
    }

    @Test
    void aSocketTheCleanerClosesIsReportedWithWhereItWasMade() throws Exception {
        luasocket.addHandler(handler);
        luasocket.setLevel(Level.ALL); // every leak: the first ten are WARNINGs, the rest DEBUG
        System.setProperty(Tcp.LEAK_STACKS_PROPERTY, "true");
        try (Transport t = Transports.require(Available.names().get(0))) {
            Thread maker = new Thread(() -> {
                LuaSocket.on(t).tcp4().orThrow(); // made and dropped, never closed
            }, "leak-maker-thread");
            maker.start();
            maker.join();
            LogRecord found = null;
            for (int i = 0; i < 200 && found == null; i++) {
                System.gc();
                Thread.sleep(20);
                found = records.stream().filter(r -> text(r).contains("leak-maker-thread")).findFirst().orElse(null);
            }
            assertNotNull(found, "no leak record; got " + records);
            String msg = text(found);
            assertTrue(msg.contains("was not closed; the Cleaner closed it") && msg.contains("tcp{master}")
                    && msg.contains("transport " + t.name()), msg);
            assertNotNull(found.getThrown(), "the stack where it was made, as asked by the property");
            assertTrue(List.of(found.getThrown().getStackTrace()).stream()
                    .anyMatch(f -> f.getClassName().startsWith(LoggingTest.class.getName())), "stack names the maker");
        }
    }
}
