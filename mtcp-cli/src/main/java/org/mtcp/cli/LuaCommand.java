package org.mtcp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mtcp.Transports;
import org.mtcp.lua.LuaCommandLine;
import org.mtcp.spi.Transport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mtcp lua [-t NAME] [lua5.4 options] [SCRIPT [ARGS...]]}: the stand-alone {@code lua5.4} interpreter
 * ({@link LuaCommandLine}: {@code -e}, {@code -l}, {@code -i}, {@code -v}, {@code -E}, {@code -W}, {@code --},
 * {@code -}, {@code LUA_INIT}) whose {@code socket}, {@code mime.core} and {@code mtcp} modules are ours.
 * Only {@code -t}/{@code --transport} (and the help options) are this command's and must come first: from
 * the first other word on, everything is the interpreter's, so the script's own options pass through
 * untouched (see {@link #configure}).
 */
@Command(name = "lua", mixinStandardHelpOptions = true,
        description = {"Run Lua 5.4 as lua5.4 does, with LuaSocket's 'socket' (and mime.core) and mtcp's 'mtcp' "
                + "modules over a transport.",
                "lua5.4's options: -e STAT, -l MOD, -l G=MOD, -i, -v, -E, -W, --, - (stdin); LUA_INIT."})
public final class LuaCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = {"-t", "--transport"}, paramLabel = "NAME",
            description = "The transport under the script's sockets (default: the preferred available one).")
    String transport;

    @Parameters(paramLabel = "LUA_ARGS", arity = "0..*",
            description = "lua5.4's command line: [options] [script [args]]")
    List<String> args = new ArrayList<>();

    /**
     * Makes picocli hand over the interpreter's command line untouched: unknown options such as {@code -e}
     * are positional, everything after the first positional is positional, and {@code --} is lua5.4's.
     */
    static void configure(CommandLine lua) {
        lua.setUnmatchedOptionsArePositionalParams(true);
        lua.setStopAtPositional(true);
        lua.setEndOfOptionsDelimiter("--mtcp-end-of-options--");
    }

    @Override
    public Integer call() {
        List<Transports.Found> found = Transports.discover();
        if (found.stream().noneMatch(Transports.Found::available)) {
            throw new CliException(Selection.noneUsable(found), Main.NO_TRANSPORT);
        }
        try (Transport t = transport != null ? Transports.require(found, transport)
                : Transports.prefer(found, main.preferOrder().toArray(new String[0]))) {
            return LuaCommandLine.run(t, args, System.in, System.out, System.err, System.getenv(),
                    Boolean.getBoolean("mtcp.stdin.tty"));
        }
    }
}
