package org.mtcp.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What this process holds, read from Linux: open descriptors ({@code /proc/self/fd}), resident memory
 * ({@code VmRSS}, peak {@code VmHWM}) and native memory as Native Memory Tracking counts it (category
 * "Other", where native segments and direct buffers are allocated; the JVM must run with
 * {@code -XX:NativeMemoryTracking=summary}).
 */
public final class Proc {
    private static final Pattern OTHER = Pattern.compile("Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private Proc() {
    }

    /** How many descriptors this process has open now. */
    public static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            // The listing itself holds one descriptor while it runs.
            return s.count() - 1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    /** The soft limit on open descriptors ({@code ulimit -n}), or -1 when unknown. */
    public static long openFdsLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Resident memory now, in kB. */
    public static long rssKb() {
        return status("VmRSS:");
    }

    /** Peak resident memory of the process so far, in kB. */
    public static long peakRssKb() {
        return status("VmHWM:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }

    /** Committed kB of NMT "Other" (native segments, direct buffers), or -1 when NMT is off. */
    public static long nativeOtherKb() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            String out = (String) server.invoke(name, "vmNativeMemory", new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()});
            Matcher m = OTHER.matcher(out);
            return m.find() ? Long.parseLong(m.group(2)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Lets the garbage collector and cleaners run (Cleaner actions, automatic arenas, per-thread scratch of
     * dead threads), so levels are read at rest.
     */
    public static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
    }

    /** Sleeps without throwing; the interrupt flag is kept. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
