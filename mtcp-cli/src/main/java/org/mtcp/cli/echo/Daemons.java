package org.mtcp.cli.echo;

/** Daemon threads: a blocked echo thread must never keep the command's JVM alive. */
final class Daemons {
    private Daemons() {
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
