package org.mtcp.transport.nio;

import java.util.EnumMap;
import java.util.Map;
import org.mtcp.spi.SocketOption;

/**
 * The Linux TCP keepalive tuning options, which only {@code jdk.net} names. Kept apart so that a runtime
 * without that module (a trimmed image, an OSGi framework that does not export it) loses only these
 * options: the class fails to link and {@link Options} leaves them out.
 */
final class KeepaliveTuning {
    private KeepaliveTuning() {
    }

    /** Our options mapped to the {@code jdk.net} ones. */
    static Map<SocketOption, java.net.SocketOption<?>> options() {
        Map<SocketOption, java.net.SocketOption<?>> m = new EnumMap<>(SocketOption.class);
        m.put(SocketOption.TCP_KEEPIDLE, jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE);
        m.put(SocketOption.TCP_KEEPCNT, jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT);
        m.put(SocketOption.TCP_KEEPINTVL, jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL);
        return m;
    }
}
