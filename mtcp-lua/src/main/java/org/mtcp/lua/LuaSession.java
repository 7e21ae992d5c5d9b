package org.mtcp.lua;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua54.Lua54Natives;

/**
 * A real Lua 5.4 state (LuaJava) with LuaSocket's {@code socket}/{@code socket.core} and {@code mtcp}
 * registered in {@code package.preload}, both implemented by the mtcp Java API over one {@link Transport}.
 * Scripts see the same Lua types, raised errors and returned failures as with the C modules (see the
 * module's README for the few known differences).
 *
 * <p>The state looks like the stand-alone interpreter's: the standard libraries, no {@code java} global
 * and only Lua's own four package searchers. {@code print}, {@code io.write}, {@code io.stdout} and
 * {@code io.stderr} write to the streams given here; {@code os.exit} ends the running script (see
 * {@link LuaRunner}) instead of the JVM.
 *
 * <p>A session is confined to the thread that uses it (a Lua state is single-threaded). {@link #close()}
 * closes the state, which runs {@code __gc} on every socket, then closes the mtcp descriptors the scripts
 * left open, as process exit would. The transport itself is the caller's.
 */
public final class LuaSession implements AutoCloseable {
    private static final String GLUE = "org/mtcp/lua/";

    private final SessionLua lua;
    private final Transport transport;
    private final SocketFunctions socket;
    private final MtcpFunctions mtcp;
    private final PrintStream out;
    private final PrintStream err;
    private final int runnerRef;
    private boolean closed;

    private LuaSession(Transport transport, PrintStream out, PrintStream err, Map<String, String> environment) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.socket = new SocketFunctions(LuaSocket.on(transport));
        this.mtcp = new MtcpFunctions(Mtcp.on(transport));
        this.lua = new SessionLua();
        try {
            lua.openLibraries();
            standAlone();
            runGlue("threads.lua", -1, 0, new Functions().add("forget", L -> {
                lua.forget((int) L.toInteger(1));
                return 0;
            }));
            int aux = runGlue("auxlib.lua", -1, 1, new Functions());
            int exitMarker = runGlue("console.lua", aux, 1, consoleFunctions());
            int socketLoader = runGlue("socket.lua", aux, 1, socketFunctions());
            socketLoader = runGlue("socket_layer.lua", aux, 1, new Functions(), socketLoader);
            runGlue("mime.lua", aux, 0, MimeFunctions.functions());
            runGlue("mtcp.lua", aux, 0, mtcp.functions());
            runGlue("package.lua", aux, 0, PackageFunctions.functions(environment), socketLoader);
            this.runnerRef = runGlue("runner.lua", -1, 1, consoleFunctions(), exitMarker);
        } catch (RuntimeException | Error e) {
            lua.close();
            throw e;
        }
    }

    /** A session whose scripts print to {@code System.out} and {@code System.err}. */
    public static LuaSession open(Transport transport) {
        return open(transport, System.out, System.err);
    }

    /** A session whose scripts print to the given streams. */
    public static LuaSession open(Transport transport, PrintStream out, PrintStream err) {
        return open(transport, out, err, System.getenv());
    }

    /**
     * A session whose {@code package.path}/{@code package.cpath} come from {@code environment} as lua5.4's
     * come from the process environment ({@code LUA_PATH_5_4}, {@code LUA_PATH}, {@code LUA_CPATH_5_4},
     * {@code LUA_CPATH}, a {@code ;;} standing for the default); an empty map gives the defaults
     * ({@code lua5.4 -E}).
     */
    public static LuaSession open(Transport transport, PrintStream out, PrintStream err,
            Map<String, String> environment) {
        return new LuaSession(transport, out, err, Map.copyOf(environment));
    }

    /** The Lua state, for embedding: load and call chunks with LuaJava's API on this thread. */
    public Lua lua() {
        return lua;
    }

    /** The transport the modules use. */
    public Transport transport() {
        return transport;
    }

    /** Removes what LuaJava adds to a plain {@code lua_State}: the {@code java} table and its searchers. */
    private void standAlone() {
        lua.run("java = nil\n"
                + "package.loaded.java = nil\n"
                + "for i = #package.searchers, 5, -1 do package.searchers[i] = nil end\n");
    }

    private Functions consoleFunctions() {
        return new Functions()
                .add("write", L -> {
                    byte[] b = Stack.bytes(L, 2);
                    (L.toInteger(1) == 2 ? err : out).write(b, 0, b.length);
                    return 0;
                })
                .add("flush", L -> {
                    (L.toInteger(1) == 2 ? err : out).flush();
                    return 0;
                });
    }

    private Functions socketFunctions() {
        return socket.functions()
                .add("newud", L -> {
                    ((Lua54Natives) L.getLuaNatives()).lua_newuserdatauv(L.getPointer(), 0, 0);
                    return 1;
                });
    }

    /**
     * Loads one glue chunk and calls it with (functions, auxlib, extra refs...); returns a registry reference
     * to its first result when {@code results} is 1, else 0.
     */
    private int runGlue(String name, int auxRef, int results, Object... args) {
        lua.load(resource(name), "@mtcp-lua/" + name);
        int n = 0;
        for (Object a : args) {
            if (a instanceof Functions) {
                ((Functions) a).add("cwrap", Trampoline::cwrap).push(lua);
                n++;
                if (auxRef >= 0) {
                    lua.refGet(auxRef);
                    n++;
                }
            } else {
                lua.refGet((Integer) a);
                n++;
            }
        }
        lua.pCall(n, results);
        return results == 1 ? lua.ref() : 0;
    }

    private static ByteBuffer resource(String name) {
        try (InputStream in = LuaSession.class.getResourceAsStream("/" + GLUE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua glue " + name);
            }
            byte[] b = in.readAllBytes();
            ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
            buf.put(b).flip();
            return buf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a loaded main chunk (on top of the stack, followed by {@code nargs} arguments) as the stand-alone
     * interpreter does; returns the exit status: 0, the os.exit status, or 1 after printing
     * {@code progname: message} and the traceback to the error stream.
     */
    int runMain(String progname, int nargs) {
        lua.refGet(runnerRef);
        lua.insert(-(nargs + 2));
        lua.push(progname);
        lua.insert(-(nargs + 2));
        lua.pCall(nargs + 2, 1);
        long status = lua.toInteger(-1);
        lua.pop(1);
        return (int) status;
    }

    /** Closes the state ({@code __gc} closes the sockets), then whatever descriptors are still open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lua.close();
        } finally {
            socket.closeAll();
            mtcp.closeAll();
            out.flush();
            err.flush();
        }
    }
}
