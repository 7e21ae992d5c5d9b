package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call that may block without limit (mtcp's accept, a read with a negative timeout) on a daemon
 * thread, so that the test itself always stays bounded. A call still blocked when the test ends is woken by
 * the fixture closing its descriptors.
 */
final class Background {
    private Background() {
    }

    /** Starts {@code call} on a new daemon thread. */
    static <T> CompletableFuture<T> start(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "mtcp-conformance-background");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** The call's value, failing the test if it is not there within {@code millis}. */
    static <T> T await(CompletableFuture<T> call, long millis, String what) {
        try {
            return call.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(what + " did not return within " + millis + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            return fail(what + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
