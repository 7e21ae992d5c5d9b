package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Assumptions;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/**
 * Our Java {@code mime.core} against C LuaSocket's on random inputs: {@code mime_core_case.lua} calls every
 * function (both halves of the chunked convention, the end-of-stream nil calls, odd numbers, bad arguments)
 * and prints each result with its Lua type; lua5.4 with C {@code mime/core.so} and our runtime must print the
 * same. Skipped, saying why, where lua5.4 or lua-socket is missing (CI installs them with apt).
 */
class MimeCoreDifferentialTest {
    private static final Path CASE = Scripts.DIR.resolve("mime_core_case.lua");
    private static final String C_MISSING = cMimeMissing();
    private static Transport transport;

    private static String cMimeMissing() {
        String why = Scripts.cLuaMissing();
        if (why != null) {
            return why;
        }
        try {
            Process p = new ProcessBuilder("lua5.4", "-e", "require 'mime.core'").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : "lua5.4 has no C mime.core (apt-get install lua-socket)";
        } catch (Exception e) {
            return "lua5.4 cannot run: " + e;
        }
    }

    @AfterContainer
    static void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    /** Bytes that steer the codecs into their special cases, and any byte at all. */
    @Provide
    Arbitrary<byte[]> text() {
        Arbitrary<Byte> special = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '=', (byte) ' ', (byte) '\t',
                (byte) '.', (byte) 'A', (byte) 'f', (byte) '0', (byte) '+', (byte) '/', (byte) 0, (byte) 0x80,
                (byte) 0xff);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(40)
                .map(l -> {
                    byte[] b = new byte[l.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = l.get(i);
                    }
                    return b;
                });
    }

    @Provide
    Arbitrary<String> number() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-4, 80).map(String::valueOf),
                Arbitraries.of("0.5", "3.9", "-1.5", "1e20", "-1e20", "2"));
    }

    @Property(tries = 60)
    void mimeCoreMatchesC(@ForAll("text") byte[] a, @ForAll("text") byte[] b, @ForAll("text") byte[] marker,
            @ForAll("number") String left, @ForAll("number") String length,
            @ForAll("ctx") String ctx, @ForAll("number") String state) throws Exception {
        Assumptions.assumeTrue(C_MISSING == null, C_MISSING);
        String[] args = {hex(a), hex(b), hex(marker), left, length, ctx, state};
        Scripts.Outcome c = Scripts.runC(CASE, args);
        assertEquals(0, c.status(), c.err());
        assertEquals(c.out(), ours(args), "mime.core differs from C for " + String.join(" ", args));
    }

    @Provide
    Arbitrary<String> ctx() {
        return Arbitraries.of("0", "10", "13", "65", "-3", "4294967306");
    }

    private static String ours(String[] args) {
        if (transport == null) {
            transport = Transports.prefer();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>();
        argv.add(CASE.toString());
        argv.addAll(List.of(args));
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = LuaCommandLine.run(transport, argv, new ByteArrayInputStream(new byte[0]), o, e,
                    Map.of(), false);
        }
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
