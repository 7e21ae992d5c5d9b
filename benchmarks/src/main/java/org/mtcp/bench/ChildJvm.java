package org.mtcp.bench;

import java.util.ArrayList;
import java.util.List;

/** The JVM options every forked benchmark JVM gets, limited to the flags the running Java knows. */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * Native access for the class path (FFM transport, Netty's JNI) and, from Java 23 on, sun.misc.Unsafe's
     * memory access allowed (Netty uses it; the flag is new in 23 and a 22 JVM refuses to start with it).
     * JMH forks with the running JVM, so its version is the child's. {@code more} follow these flags.
     */
    static String[] flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }
}
