package org.mtcp.conformance.check;

/**
 * What one kit test did in one run.
 *
 * @param row the run: a transport name, or a pair such as {@code "blocking×ffm"}
 * @param method the test method's name
 * @param status passed, failed or skipped
 * @param reason why it failed or was skipped (empty when it passed)
 * @param millis how long it took
 */
public record Outcome(String row, String method, Status status, String reason, long millis) {
    /** A test's result. */
    public enum Status { PASSED, FAILED, SKIPPED }
}
