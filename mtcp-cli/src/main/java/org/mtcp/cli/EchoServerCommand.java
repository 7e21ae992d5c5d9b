package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.mtcp.Transports;
import org.mtcp.cli.echo.Activity;
import org.mtcp.cli.echo.Api;
import org.mtcp.cli.echo.EchoException;
import org.mtcp.cli.echo.EchoServer;
import org.mtcp.spi.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mtcp echo-server}: a plain TCP echo server any client (nc, telnet, a socket) can talk to. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = {"Serve TCP echo through one transport and API: prints 'listening on HOST PORT', then "
                + "echoes every byte of every connection (a thread per connection) until killed, or until "
                + "--max-connections or --idle-exit ends it. Connection events go to standard error."})
public final class EchoServerCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--transport"}, paramLabel = "NAME",
            description = "The transport to serve with (default: the preferred available one).")
    String transport;

    @Option(names = "--api", paramLabel = "API", defaultValue = "mtcp",
            description = "mtcp (the fd functions) or luasocket (TCP objects); default: ${DEFAULT-VALUE}.")
    Api api;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "0",
            description = "Port to bind; 0 (default) picks a free one.")
    int port;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "0",
            description = "Accept N connections, then exit once they have closed (default: no limit).")
    int maxConnections;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Exit after this many seconds without a connection or data (default: never).")
    double idleExit;

    @Option(names = {"-q", "--quiet"}, description = "Do not report connections on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535");
        }
        if (maxConnections < 0 || !(idleExit >= 0)) {
            throw new ParameterException(spec.commandLine(), "--max-connections and --idle-exit cannot be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Transports.Found> found = Transports.discover();
        if (found.stream().noneMatch(Transports.Found::available)) {
            throw new CliException(Selection.noneUsable(found), Main.NO_TRANSPORT);
        }
        // Both explain a refusal themselves ("transport 'x' cannot run here: ..."); Main prints it.
        Transport t = transport != null ? Transports.require(found, transport)
                : Transports.prefer(found, main.preferOrder().toArray(new String[0]));
        try {
            EchoServer server;
            try {
                server = EchoServer.start(api, t, host, port, maxConnections, quiet ? null : line -> {
                    synchronized (err) {
                        err.println("echo-server: " + line);
                        err.flush();
                    }
                });
            } catch (EchoException e) {
                throw new CliException("echo-server on " + host + " port " + port + ": " + e.getMessage(),
                        Main.FAILED);
            }
            try (server) {
                out.println("listening on " + server.host() + " " + server.port());
                out.flush();
                if (!quiet) {
                    synchronized (err) {
                        err.println("echo-server: transport " + t.name() + ", api " + api.label());
                        err.flush();
                    }
                }
                long idleNanos = idleExit > 0 ? (long) (idleExit * 1e9) : 0;
                Activity.Exit why = server.activity().awaitExit(maxConnections, idleNanos);
                if (why == Activity.Exit.FAILED) {
                    throw new CliException("echo-server: " + server.activity().failure(), Main.FAILED);
                }
                if (!quiet) {
                    synchronized (err) {
                        err.println("echo-server: exiting ("
                                + (why == Activity.Exit.IDLE ? "idle" : "max connections served") + ")");
                        err.flush();
                    }
                }
                return 0;
            }
        } finally {
            t.close();
        }
    }
}
