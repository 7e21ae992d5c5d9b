package org.mtcp.lua;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;

/**
 * Runs a Lua 5.4 script file the way the stand-alone {@code lua5.4} interpreter runs
 * {@code lua5.4 SCRIPT ARGS...}, with {@code require "socket"} and {@code require "mtcp"} served by the mtcp
 * Java API over a chosen transport.
 *
 * <ul>
 *   <li>{@code arg[0]} is the script path, {@code arg[1..n]} the arguments, {@code arg[-1]} the program name
 *       ({@value #PROGNAME}); the main chunk also receives the arguments as {@code ...}.</li>
 *   <li>A first line starting with {@code #} is skipped, as {@code luaL_loadfile} does.</li>
 *   <li>{@code print}/{@code io.write} go to standard output; an uncaught error prints
 *       {@code lua5.4: <message>} and a stack traceback to standard error and gives status 1; a file that
 *       cannot be read or compiled prints {@code lua5.4: <message>} and gives 1; {@code os.exit(code)} gives
 *       its code. The Lua state is closed at the end (finalizers run, sockets close).</li>
 * </ul>
 */
public final class LuaRunner {
    /** The program name in messages and {@code arg[-1]}: the interpreter this one stands in for. */
    public static final String PROGNAME = "lua5.4";

    private LuaRunner() {
    }

    /** Runs {@code script} with {@code args} over {@code t}, printing to System.out/System.err; returns the exit status. */
    public static int run(Transport t, Path script, List<String> args) {
        return run(t, script, args, System.out, System.err);
    }

    /** {@link #run(Transport, Path, List)} printing to the given streams. */
    public static int run(Transport t, Path script, List<String> args, PrintStream out, PrintStream err) {
        try (LuaSession session = LuaSession.open(t, out, err)) {
            Lua L = session.lua();
            L.createTable(args.size(), 2);
            L.push(PROGNAME);
            L.rawSetI(-2, -1);
            Stack.push(L, script.toString());
            L.rawSetI(-2, 0);
            for (int k = 0; k < args.size(); k++) {
                Stack.push(L, args.get(k));
                L.rawSetI(-2, k + 1);
            }
            L.setGlobal("arg");
            byte[] code;
            try {
                code = Files.readAllBytes(script);
            } catch (NoSuchFileException e) {
                return report(err, "cannot open " + script + ": No such file or directory");
            } catch (IOException e) {
                return report(err, "cannot open " + script);
            }
            try {
                L.load(skipShebang(code), "@" + script);
            } catch (LuaException e) {
                return report(err, e.getMessage());
            }
            for (String a : args) {
                Stack.push(L, a);
            }
            return session.runMain(PROGNAME, args.size());
        }
    }

    private static int report(PrintStream err, String message) {
        err.println(PROGNAME + ": " + message);
        err.flush();
        return 1;
    }

    /** luaL_loadfile: a first line starting with '#' is dropped, its newline kept so line numbers stay right. */
    private static ByteBuffer skipShebang(byte[] code) {
        int start = 0;
        if (code.length > 0 && code[0] == '#') {
            while (start < code.length && code[start] != '\n') {
                start++;
            }
        }
        ByteBuffer b = ByteBuffer.allocateDirect(code.length - start);
        b.put(code, start, code.length - start).flip();
        return b;
    }

    /**
     * {@code [--transport NAME] SCRIPT [ARGS...]}: runs the script over the named transport (default: the
     * best available one, or as the {@code mtcp.transport.*} system properties say) and exits with its status.
     */
    public static void main(String[] argv) {
        List<String> a = new ArrayList<>(Arrays.asList(argv));
        String transport = null;
        if (a.size() >= 2 && a.get(0).equals("--transport")) {
            transport = a.get(1);
            a = a.subList(2, a.size());
        } else if (!a.isEmpty() && a.get(0).startsWith("--transport=")) {
            transport = a.get(0).substring("--transport=".length());
            a = a.subList(1, a.size());
        }
        if (a.isEmpty()) {
            System.err.println("usage: " + LuaRunner.class.getName() + " [--transport NAME] SCRIPT [ARGS...]");
            System.exit(2);
        }
        int status;
        try (Transport t = transport == null ? Transports.fromSystemProperties() : Transports.require(transport)) {
            status = run(t, Path.of(a.get(0)), a.subList(1, a.size()));
        } catch (IllegalStateException e) {
            System.err.println(PROGNAME + ": " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println(PROGNAME + ": " + e);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
