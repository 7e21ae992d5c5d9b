package org.mtcp.lua;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtcp.spi.Transport;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;

/**
 * The command line of the stand-alone {@code lua5.4} interpreter, over a {@link LuaSession}:
 * {@code [options] [script [args]]} with the options {@code -e stat}, {@code -l mod}, {@code -l g=mod},
 * {@code -i}, {@code -v}, {@code -E}, {@code -W}, {@code --} and {@code -} (the script from standard input).
 *
 * <p>As lua.c does: options are taken up to the script name, everything after it is the script's
 * ({@code arg[1..n]} and {@code ...}); {@code arg[0]} is the script and the interpreter name and options get
 * negative indices; {@code LUA_INIT_5_4} or {@code LUA_INIT} ({@code @file} or a chunk) runs first unless
 * {@code -E}; {@code -e}/{@code -l}/{@code -W} run in their order; then the script; then the REPL with
 * {@code -i}, or when there is neither script nor {@code -e}/{@code -v}: the REPL when standard input is a
 * terminal, otherwise standard input run as a script. Errors print {@code lua5.4: message} (with a
 * traceback for run-time errors) and give status 1; a bad option prints the usage and gives 1;
 * {@code os.exit(n)} gives n. The REPL prints each line's results, reads {@code return line} first, waits
 * for more lines while a chunk is incomplete, and uses {@code _PROMPT}/{@code _PROMPT2}.
 */
public final class LuaCommandLine {
    /** What {@code -v} prints: the release of the Lua VM that runs the scripts (LuaJava's). */
    public static final String VERSION_LINE = "Lua 5.4.8  Copyright (C) 1994-2025 Lua.org, PUC-Rio";

    private static final String PROGNAME = LuaRunner.PROGNAME;
    private static final String USAGE = "usage: " + PROGNAME + " [options] [script [args]]\n"
            + "Available options are:\n"
            + "  -e stat   execute string 'stat'\n"
            + "  -i        enter interactive mode after executing 'script'\n"
            + "  -l mod    require library 'mod' into global 'mod'\n"
            + "  -l g=mod  require library 'mod' into global 'g'\n"
            + "  -v        show version information\n"
            + "  -E        ignore environment variables\n"
            + "  -W        turn warnings on\n"
            + "  --        stop handling options\n"
            + "  -         stop handling options and execute stdin\n";
    /** Calls a REPL line and prints its results with the global print (lua.c's l_print); hidden in tracebacks. */
    private static final String PRINTER =
            "local r = table.pack((...)()) if r.n > 0 then print(table.unpack(r, 1, r.n)) end";

    private final Lua L;
    private final LuaSession session;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    private LuaCommandLine(LuaSession session, InputStream in, PrintStream out, PrintStream err) {
        this.session = session;
        this.L = session.lua();
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The options lua.c's collectargs found: flags and where the script is (0: none). */
    private static final class Parsed {
        boolean error;
        boolean e;
        boolean i;
        boolean v;
        boolean noEnv;
        int script;
        String badOption;
    }

    /**
     * Runs {@code lua5.4 ARGS...} over {@code t}: {@code args} are the command line after the program name.
     *
     * @param environment where {@code LUA_INIT*}, {@code LUA_PATH*}, {@code LUA_CPATH*} are read (not with -E)
     * @param stdinIsTerminal whether {@code in} is an interactive terminal (for the no-argument case)
     * @return the exit status
     */
    public static int run(Transport t, List<String> args, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> environment, boolean stdinIsTerminal) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(PROGNAME);
        argv.addAll(args);
        Parsed p = collect(argv);
        if (p.error) {
            String bad = p.badOption;
            err.print(PROGNAME + ": ");
            if (bad.length() > 1 && (bad.charAt(1) == 'e' || bad.charAt(1) == 'l')) {
                err.print("'" + bad + "' needs argument\n");
            } else {
                err.print("unrecognized option '" + bad + "'\n");
            }
            err.print(USAGE);
            err.flush();
            return 1;
        }
        if (p.v) {
            out.println(VERSION_LINE);
            out.flush();
        }
        try (LuaSession session = LuaSession.open(t, out, err, p.noEnv ? Map.of() : environment)) {
            LuaCommandLine c = new LuaCommandLine(session, in, out, err);
            return c.main(argv, p, environment, stdinIsTerminal);
        }
    }

    private int main(List<String> argv, Parsed p, Map<String, String> environment, boolean tty) {
        if (p.noEnv) {
            L.run("debug.getregistry().LUA_NOENV = true");
        }
        argTable(argv, p.script);
        int status;
        if (!p.noEnv && (status = luaInit(environment)) != 0) {
            return status;
        }
        int optionsEnd = p.script > 0 ? p.script : argv.size();
        for (int k = 1; k < optionsEnd; k++) {
            String a = argv.get(k);
            char option = a.charAt(1);
            if (option == 'e' || option == 'l') {
                String extra = a.length() > 2 ? a.substring(2) : argv.get(++k);
                status = option == 'e' ? doString(extra, "=(command line)") : doLibrary(extra);
                if (status != 0) {
                    return status;
                }
            } else if (option == 'W') {
                L.run("warn('@on')");
            }
        }
        if (p.script > 0) {
            String name = argv.get(p.script);
            boolean stdin = name.equals("-") && !argv.get(p.script - 1).equals("--");
            List<String> scriptArgs = argv.subList(p.script + 1, argv.size());
            status = doFile(stdin ? null : name, scriptArgs);
            if (status != 0) {
                return status;
            }
        }
        if (p.i) {
            return repl();
        } else if (p.script < 1 && !p.e && !p.v) {
            if (tty) {
                out.println(VERSION_LINE);
                return repl();
            }
            return doFile(null, List.of());
        }
        return 0;
    }

    /** lua.c's collectargs. */
    private static Parsed collect(List<String> argv) {
        Parsed p = new Parsed();
        for (int k = 1; k < argv.size(); k++) {
            String a = argv.get(k);
            p.script = k;
            if (a.isEmpty() || a.charAt(0) != '-') {
                return p;
            }
            char o = a.length() > 1 ? a.charAt(1) : '\0';
            boolean extra = a.length() > 2;
            switch (o) {
                case '-':
                    if (extra) {
                        return bad(p, a);
                    }
                    p.script = k + 1 < argv.size() ? k + 1 : 0;
                    return p;
                case '\0':
                    return p;
                case 'E':
                    if (extra) {
                        return bad(p, a);
                    }
                    p.noEnv = true;
                    break;
                case 'W':
                    if (extra) {
                        return bad(p, a);
                    }
                    break;
                case 'i':
                case 'v':
                    if (extra) {
                        return bad(p, a);
                    }
                    p.i |= o == 'i';
                    p.v = true;
                    break;
                case 'e':
                case 'l':
                    p.e |= o == 'e';
                    if (!extra) {
                        k++;
                        if (k >= argv.size() || argv.get(k).startsWith("-")) {
                            return bad(p, a);
                        }
                    }
                    break;
                default:
                    return bad(p, a);
            }
        }
        p.script = 0;
        return p;
    }

    private static Parsed bad(Parsed p, String option) {
        p.error = true;
        p.badOption = option;
        return p;
    }

    /** lua.c's createargtable: arg[0] the script (or the program name), the options before it negative. */
    private void argTable(List<String> argv, int script) {
        int s = script > 0 ? script : 0;
        L.createTable(argv.size() - s - 1 > 0 ? argv.size() - s - 1 : 0, s + 1);
        for (int k = 0; k < argv.size(); k++) {
            Stack.push(L, argv.get(k));
            L.rawSetI(-2, k - s);
        }
        L.setGlobal("arg");
    }

    private int luaInit(Map<String, String> environment) {
        String name = "LUA_INIT_5_4";
        String init = environment.get(name);
        if (init == null) {
            name = "LUA_INIT";
            init = environment.get(name);
        }
        if (init == null) {
            return 0;
        }
        if (init.startsWith("@")) {
            return doFile(init.substring(1), List.of());
        }
        return doString(init, "=" + name);
    }

    private int doString(String code, String chunkname) {
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        if (!load(b, 0, chunkname, true)) {
            return 1;
        }
        return session.runMain(PROGNAME, 0);
    }

    private int doLibrary(String spec) {
        int eq = spec.indexOf('=');
        String global;
        String module;
        if (eq < 0) {
            module = spec;
            int dash = spec.indexOf('-');
            global = dash < 0 ? spec : spec.substring(0, dash);
        } else {
            global = spec.substring(0, eq);
            module = spec.substring(eq + 1);
        }
        // require is called straight from the runner (a C caller, as lua.c's docall): no position in its
        // messages and the same traceback; what it returned is package.loaded[module].
        L.getGlobal("require");
        Stack.push(L, module);
        int status = session.runMain(PROGNAME, 1);
        if (status == 0) {
            L.getRegisteredMetatable("_LOADED"); // registry._LOADED is package.loaded
            Stack.push(L, module);
            L.rawGet(-2);
            L.setGlobal(global);
            L.pop(1);
        }
        return status;
    }

    /** A file (null: standard input) run with {@code args} as {@code ...}; luaL_loadfile's messages. */
    private int doFile(String file, List<String> args) {
        byte[] code;
        String chunkname;
        if (file == null) {
            try {
                code = in.readAllBytes();
            } catch (IOException e) {
                return report("cannot read stdin");
            }
            chunkname = "=stdin";
        } else {
            try {
                code = Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                return report("cannot open " + file + ": No such file or directory");
            } catch (IOException | RuntimeException e) {
                return report("cannot open " + file);
            }
            chunkname = "@" + file;
        }
        int start = 0;
        if (code.length > 0 && code[0] == '#') {
            while (start < code.length && code[start] != '\n') {
                start++;
            }
        }
        if (!load(code, start, chunkname, true)) {
            return 1;
        }
        for (String a : args) {
            Stack.push(L, a);
        }
        return session.runMain(PROGNAME, args.size());
    }

    /** Loads a chunk onto the stack; on a syntax error reports it (when asked) and returns false. */
    private boolean load(byte[] code, int start, String chunkname, boolean reportError) {
        ByteBuffer b = ByteBuffer.allocateDirect(code.length - start);
        b.put(code, start, code.length - start).flip();
        try {
            L.load(b, chunkname);
            return true;
        } catch (LuaException e) {
            lastError = e.getMessage();
            if (reportError) {
                report(lastError);
            }
            return false;
        }
    }

    private String lastError;

    private void helper(String code, String name) {
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
        buf.put(b).flip();
        L.load(buf, "@mtcp-lua/" + name);
    }

    private int report(String message) {
        err.print(PROGNAME + ": " + message + "\n");
        err.flush();
        return 1;
    }

    // ---- the REPL ---------------------------------------------------------------------------------------

    private int repl() {
        while (true) {
            String line = readLine(prompt(true));
            if (line == null) {
                break;
            }
            if (line.startsWith("=")) {
                line = "return " + line.substring(1); // Lua 5.2's "=expr", still read by lua.c
            }
            if (!load(("return " + line).getBytes(StandardCharsets.ISO_8859_1), 0, "=stdin", false)) {
                String chunk = line;
                boolean loaded;
                while (!(loaded = load(chunk.getBytes(StandardCharsets.ISO_8859_1), 0, "=stdin", false))
                        && lastError != null && lastError.endsWith("<eof>")) {
                    String more = readLine(prompt(false));
                    if (more == null) {
                        break;
                    }
                    chunk = chunk + "\n" + more;
                }
                if (!loaded) {
                    err.print(lastError + "\n");
                    err.flush();
                    continue;
                }
            }
            helper(PRINTER, "repl");
            L.insert(-2);
            int status = session.runMain("", 1);
            if (exitRequested(status)) {
                return status;
            }
        }
        out.print("\n");
        out.flush();
        return 0;
    }

    /** os.exit in the REPL ends it with its status (console.lua notes the request in the registry). */
    private boolean exitRequested(int status) {
        L.getRegisteredMetatable(EXIT_FIELD);
        boolean exit = !L.isNil(-1);
        L.pop(1);
        return exit;
    }

    /** Registry field console.lua's os.exit sets to the status it asks for. */
    static final String EXIT_FIELD = "org.mtcp.lua.exit";

    private String prompt(boolean first) {
        L.getGlobal(first ? "_PROMPT" : "_PROMPT2");
        String p = null;
        if (L.isString(-1) || L.isNumber(-1)) {
            L.pushValue(-1);
            p = Stack.text(L, -1);
            L.pop(1);
        }
        L.pop(1);
        return p != null ? p : first ? "> " : ">> ";
    }

    /** One line from standard input without its newline; null at the end of input. */
    private String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1); // bytes kept as they are (Latin-1 maps each to one char)
    }
}
