package dev.matcalc.api;

import dev.matcalc.syntax.SourceError;

import java.util.concurrent.Callable;

/**
 * Runs engine work on a thread with a deep stack: parsing, typing, differentiation and
 * simplification recurse over the expression, and inputs nest up to the parser's depth limit
 * whatever stack the caller's thread has (a web server's, a test's).
 */
public final class Work {
    private static final long STACK_BYTES = 512L << 20;    // reserved lazily by the OS

    private static final String THREAD_NAME = "matcalc-work";

    private Work() { }

    private static <T> T inline(Callable<T> task) {
        try {
            return task.call();
        } catch (StackOverflowError e) {
            throw new SourceError("the expression is too deeply nested to process");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T call(Callable<T> task) {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) return inline(task);   // already deep enough
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = task.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, THREAD_NAME, STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new SourceError("interrupted");
        }
        Throwable t = failure[0];
        if (t == null) {
            @SuppressWarnings("unchecked") T value = (T) result[0];
            return value;
        }
        if (t instanceof StackOverflowError) throw new SourceError("the expression is too deeply nested to process");
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
