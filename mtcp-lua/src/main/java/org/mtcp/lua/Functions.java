package org.mtcp.lua;

import java.util.LinkedHashMap;
import java.util.Map;
import party.iroiro.luajava.Lua;

/** A named set of Java functions, pushed onto a Lua stack as one table for a Lua module's glue code. */
final class Functions {
    private final Map<String, Stack.Body> bodies = new LinkedHashMap<>();

    Functions add(String name, Stack.Body body) {
        bodies.put(name, body);
        return this;
    }

    /** Pushes a new table holding every function. */
    void push(Lua L) {
        L.createTable(0, bodies.size());
        for (Map.Entry<String, Stack.Body> e : bodies.entrySet()) {
            L.push(Stack.fn(e.getValue()));
            L.setField(-2, e.getKey());
        }
    }
}
