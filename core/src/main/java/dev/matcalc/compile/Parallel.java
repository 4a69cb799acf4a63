package dev.matcalc.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Memory-bound loops (copies, sums) split over the cores: one more core adds bandwidth once the data
 * is well past the caches. Tasks on the common pool, not parallel streams: a parallel stream pollutes
 * the type profiles of the stream pipeline that the rest of the program (the parser included) runs
 * sequentially, and deeper, less inlined frames there cost stack.
 */
final class Parallel {
    private Parallel() { }

    /** Entries from which a loop is split. */
    static final long MIN_ENTRIES = 1L << 18;

    /** Set while this thread's caller already runs one task per core (see {@link Plan#onOneThread}). */
    private static final ThreadLocal<Boolean> ONE_THREAD = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** body() with every loop it starts on this thread kept on this thread. */
    static <T> T onOneThread(java.util.function.Supplier<T> body) {
        if (ONE_THREAD.get()) return body.get();
        ONE_THREAD.set(Boolean.TRUE);
        try {
            return body.get();
        } finally {
            ONE_THREAD.set(Boolean.FALSE);
        }
    }

    /** Whether this thread is inside {@link #onOneThread} (for tests). */
    static boolean onOneThreadNow() {
        return ONE_THREAD.get();
    }

    /** body(i) for i in [0, count), on several cores when {@code entries} is large; returns when all are done. */
    static void forEach(int count, long entries, IntConsumer body) {
        int parts = Math.min(count, Runtime.getRuntime().availableProcessors());
        if (entries < MIN_ENTRIES || parts < 2 || ONE_THREAD.get()) {
            for (int i = 0; i < count; i++) body.accept(i);
            return;
        }
        List<ForkJoinTask<?>> forked = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int part = p;
            forked.add(ForkJoinPool.commonPool().submit(() -> stride(part, parts, count, body)));
        }
        stride(0, parts, count, body);
        for (ForkJoinTask<?> t : forked) t.join();
    }

    /** Every parts-th index from part: interleaved, so triangular work (a symmetric sum) stays balanced. */
    private static void stride(int part, int parts, int count, IntConsumer body) {
        for (int i = part; i < count; i += parts) body.accept(i);
    }
}
