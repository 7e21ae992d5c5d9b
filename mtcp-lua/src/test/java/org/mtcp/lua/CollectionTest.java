package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mtcp.Transports;
import party.iroiro.luajava.Lua;

/**
 * Dead coroutines and dropped socket objects are collected as in C Lua (copas relies on it), on every
 * transport: a coroutine that called socket functions leaves a weak table after two full collections, and
 * leaves no Java object behind; many of them keep Lua's memory flat; a thread created from Java stays
 * alive until Java closes it.
 */
class CollectionTest {
    /** Dropped coroutines (finished, suspended, failed) that made socket calls, and a dropped socket. */
    private static final String WEAK = String.join("\n",
            "local socket = require 'socket'",
            "local weak = setmetatable({}, {__mode = 'k'})",
            "local values = setmetatable({}, {__mode = 'v'})",
            "local server = assert(socket.bind('127.0.0.1', 0))",
            "local function track(what, v) weak[v] = what; values[#values + 1] = v end",
            "local done = coroutine.create(function() return server:getsockname() end)",
            "assert(coroutine.resume(done)); track('finished', done); done = nil",
            "local held = coroutine.create(function() local c = socket.tcp(); coroutine.yield(c:getfd()) end)",
            "assert(coroutine.resume(held)); track('suspended', held); held = nil",
            "local bad = coroutine.create(function() socket.gettime(); error('boom') end)",
            "assert(not coroutine.resume(bad)); track('failed', bad); bad = nil",
            "local wrapped = coroutine.wrap(function() socket.sleep(0); coroutine.yield() end)",
            "wrapped(); track('wrapped', wrapped); wrapped = nil",
            "track('socket', socket.tcp())",
            "collectgarbage(); collectgarbage()",
            "local left = {}",
            "for _, what in pairs(weak) do left[#left + 1] = what end",
            "for _, v in pairs(values) do left[#left + 1] = 'value ' .. tostring(v) end",
            "server:close()",
            "return table.concat(left, ' ')");

    private static List<DynamicTest> perTransport(String name, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String transport : Scripts.transports()) {
            tests.add(DynamicTest.dynamicTest(name + " on " + transport, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (var t = Transports.require(transport);
                     PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                     LuaSession session = LuaSession.open(t, o, o)) {
                    check.run(session, out);
                }
            }));
        }
        return tests.isEmpty() ? List.of(Scripts.noTransport()) : tests;
    }

    interface Check {
        void run(LuaSession session, ByteArrayOutputStream out) throws Exception;
    }

    private static String eval(Lua L, String chunk) {
        L.load(chunk);
        L.pCall(0, 1);
        String s = L.toString(-1);
        L.pop(1);
        return s;
    }

    @TestFactory
    Stream<DynamicTest> droppedCoroutinesAndSocketsLeaveWeakTables() {
        return perTransport("weak tables", (session, out) -> {
            assertEquals("", eval(session.lua(), WEAK), "still referenced from a weak table");
            assertEquals(0, ((SessionLua) session.lua()).adoptedCount(), "Java objects of collected coroutines");
        }).stream();
    }

    @TestFactory
    Stream<DynamicTest> manyShortLivedCoroutinesKeepMemoryFlat() {
        return perTransport("5,000 coroutines", (session, out) -> {
            Lua L = session.lua();
            byte[] code = java.nio.file.Files.readAllBytes(Scripts.DIR.resolve("coroutine_soak.lua"));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(code.length).put(code).flip();
            L.load(b, "@coroutine_soak.lua");
            L.createTable(2, 0);
            L.push("5000"); // blocking: a zero timeout waits 1 ms (SO_TIMEOUT)
            L.rawSetI(-2, 1);
            L.push("512");
            L.rawSetI(-2, 2);
            L.setGlobal("arg");
            L.pCall(0, 0);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("left_in_weak_table 0"), printed);
            L.run("collectgarbage(); collectgarbage()");
            assertTrue(((SessionLua) L).adoptedCount() < 10, "adopted coroutines kept: "
                    + ((SessionLua) L).adoptedCount());
        }).stream();
    }

    @TestFactory
    Stream<DynamicTest> threadsCreatedFromJavaStayUntilClosed() {
        return perTransport("Java-created thread", (session, out) -> {
            Lua L = session.lua();
            Lua t = L.newThread();
            L.pop(1);
            L.run("collectgarbage(); collectgarbage()");
            t.load("return require('socket').gettime() > 0");
            t.pCall(0, 1);
            assertTrue(t.toBoolean(-1));
            t.pop(1);
            t.close();
            L.run("collectgarbage(); collectgarbage()");
        }).stream();
    }
}
