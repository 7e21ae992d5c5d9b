package org.mtcp.lua;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Set;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua54.Lua54Natives;

/**
 * A Lua table argument as the {@link java.util.Map} the Java API reads ({@code setoption("linger", {on=...,
 * timeout=...})}), valid while the Java function that received it runs. {@link #get} indexes the table as
 * {@code lua_gettable} does, metamethods included, through a protected call of the glue's indexing function;
 * a Lua error there becomes {@link LuaRaised}. The table cannot be listed.
 */
final class LuaTableView extends AbstractMap<Object, Object> {
    /** Registry field holding {@code function(t, k) return t[k] end} (set by auxlib.lua). */
    static final String INDEX = "org.mtcp.lua.index";

    private final Lua L;
    private final int idx;

    /** The table at the absolute stack index {@code idx}. */
    LuaTableView(Lua L, int idx) {
        this.L = L;
        this.idx = idx;
    }

    @Override
    public Object get(Object key) {
        L.getRegisteredMetatable(INDEX);
        L.pushValue(idx);
        if (key instanceof Number) {
            Stack.pushFloat(L, ((Number) key).doubleValue());
        } else {
            Stack.push(L, String.valueOf(key).getBytes(StandardCharsets.UTF_8));
        }
        if (((Lua54Natives) L.getLuaNatives()).lua_pcall(L.getPointer(), 2, 1, 0) != 0) {
            throw new LuaRaised(L);
        }
        Object v = L.type(-1) == Lua.LuaType.TABLE ? new LuaOpaque("table") : Stack.value(L, -1);
        L.pop(1);
        return v;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        throw new UnsupportedOperationException("a Lua table is read by key");
    }
}
