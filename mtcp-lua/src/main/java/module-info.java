/**
 * Real Lua 5.4 on the JVM with LuaSocket's {@code socket} and Phil Leblanc's {@code mtcp} modules implemented
 * by the mtcp Java API over any transport. Start with {@link org.mtcp.lua.LuaRunner} (run a script file as
 * {@code lua5.4} would) or {@link org.mtcp.lua.LuaSession} (a Lua state with the modules registered).
 *
 * <p>LuaJava ({@code party.iroiro.luajava}) is used as automatic modules; it loads the Lua shared library
 * itself. This module contains no native code.
 */
module org.mtcp.lua {
    requires transitive org.mtcp.spi;
    requires transitive party.iroiro.luajava;
    requires party.iroiro.luajava.lua54;

    exports org.mtcp.lua;

    uses org.mtcp.spi.TransportProvider;
}
