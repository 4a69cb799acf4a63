package dev.matcalc.hardening;

import dev.matcalc.syntax.SourceError;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz case on a worker thread with an ordinary 1 MB stack (a library caller's, not the
 * test JVM's -Xss16m) and a time limit, and classifies what came out: a result, a
 * {@link SourceError}, or a failure (any other throwable, a hang).
 */
final class Outcomes implements AutoCloseable {
    /** What a case did; {@code problem} is null unless it broke the contract. */
    record Outcome(boolean ok, SourceError error, String problem) { }

    private static final long STACK_BYTES = 1L << 20;
    private final long timeoutMillis;
    private ExecutorService worker = newWorker();

    Outcomes(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-case", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    Outcome run(Runnable task) {
        Future<?> f = worker.submit(task);
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return new Outcome(true, null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();              // a stuck thread is abandoned (daemon); the next case gets a fresh one
            worker = newWorker();
            return new Outcome(false, null, "no answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceError s) return new Outcome(false, s, null);
            StringBuilder sb = new StringBuilder(cause.toString());
            StackTraceElement[] trace = cause.getStackTrace();
            for (int k = 0; k < Math.min(6, trace.length); k++) sb.append("\n      at ").append(trace[k]);
            return new Outcome(false, null, sb.toString());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
