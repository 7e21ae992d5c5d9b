package org.mtcp.reliability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One daemon thread that runs an action when a thread stays armed longer than its limit. */
final class Watchdog {
    private record Armed(long deadline, Runnable onHang) {
    }

    private static final Map<Thread, Armed> ARMED = new ConcurrentHashMap<>();

    static {
        Thread t = new Thread(() -> {
            while (true) {
                Proc.sleep(250);
                long now = System.nanoTime();
                ARMED.forEach((th, a) -> {
                    if (now - a.deadline > 0 && ARMED.remove(th, a)) {
                        a.onHang.run();
                    }
                });
            }
        }, "reliability-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private Watchdog() {
    }

    static void arm(Thread t, long millis, Runnable onHang) {
        ARMED.put(t, new Armed(System.nanoTime() + millis * 1_000_000L, onHang));
    }

    static void disarm(Thread t) {
        ARMED.remove(t);
    }
}
