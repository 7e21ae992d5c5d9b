package org.mtcp.bench;

/**
 * One line of the report: a workload (and size), its unit, and whether lower is better. Ratios are
 * always this row's figure divided by the baseline's, in this unit: for a time, above 1 is slower; for a
 * rate, above 1 is faster.
 */
enum Row {
    RTT_1("ping-pong round trip, 1 B", "µs", true),
    RTT_64("ping-pong round trip, 64 B", "µs", true),
    BULK("bulk one-way, 64 KiB writes", "GB/s", false),
    LINES("receive('*l'), 100-byte lines", "M lines/s", false),
    CONNECT("connect + accept + close", "k conn/s", false),
    SELECT("select, 10,000 idle + 1 ready", "µs", true),
    EVENT_LOOP("event-loop bulk, settimeout(0) + select + receive(n)", "GB/s", false);

    final String title;
    final String unit;
    final boolean lowerIsBetter;

    Row(String title, String unit, boolean lowerIsBetter) {
        this.title = title;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** How many times faster than {@code baseline} (above 1 is better), whatever the unit's direction. */
    double speedup(double value, double baseline) {
        return lowerIsBetter ? baseline / value : value / baseline;
    }
}
