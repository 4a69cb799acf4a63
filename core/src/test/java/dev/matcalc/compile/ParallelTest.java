package dev.matcalc.compile;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Loops split over the cores, and kept on one thread where the caller already runs one per core. */
class ParallelTest {
    private static final long LARGE = Parallel.MIN_ENTRIES * 4;

    @Test
    void everyIndexRunsOnceEitherWay() {
        for (boolean oneThread : new boolean[] {false, true}) {
            AtomicLong sum = new AtomicLong();
            Runnable loop = () -> Parallel.forEach(1000, LARGE, i -> sum.addAndGet(i));
            if (oneThread) Plan.onOneThread(() -> { loop.run(); return null; });
            else loop.run();
            assertThat(sum.get()).as("one thread: %s", oneThread).isEqualTo(999L * 1000 / 2);
        }
    }

    @Test
    void onOneThreadKeepsALargeLoopOnTheCallersThreadAndThenLetsGo() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Plan.onOneThread(() -> Plan.onOneThread(() -> {      // nested: the inner call must not clear the outer's
            Parallel.forEach(64, LARGE, i -> threads.add(Thread.currentThread()));
            return null;
        }));
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(Parallel.onOneThreadNow()).as("the scope ends with the outermost call").isFalse();
    }
}
