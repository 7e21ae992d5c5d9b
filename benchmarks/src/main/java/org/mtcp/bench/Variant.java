package org.mtcp.bench;

import java.util.List;

/**
 * A raw JDK baseline driven the way a contract forces a transport to drive the same JDK API. The plain
 * baselines are how a free Java program would write each workload; the variants add one cost the
 * contracts impose, so the report can tell what the contract costs on that JDK path from what our layer
 * adds on top of it.
 */
enum Variant {
    /** As a free Java program would write it. */
    PLAIN("", List.of(Row.RTT_1, Row.RTT_64, Row.BULK, Row.CONNECT)),
    /** Every bulk read into a new 64 KiB array: both contracts return a new string from every receive. */
    FRESH("/fresh", List.of(Row.BULK)),
    /**
     * java.net connected with a timeout, as LuaSocket's connect must be (a non-blocking connect and a
     * wait); the JDK then keeps the socket non-blocking, so each read that has to wait costs a failed
     * read, a poll and the read.
     */
    TIMED("/timed", List.of(Row.RTT_1, Row.RTT_64, Row.CONNECT)),
    /**
     * NIO channels in non-blocking mode waiting in a Selector: what a transport with timeouts, close
     * wake-ups and select over the same sockets has to use (a channel in a Selector cannot block). Its
     * select states interest in every listed channel per call and withdraws it after, as select's
     * fresh lists require.
     */
    SELECTOR("/selector", List.of(Row.RTT_1, Row.RTT_64, Row.BULK, Row.CONNECT, Row.SELECT));

    /** What a baseline's subject id ends with in this variant. */
    final String suffix;
    /** The workloads this variant is measured on. */
    final List<Row> rows;

    Variant(String suffix, List<Row> rows) {
        this.suffix = suffix;
        this.rows = rows;
    }

    /** The variant a subject id names ({@code java.net/timed} → TIMED); PLAIN without a suffix. */
    static Variant of(String id) {
        for (Variant v : values()) {
            if (!v.suffix.isEmpty() && id.endsWith(v.suffix)) {
                return v;
            }
        }
        return PLAIN;
    }

    /** The id without its suffix. */
    static String base(String id) {
        return id.substring(0, id.length() - of(id).suffix.length());
    }
}
