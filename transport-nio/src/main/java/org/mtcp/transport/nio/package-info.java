/**
 * The NIO transport: Linux socket primitives over {@code SocketChannel}, {@code ServerSocketChannel} and
 * {@code Selector}, for Java 17 and later. Provider name {@code "nio"}, priority 20.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li>A descriptor ({@link org.mtcp.spi.DescriptorTable}, lowest free number from 3; limit
 *       {@code mtcp.nio.maxDescriptors}, default 2<sup>20</sup>) names a {@code NioSocket}. It starts as
 *       a non-blocking {@code SocketChannel}, which can be bound without listening; {@code listen}
 *       re-binds its address as a {@code ServerSocketChannel}. User options are remembered and carried to
 *       every channel the descriptor gets.</li>
 *   <li>Waits borrow a selector from a pool ({@code SlotPool}); a socket stays registered with every
 *       selector it has waited on, so a wait costs no registration and a poll of an unchanged set no
 *       {@code epoll_ctl}. Closing first makes those selectors deregister the socket, so the descriptor
 *       really closes (and frees its port) at once, with Linux's close semantics (linger, RST when
 *       unread data is left), and blocked calls end with EBADF; a blocked poll reports POLLNVAL.</li>
 *   <li>Reads and writes wrap the caller's array in a heap buffer kept per socket while the caller
 *       reuses that array; the JDK copies through its own cached direct buffer.</li>
 * </ul>
 *
 * <h2>Emulated (NIO cannot ask the kernel), and how faithfully</h2>
 * <ul>
 *   <li><b>IPV6_V6ONLY</b>: NIO sockets are always dual-stack. The option is stored: settable only
 *       before the socket has a port (EINVAL after, as Linux), ENOPROTOOPT on IPv4 sockets. A v6-only
 *       socket refuses to bind a v4-mapped address (EINVAL) and to connect to one (ENETUNREACH, as
 *       Linux); a v6-only listener drops IPv4 peers (with a reset) instead of accepting them. Not
 *       emulated: the kernel socket still occupies the IPv4 port, so an IPv4 socket cannot bind the
 *       same port, and an IPv4 client sees its connection accepted and then reset rather than refused.
 *       {@link org.mtcp.spi.Capability#KERNEL_V6ONLY} is therefore not declared.</li>
 *   <li><b>Connect</b>: Linux's sequence (a connect that finished unobserved returns 0 once, then
 *       EISCONN; a failure is reported once, then the socket is unconnected; ECONNABORTED if the error
 *       was read by {@code getOption("error")}, a read or a write first). NIO closes a channel whose
 *       connect failed; the socket gets a fresh channel with the same options, re-bound to the address
 *       the user bound (an explicit port is kept, as Linux keeps it).</li>
 *   <li><b>SO_ERROR</b> ({@code "error"}): the error of a failed connect, cleared on read. Errors NIO
 *       does not surface (a reset nobody has read yet) are not seen.</li>
 *   <li><b>SHUT_RD</b>: Linux's effect is local only (reads return end of stream once nothing is
 *       queued, data arriving later is still delivered, poll shows POLLIN), and that is what is done;
 *       the JDK's {@code shutdownInput} would hide queued data. A listener's SHUT_RD stops listening
 *       and keeps the address, as on Linux.</li>
 *   <li><b>Poll bits</b>: POLLIN, POLLOUT, POLLNVAL are exact; POLLERR and POLLHUP come from what the
 *       socket knows (unconnected sockets, failed connects, both directions shut, a reset reported by an
 *       earlier call). A reset that no call has seen yet shows as POLLIN/POLLOUT only (the next read or
 *       write reports it), where Linux would add POLLERR|POLLHUP. A socket polled with no events gets
 *       no bits until its state says so.</li>
 *   <li><b>Options a listening channel cannot hold</b> (keepalive, tcp-nodelay, linger,
 *       send-buffer-size): kept by the socket and applied to each accepted socket, as Linux's accepted
 *       sockets inherit them. Buffer sizes read as Linux reports them (doubled). Linger times above
 *       65535 s are capped by the JDK; a negative linger time is EINVAL.</li>
 * </ul>
 *
 * <h2>Not available</h2>
 * tcp-defer-accept, tcp-fastopen, tcp-fastopen-connect and bindtodevice (ENOPROTOOPT, not in
 * {@code options()}, hence no {@link org.mtcp.spi.Capability#LINUX_TCP_OPTIONS}); the keepalive
 * tuning options need the {@code jdk.net} module and are dropped from {@code options()} without it.
 * {@code listen} cannot change the backlog of a socket already listening, and the JDK turns a backlog
 * below 1 into 50. {@code shutdown} of a socket whose connect is still in progress fails with ENOTCONN
 * (Linux aborts the connect and returns 0). A Java interrupt ends a wait with EINTR.
 */
package org.mtcp.transport.nio;
