package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtcp.conformance.check.CheckMain;
import org.mtcp.spi.TransportProvider;

/** {@code --provider-jar}: a provider the kit has never seen, loaded from a jar, checked alone and in pairs. */
class ProviderJarTest {
    private static final String SOURCE = String.join("\n",
            "package thirdparty;",
            "public final class RelabelledProvider implements org.mtcp.spi.TransportProvider {",
            "    private final org.mtcp.spi.TransportProvider real = org.mtcp.Transports.discover().stream()",
            "        .filter(f -> f.name().equals(\"blocking\")).findFirst().orElseThrow().provider();",
            "    public String name() { return \"third-party\"; }",
            "    public int priority() { return 1; }",
            "    public java.util.Optional<String> unavailableReason() { return real.unavailableReason(); }",
            "    public java.util.Set<org.mtcp.spi.Capability> capabilities() { return real.capabilities(); }",
            "    public org.mtcp.spi.Transport open() { return real.open(); }",
            "}");

    @Test
    void aThirdPartyJarIsCheckedAloneAndWithEveryBundledTransport(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/thirdparty/RelabelledProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String cp = TransportProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "--release", "17",
                "-proc:none", "-d", classes.toString(), "-cp", cp, src.toString());
        assertEquals(0, rc, diagnostics::toString);
        Path jar = dir.resolve("third-party.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "thirdparty/RelabelledProvider.class",
                    Files.readAllBytes(classes.resolve("thirdparty/RelabelledProvider.class")));
            put(out, "META-INF/services/org.mtcp.spi.TransportProvider",
                    "thirdparty.RelabelledProvider\n".getBytes(StandardCharsets.UTF_8));
        }
        StringWriter text = new StringWriter();
        int code = CheckMain.run(new String[] {"--provider-jar", jar.toString(), "--area", "interop",
            "--report-dir", dir.resolve("report").toString(), "--color", "never"}, new PrintWriter(text, true));
        String out = text.toString();
        assertEquals(0, code, out);
        assertTrue(out.contains("third-party:") && out.contains("third-party×blocking"), out);
        assertTrue(out.contains("verdict: PASS"), out);
        assertTrue(!out.contains("\nblocking:"), "bundled transports are partners here, not targets: " + out);
        assertTrue(new File(dir.resolve("report").toFile(), "summary.json").isFile());
    }

    private static void put(JarOutputStream out, String name, byte[] data) throws Exception {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(data);
        out.closeEntry();
    }
}
