package org.mtcp.conformance;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task running on its own daemon thread, for tests where both ends of a connection belong to the
 * transport under test (one end must send while the other receives). Every wait for it is bounded.
 *
 * @param <T> the task's result
 */
public final class Background<T> {
    private final CompletableFuture<T> future = new CompletableFuture<>();

    private Background() {
    }

    /** Starts {@code task} on a new daemon thread. */
    public static <T> Background<T> start(Callable<T> task) {
        Background<T> b = new Background<>();
        Thread t = new Thread(() -> {
            try {
                b.future.complete(task.call());
            } catch (Throwable e) {
                b.future.completeExceptionally(e);
            }
        }, "mtcp-conformance-background");
        t.setDaemon(true);
        t.start();
        return b;
    }

    /** The task's result, waiting at most {@code seconds}; its failure or a timeout fails the test. */
    public T await(long seconds) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new AssertionError("background task failed: " + c, c);
        } catch (TimeoutException e) {
            throw new AssertionError("background task did not finish in " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Whether the task has finished (well or badly). */
    public boolean isDone() {
        return future.isDone();
    }

    /** The task's result if it has finished, else {@code otherwise} (for failure messages). */
    public T getNow(T otherwise) {
        return future.getNow(otherwise);
    }
}
