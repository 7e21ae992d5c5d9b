/**
 * mtcp for the JVM: the mtcp and LuaSocket TCP contracts over interchangeable transports.
 *
 * <p>Start with {@link org.mtcp.Transports} to pick a transport, then use {@link org.mtcp.mtcp.Mtcp}
 * (fd-based functions) or {@link org.mtcp.luasocket.LuaSocket} (TCP objects) on it:
 * <pre>{@code
 * Transport t = Transports.prefer("ffm", "nio", "blocking");
 * LuaSocket socket = LuaSocket.on(t);
 * Tcp server = socket.bind("127.0.0.1", 0).orThrow();
 * }</pre>
 *
 * <h2>From Lua conventions to Java — the one mapping every API here follows</h2>
 * <table>
 *   <caption>Lua convention and its Java form</caption>
 *   <tr><th>Lua</th><th>Java</th></tr>
 *   <tr><td>a <em>raised</em> error (bad argument type, wrong object class, invalid pattern, timeout mode,
 *       option or shutdown mode, mtcp's {@code write: idx (N) too large})</td>
 *       <td>an unchecked {@link org.mtcp.LuaError} whose message is the C module's text, e.g.
 *       {@code bad argument #1 to 'receive' (invalid receive pattern)}. Argument numbers count as in Lua's
 *       method-call syntax (self is not counted). A Java {@code null} where Lua needs a value is "nil".</td></tr>
 *   <tr><td>a <em>returned</em> failure {@code nil, msg}</td>
 *       <td>a failed {@link org.mtcp.Result} carrying exactly {@code msg} — never an exception. Test with
 *       {@code isOk()}, read {@code error()}, or call {@code orThrow()} if you prefer exceptions.</td></tr>
 *   <tr><td>{@code nil, msg, partial} (receive) and {@code nil, msg, last} (send)</td>
 *       <td>{@link org.mtcp.luasocket.Received} and {@link org.mtcp.luasocket.Sent}, which carry the
 *       partial data or index with the message.</td></tr>
 *   <tr><td>multiple returns</td>
 *       <td>a record: {@link org.mtcp.mtcp.FdAddress} (fd, raw address), {@link org.mtcp.luasocket.SockName}
 *       (ip, port, family), {@link org.mtcp.luasocket.Stats}, {@link org.mtcp.luasocket.Timeouts},
 *       {@link org.mtcp.luasocket.SelectResult}, {@link org.mtcp.mtcp.HostPort}.</td></tr>
 *   <tr><td>LuaSocket's success value {@code 1}</td><td>{@code Integer 1} (or a {@code Result} holding it).</td></tr>
 *   <tr><td>strings</td>
 *       <td>byte strings are {@code byte[]}, all 256 values preserved. Methods that take a Lua value take
 *       {@code Object}: {@code byte[]} as is, a Java {@code String} encoded as UTF-8, a {@code Number}
 *       converted as Lua's {@code tostring} does ({@code 8080} → "8080", {@code 8080.0} → "8080.0").
 *       {@code Received.string()} decodes as UTF-8 only when asked.</td></tr>
 *   <tr><td>numbers</td>
 *       <td>Lua-typed numeric arguments accept a {@code Number} or a numeric string, as Lua's
 *       {@code tonumber} reads it; LuaSocket truncates toward zero where C casts (send's i and j, receive
 *       counts, listen's backlog). mtcp's integer arguments are {@code long}.</td></tr>
 *   <tr><td>indices</td><td>1-based and inclusive, as {@code string.sub}: {@code send(data, i, j)},
 *       mtcp {@code write(fd, s, idx, n)}; negatives count from the end where Lua's do.</td></tr>
 *   <tr><td>time</td><td>LuaSocket timeouts, ages and {@code socket.sleep} are seconds as {@code double};
 *       mtcp's read timeout and {@code msleep} are milliseconds as {@code long}, as in the C modules.</td></tr>
 *   <tr><td>descriptors</td><td>{@code int}; -1 means none (LuaSocket's {@code _SOCKETINVALID}).</td></tr>
 *   <tr><td>garbage collection closes a socket</td><td>a LuaSocket object nobody references is closed by a
 *       {@link java.lang.ref.Cleaner}; mtcp descriptors, like C's, stay open until closed.</td></tr>
 * </table>
 *
 * <p>Error texts and errno numbers are the Linux/glibc ones on every transport (see
 * {@link org.mtcp.spi.Errno}).
 */
// The package's own semantic version (OSGi Export-Package), independent of the project version: bnd
// baselining says when a change needs a minor or major step.
@Version("0.1.0")
package org.mtcp;

import org.osgi.annotation.versioning.Version;
