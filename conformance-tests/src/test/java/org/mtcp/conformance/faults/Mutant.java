package org.mtcp.conformance.faults;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A shared-layer fault without a hook in production code: one source file of mtcp-spi, edited, compiled
 * into a scratch directory, and put ahead of the real class in an isolated class loader that loads the
 * kit, JUnit and the transports afresh; {@link FaultRun} then runs there.
 */
final class Mutant {
    private Mutant() {
    }

    /** The test class path (surefire passes it in a property; plain runs have it in java.class.path). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(e);
            }
        }
        return out;
    }

    /** The mtcp-spi sources, next to this module in the repository. */
    static Path spiSources() {
        Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        return base.resolveSibling("mtcp-spi").resolve("src/main/java");
    }

    @SuppressWarnings("unchecked")
    static List<String> failedTests(Fault fault, Path work) throws Exception {
        Fault.Patch patch = fault.patch();
        Path source = spiSources().resolve(patch.source());
        String text = Files.readString(source, StandardCharsets.UTF_8);
        int at = text.indexOf(patch.from());
        if (at < 0 || text.indexOf(patch.from(), at + 1) >= 0) {
            throw new AssertionError("the patch target must occur exactly once in " + source + " (the shared "
                    + "layer changed? update Faults): " + patch.from());
        }
        Path src = work.resolve("src").resolve(patch.source());
        Files.createDirectories(src.getParent());
        Files.writeString(src, text.replace(patch.from(), patch.to()), StandardCharsets.UTF_8);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "--release", "17", "-proc:none", "-nowarn",
                "-implicit:none", "-d", classes.toString(), "-cp", String.join(File.pathSeparator, classPath()),
                src.toString());
        if (rc != 0) {
            throw new AssertionError("the patched " + patch.source() + " does not compile:\n" + diagnostics);
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String e : classPath()) {
            urls.add(Path.of(e).toUri().toURL());
        }
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("mutant-" + fault.name(), urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            me.setContextClassLoader(loader);
            Class<?> run = Class.forName(FaultRun.class.getName(), true, loader);
            return (List<String>) run.getMethod("failedTests", String.class, String.class, String.class)
                    .invoke(null, fault.name(), null, work.toString());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } finally {
            me.setContextClassLoader(before);
        }
    }
}
