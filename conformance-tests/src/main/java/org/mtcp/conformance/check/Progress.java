package org.mtcp.conformance.check;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Terminal progress: one character per test ({@code .} passed, {@code F} failed, {@code s} skipped). */
final class Progress implements TestExecutionListener {
    private static final int WIDTH = 60;
    private final PrintWriter out;
    private final Style style;
    private int column;
    private int count;

    Progress(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            mark(style.yellow("s"));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL: mark("."); break;
            case ABORTED: mark(style.yellow("s")); break;
            default: mark(style.red("F"));
        }
    }

    private void mark(String c) {
        if (column == 0) {
            out.print("    ");
        }
        out.print(c);
        count++;
        if (++column == WIDTH) {
            out.println(" " + count);
            column = 0;
        }
        out.flush();
    }

    /** Ends the current line of marks. */
    synchronized void finish() {
        if (column > 0) {
            out.println(" ".repeat(WIDTH - column) + " " + count);
            column = 0;
        }
        out.flush();
    }
}
