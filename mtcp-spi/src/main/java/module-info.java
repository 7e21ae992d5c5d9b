/**
 * The mtcp and LuaSocket TCP contracts for Java.
 *
 * <ul>
 *   <li>{@link org.mtcp} — choosing a transport and the Lua-to-Java conventions ({@link org.mtcp.Result},
 *       {@link org.mtcp.LuaError}).</li>
 *   <li>{@link org.mtcp.mtcp} — Phil Leblanc's fd-based mtcp functions.</li>
 *   <li>{@link org.mtcp.luasocket} — LuaSocket's master/client/server TCP objects and module helpers.</li>
 *   <li>{@link org.mtcp.spi} — what a transport implements: I/O primitives only.</li>
 * </ul>
 */
module org.mtcp.spi {
    exports org.mtcp;
    exports org.mtcp.mtcp;
    exports org.mtcp.luasocket;
    exports org.mtcp.spi;

    uses org.mtcp.spi.TransportProvider;
}
