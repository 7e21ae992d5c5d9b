package org.mtcp.lua;

import java.util.HashMap;
import java.util.Map;
import party.iroiro.luajava.AbstractLua;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua54.Lua54;
import party.iroiro.luajava.lua54.Lua54Natives;

/**
 * The session's Lua 5.4 state, in which coroutines stay collectable as in C Lua.
 *
 * <p>Why: the first time a coroutine calls a Java function, LuaJava "adopts" it: it gives the thread an id,
 * records {@code registry[thread] = id} (a strong reference, so the coroutine could never be collected) and
 * keeps a Java {@link Lua} object for it. So every coroutine that ever called a socket function leaked, Lua
 * side and Java side (copas expects dead coroutines to go away).
 *
 * <p>How: {@code threads.lua} gives the registry weak keys, so LuaJava's {@code registry[thread]} no longer
 * keeps a coroutine alive, and watches every adopted coroutine with a sentinel that refers to it from an
 * ephemeron table. When the coroutine becomes garbage the sentinel's finalizer runs while the coroutine is
 * still alive (resurrected by the sentinel for that one cycle) and calls {@link #forget}, which closes the
 * Java object (LuaJava then drops the id and the registry entry). The coroutine is freed by the next cycle,
 * so two {@code collectgarbage()} calls, as copas makes, see it gone. Threads created from Java with
 * {@link #newThread()} are anchored in a strong registry table until their Java object is closed, as LuaJava
 * promises for those.
 */
final class SessionLua extends Lua54 {
    /** Registry field of threads.lua's {@code watch(thread, id)}. */
    static final String WATCH = "org.mtcp.lua.watch";
    /** Registry field of the table anchoring threads created from Java. */
    static final String ANCHORS = "org.mtcp.lua.anchors";

    /** Adopted threads by id (main state only). */
    private final Map<Integer, SessionLua> adopted;
    /** True for an adopted thread not yet watched by a sentinel. */
    private boolean unwatched;
    /** True for a thread created from Java (anchored). */
    private boolean anchored;
    /** Set while {@link #newThread()} runs on the main state. */
    private boolean creatingFromJava;

    SessionLua() {
        super();
        this.adopted = new HashMap<>();
    }

    private SessionLua(long pointer, int id, AbstractLua main) {
        super(pointer, id, main);
        this.adopted = null;
    }

    @Override
    protected AbstractLua newThread(long pointer, int id, AbstractLua main) {
        SessionLua m = (SessionLua) main;
        SessionLua t = new SessionLua(pointer, id, main);
        if (m.creatingFromJava) {
            t.anchored = true;
        } else {
            t.unwatched = true;
            m.adopted.put(id, t);
        }
        return t;
    }

    @Override
    public AbstractLua newThread() {
        SessionLua m = (SessionLua) getMainState();
        m.creatingFromJava = true;
        AbstractLua t;
        try {
            t = super.newThread();
        } finally {
            m.creatingFromJava = false;
        }
        // The new thread is on top of this stack: anchors[thread] = true.
        getRegisteredMetatable(ANCHORS);
        pushValue(-2);
        push(true);
        rawSet(-3);
        pop(1);
        return t;
    }

    @Override
    public void close() {
        if (anchored && !((SessionLua) getMainState()).isClosed()) {
            anchored = false;
            getRegisteredMetatable(ANCHORS);
            pushThread();
            pushNil();
            rawSet(-3);
            pop(1);
        }
        super.close();
    }

    /**
     * Called at the start of every Java function: a thread LuaJava has just adopted gets its sentinel (only
     * the first call on a coroutine does any work).
     */
    static void watch(Lua L) {
        if (L instanceof SessionLua) {
            SessionLua t = (SessionLua) L;
            if (t.unwatched) {
                t.unwatched = false;
                t.getRegisteredMetatable(WATCH);
                t.pushThread();
                t.push((long) t.getId());
                if (((Lua54Natives) t.getLuaNatives()).lua_pcall(t.getPointer(), 2, 0, 0) != 0) {
                    t.pop(1); // only a memory error can get here; the coroutine then just stays uncollected
                }
            }
        }
    }

    /** The sentinel's finalizer: the adopted coroutine {@code id} is garbage; close its Java object. */
    void forget(int id) {
        SessionLua t = adopted.remove(id);
        if (t != null) {
            t.close();
        }
    }

    /** How many adopted coroutines still have a Java object (for tests and the soak). */
    int adoptedCount() {
        return adopted.size();
    }
}
