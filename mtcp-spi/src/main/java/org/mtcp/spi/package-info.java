/**
 * The transport provider interface: what a transport supplies, and nothing more.
 *
 * <p>A transport is an I/O adapter. It implements {@link org.mtcp.spi.Transport}'s primitives — open, bind,
 * listen, accept, connect, read, write, shutdown, close, options, addresses, name resolution, readiness
 * waiting and sleep — on descriptors it numbers itself, reports every failure as a Linux errno
 * ({@link org.mtcp.spi.ErrnoException}) or resolver code ({@link org.mtcp.spi.GaiException}), and is found
 * through {@link org.mtcp.spi.TransportProvider} with {@link java.util.ServiceLoader}. Every documented
 * behaviour of mtcp and LuaSocket (receive patterns, send indices, timeouts, stats, the object state
 * machine, mtcp's read loop, error texts) lives once in {@code org.mtcp.spi}'s shared layer, so a transport
 * never implements semantics.
 *
 * <h2>Waiting</h2>
 * Every primitive that may block takes {@code waitNanos}: negative waits without limit, {@code 0} tries once
 * without waiting, a positive value waits at most that long. Such a primitive tries its operation first,
 * waits for readiness only if the operation would block, and returns {@link org.mtcp.spi.Transport#TIMEOUT}
 * when the wait runs out. It never busy-waits.
 *
 * <h2>Threads</h2>
 * One thread may read and another write the same descriptor at the same time. {@code close(fd)} from any
 * thread makes a call blocked on that descriptor return promptly with {@code EBADF}.
 */
// The package's own semantic version (OSGi Export-Package), independent of the project version: bnd
// baselining says when a change needs a minor or major step.
@Version("0.1.0")
package org.mtcp.spi;

import org.osgi.annotation.versioning.Version;
