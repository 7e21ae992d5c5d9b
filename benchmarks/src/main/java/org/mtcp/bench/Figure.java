package org.mtcp.bench;

/**
 * One measured figure: the value in its row's unit, and the bytes allocated per operation where JMH's
 * GC profiler measured them (NaN otherwise).
 */
record Figure(double value, double allocPerOp) {
    static Figure of(double value) {
        return new Figure(value, Double.NaN);
    }
}
