package dev.matcalc.api;

import dev.matcalc.syntax.SourceError;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs engine work on threads with a deep stack: parsing, typing, differentiation and
 * simplification recurse over the expression, and inputs nest up to the parser's depth limit
 * whatever stack the caller's thread has (a web server's, a test's). The threads are pooled (a
 * thread with a large stack costs a fraction of a millisecond to start), and work already on one
 * runs in place. Interrupting the caller interrupts the work (the simplifier checks).
 */
public final class Work {
    private static final long STACK_BYTES = 512L << 20;    // reserved lazily by the OS
    private static final String THREAD_NAME = "matcalc-work";
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(null, task, THREAD_NAME, STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    private Work() { }

    /**
     * Inputs this short nest at most a hundred levels, which any thread's stack holds (a 1 MB one
     * holds five times that): they run in place, without the hand-over to a worker.
     */
    public static final int SHALLOW_SOURCE_LENGTH = 200;

    /** Runs {@code task} in place when its input is short enough, else as {@link #call}. */
    public static <T> T call(String source, Callable<T> task) {
        return source != null && source.length() <= SHALLOW_SOURCE_LENGTH ? inline(task) : call(task);
    }

    public static <T> T call(Callable<T> task) {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) return inline(task);   // already deep enough
        Future<T> future = POOL.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceError("interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <T> T inline(Callable<T> task) {
        try {
            return task.call();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof StackOverflowError) return new SourceError("the expression is too deeply nested to process");
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
