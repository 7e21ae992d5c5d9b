package org.mtcp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A running {@link Holder} process: the port to connect the idle connections to. */
final class IdlePeers implements AutoCloseable {
    private final Process process;
    private final int port;

    private IdlePeers(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a holder with this JVM's java and class path. */
    static IdlePeers start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xss256k", "-cp", System.getProperty("java.class.path"),
                Holder.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("the idle-connection holder did not start");
        }
        return new IdlePeers(p, Integer.parseInt(line.trim()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
