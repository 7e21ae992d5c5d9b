package org.mtcp.transport.ffm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mtcp.spi.Capability;

/**
 * Whether libc can be called here, worked out once: the platform, then linking every function (which is
 * where missing native access or a missing symbol shows), then whether the kernel has IPv6.
 */
final class Availability {
    private static volatile Result result;

    private record Result(Optional<String> reason, Set<Capability> capabilities) {
    }

    private Availability() {
    }

    static Optional<String> reason() {
        return result().reason();
    }

    static Set<Capability> capabilities() {
        return result().capabilities();
    }

    private static Result result() {
        Result r = result;
        if (r == null) {
            synchronized (Availability.class) {
                r = result;
                if (r == null) {
                    r = probe();
                    result = r;
                    log(r);
                }
            }
        }
        return r;
    }

    /** Once per JVM: why the transport cannot run (INFO), or what it found (DEBUG). */
    private static void log(Result r) {
        System.Logger log = System.getLogger("org.mtcp.transport.ffm");
        if (r.reason().isPresent()) {
            log.log(System.Logger.Level.INFO, "ffm transport unavailable: {0}", r.reason().get());
        } else {
            log.log(System.Logger.Level.DEBUG, "ffm transport available; capabilities {0}", r.capabilities());
        }
    }

    private static Result probe() {
        Set<Capability> none = Collections.unmodifiableSet(EnumSet.noneOf(Capability.class));
        try {
            String os = System.getProperty("os.name", "?");
            String arch = System.getProperty("os.arch", "?");
            if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
                return new Result(Optional.of("the FFM transport calls Linux's libc; this is " + os), none);
            }
            if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
                return new Result(Optional.of("the FFM transport knows the Linux ABI of x86-64 and AArch64 only;"
                        + " this is " + arch), none);
            }
            Scratch s = Scratch.get(); // links libc (Libc's initializer) on first use
            EnumSet<Capability> caps = EnumSet.of(Capability.REAL_DESCRIPTORS, Capability.KERNEL_ADDRESSES,
                    Capability.EXACT_ZERO_WAIT, Capability.SHUTDOWN_RECEIVE, Capability.POLL_ERROR_EVENTS,
                    Capability.LINUX_TCP_OPTIONS);
            int fd = Libc.socket(s.capture, Linux.AF_INET6, Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC, 0);
            if (fd >= 0) {
                Libc.close(s.capture, fd);
                caps.add(Capability.IPV6);
                caps.add(Capability.KERNEL_V6ONLY);
            }
            return new Result(Optional.empty(), Collections.unmodifiableSet(caps));
        } catch (Throwable t) {
            return new Result(Optional.of(explain(t)), none);
        }
    }

    private static String explain(Throwable t) {
        Throwable root = t;
        while ((root instanceof ExceptionInInitializerError || root.getClass() == NoClassDefFoundError.class)
                && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof IllegalCallerException) {
            return "native access is not enabled for module " + moduleName()
                    + ": start java with --enable-native-access=" + moduleName() + " (" + root.getMessage() + ")";
        }
        if (t instanceof NoClassDefFoundError && root == t) {
            return "libc could not be linked earlier in this JVM: " + t.getMessage();
        }
        return "libc could not be linked: " + root;
    }

    private static String moduleName() {
        Module m = Availability.class.getModule();
        return m.isNamed() ? m.getName() : "ALL-UNNAMED";
    }
}
