package org.mtcp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mtcp.Transports;
import org.mtcp.lua.LuaRunner;
import org.mtcp.spi.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mtcp lua [--transport NAME] SCRIPT [ARGS...]}: runs a Lua 5.4 script whose {@code socket} and
 * {@code mtcp} modules are ours, as {@code lua5.4 SCRIPT ARGS...} would (same {@code arg} table, output and
 * exit status).
 */
@Command(name = "lua", mixinStandardHelpOptions = true,
        description = "Run a Lua 5.4 script with LuaSocket's 'socket' and mtcp's 'mtcp' modules over a transport.")
public final class LuaCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = {"-t", "--transport"}, paramLabel = "NAME",
            description = "The transport under the script's sockets (default: the preferred available one).")
    String transport;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The Lua script to run.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments, as arg[1], arg[2], ...")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<Transports.Found> found = Transports.discover();
        if (found.stream().noneMatch(Transports.Found::available)) {
            throw new CliException(Selection.noneUsable(found), Main.NO_TRANSPORT);
        }
        try (Transport t = transport != null ? Transports.require(found, transport)
                : Transports.prefer(found, main.preferOrder().toArray(new String[0]))) {
            return LuaRunner.run(t, script, args);
        }
    }
}
