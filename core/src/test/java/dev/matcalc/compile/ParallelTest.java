package dev.matcalc.compile;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Parallel#forEach}: every index exactly once, whoever claims it, for counts below, at and
 * above the units; a failure on any core reaches the caller; a loop inside a loop's body finishes;
 * inside {@link Plan#onOneThread}, everything on the caller's thread.
 */
class ParallelTest {
    private static final long LARGE = Parallel.MIN_ENTRIES;

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int count : new int[] {1, 2, 3, 7, 8, 9, 31, 1000, 100_003}) {
            for (long entries : new long[] {0, LARGE}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                for (int round = 0; round < 20; round++) Parallel.forEach(count, entries, runs::incrementAndGet);
                for (int i = 0; i < count; i++) assertThat(runs.get(i)).as("index %d of %d", i, count).isEqualTo(20);
            }
        }
    }

    @Test
    void aFailureOnAnyIndexReachesTheCaller() {
        for (int bad : new int[] {0, 1, 5, 63}) {
            IllegalArgumentException thrown = new IllegalArgumentException("index " + bad);
            assertThatThrownBy(() -> Parallel.forEach(64, LARGE, i -> {
                if (i == bad) throw thrown;
            })).isSameAs(thrown);
        }
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> Parallel.forEach(16, LARGE, i -> {
            if (i == 9) throw error;
        })).isSameAs(error);
    }

    @Test
    void aLoopInsideALoopFinishes() {
        AtomicIntegerArray runs = new AtomicIntegerArray(64 * 64);
        Parallel.forEach(64, LARGE, i -> Parallel.forEach(64, LARGE, j -> runs.incrementAndGet(i * 64 + j)));
        for (int k = 0; k < runs.length(); k++) assertThat(runs.get(k)).isEqualTo(1);
    }

    @Test
    void onOneThreadKeepsALargeLoopOnTheCallersThreadAndThenLetsGo() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray runs = new AtomicIntegerArray(64);
        Plan.onOneThread(() -> Plan.onOneThread(() -> {      // nested: the inner call must not clear the outer's
            Parallel.forEach(64, LARGE * 4, i -> {
                threads.add(Thread.currentThread());
                runs.incrementAndGet(i);
            });
            return null;
        }));
        assertThat(threads).containsExactly(Thread.currentThread());
        for (int i = 0; i < 64; i++) assertThat(runs.get(i)).isEqualTo(1);
        assertThat(Parallel.onOneThreadNow()).as("the scope ends with the outermost call").isFalse();
    }
}
