package dev.matcalc.web;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each derivation on a dedicated worker thread, at most {@code maxConcurrent} at once, each
 * for at most {@code timeout}.
 * <p>
 * Why a thread per task rather than a pool: a derivation that runs past its time is interrupted,
 * and the engine may not look at the interrupt; a pooled thread stuck in it would shrink the pool
 * for good. A dedicated daemon thread is simply abandoned: it keeps its permit until it really ends,
 * so runaway work still counts against the concurrency limit (the server never runs more than
 * {@code maxConcurrent} derivations, finished or not), and the engine's own bounds (the
 * simplifier's rewrite budget, the stack size below) make it end. The HTTP threads never wait on a
 * worker: they get a future that completes with the answer or with a {@link TimeoutException}.
 */
final class BoundedRunner {
    /** Deeply nested expressions recurse deeply: the CLI runs with -Xss16m, the workers likewise. */
    private static final long WORKER_STACK_BYTES = 16L << 20;

    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration timeout;
    private final AtomicLong counter = new AtomicLong();

    BoundedRunner(int maxConcurrent, Duration timeout) {
        this.permits = new Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
    }

    /** The work's result, or a failed future: {@link ApiError} 503 at once when all workers are busy. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        if (!permits.tryAcquire())
            return CompletableFuture.failedFuture(new ApiError(503, "the server is busy (" + maxConcurrent
                    + " derivations already running); try again shortly"));
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker;
        try {
            worker = new Thread(null, () -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = work.call();
                } catch (Throwable e) {               // StackOverflowError and OutOfMemoryError included
                    failure = e;
                }
                permits.release();                    // before answering: a client that got its answer may send the next at once
                if (failure == null) result.complete(value);
                else result.completeExceptionally(failure);
            }, "matcalc-derive-" + counter.incrementAndGet(), WORKER_STACK_BYTES);
            worker.setDaemon(true);
            worker.start();
        } catch (Throwable e) {                       // could not start a thread: give the permit back
            permits.release();
            return CompletableFuture.failedFuture(e);
        }
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (error instanceof TimeoutException) worker.interrupt();
        });
        return result;
    }

    /** Permits free now (tests and the health endpoint). */
    int idle() {
        return permits.availablePermits();
    }

    Duration timeout() {
        return timeout;
    }
}
