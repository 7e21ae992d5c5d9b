package org.mtcp.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Baseline: Netty's native epoll transport, used the usual way — one event loop thread owns both ends;
 * the benchmark thread hands it writes and waits for the answer. Netty has no select to compare.
 */
final class NettySubject implements Subject {
    static final String ID = "netty-epoll";

    @Override
    public String id() {
        return ID;
    }

    /** Why Netty's epoll transport cannot run here, or null. */
    static String unavailableReason() {
        try {
            return Epoll.isAvailable() ? null : String.valueOf(Epoll.unavailabilityCause());
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** A server and a connected client on one event loop. */
    private static final class Pair implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        final Channel server;
        final Channel client;

        Pair(boolean nodelay, ChannelHandler serverHandler, ChannelHandler clientHandler) throws Exception {
            WriteBufferWaterMark marks = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);
            server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, nodelay)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, marks)
                    .childHandler(serverHandler)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            client = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, nodelay)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, marks)
                    .handler(clientHandler)
                    .connect(server.localAddress()).sync().channel();
        }

        @Override
        public void close() throws Exception {
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg, ctx.voidPromise());
        }
    }

    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Counts what comes back and wakes the waiting benchmark thread once {@code expected} bytes did. */
    private static final class Waiter extends ChannelInboundHandlerAdapter {
        volatile Thread thread;
        volatile boolean done;
        int expected;
        int received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received += ((ByteBuf) msg).readableBytes();
            ReferenceCountUtil.release(msg);
            if (received >= expected) {
                received -= expected;
                done = true;
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public RoundTrip roundTrip(int size) throws Exception {
        Waiter waiter = new Waiter();
        waiter.expected = size;
        Pair p = new Pair(true, new Echo(), waiter);
        ByteBuf msg = Unpooled.directBuffer(size).writeBytes(Payloads.bytes(size));
        return new RoundTrip() {
            @Override
            public void roundTrip() {
                waiter.thread = Thread.currentThread();
                waiter.done = false;
                p.client.writeAndFlush(msg.retainedDuplicate(), p.client.voidPromise());
                while (!waiter.done) {
                    LockSupport.park(this);
                }
            }

            @Override
            public void close() throws Exception {
                p.close();
                msg.release();
            }
        };
    }

    @Override
    public Bulk bulk(int chunk) throws Exception {
        Waiter waiter = new Waiter();
        waiter.expected = Integer.MAX_VALUE;
        Pair p = new Pair(false, new Discard(), waiter);
        ByteBuf data = Unpooled.directBuffer(chunk).writeBytes(Payloads.bytes(chunk));
        return new Bulk() {
            @Override
            public void write() {
                waiter.thread = Thread.currentThread();
                while (!p.client.isWritable()) {
                    if (!p.client.isActive()) {
                        throw new IllegalStateException("closed");
                    }
                    LockSupport.parkNanos(this, 1_000_000);
                }
                p.client.writeAndFlush(data.retainedDuplicate(), p.client.voidPromise());
            }

            @Override
            public void close() throws Exception {
                p.close();
                data.release();
            }
        };
    }

    @Override
    public Connections connections() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Semaphore accepted = new Semaphore(0);
        @ChannelHandler.Sharable
        final class CloseOnAccept extends ChannelInboundHandlerAdapter {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.close();
                accepted.release();
            }
        }
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new CloseOnAccept())
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        Bootstrap client = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .handler(new Discard());
        return new Connections() {
            @Override
            public void cycle() throws Exception {
                Channel c = client.connect(server.localAddress()).sync().channel();
                if (!accepted.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no accept");
                }
                c.close().sync();
            }

            @Override
            public void close() throws Exception {
                server.close().sync();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        };
    }
}
