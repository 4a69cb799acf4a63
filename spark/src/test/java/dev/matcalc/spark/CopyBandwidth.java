package dev.matcalc.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's memory bandwidth as a copy sees it: 256 MB copied between two arrays (read + write
 * bytes over the time), split over {@code threads} threads, best of five. The floor a pass over
 * cached rows can reach: it reads each byte once.
 */
final class CopyBandwidth {
    private static final int BYTES = 256 << 20;

    private CopyBandwidth() { }

    static double bytesPerSecond(int threads) throws Exception {
        double[] from = new double[BYTES / Double.BYTES], to = new double[from.length];
        java.util.Arrays.fill(from, 1.0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long t0 = System.nanoTime();
                List<Future<?>> parts = new ArrayList<>();
                int chunk = (from.length + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int lo = t * chunk, len = Math.min(chunk, from.length - lo);
                    parts.add(pool.submit(() -> System.arraycopy(from, lo, to, lo, len)));
                }
                for (Future<?> f : parts) f.get();
                double s = (System.nanoTime() - t0) / 1e9;
                if (round > 0) best = Math.min(best, s);   // the first round pays the page faults
            }
            return 2.0 * BYTES / best;
        } finally {
            pool.shutdown();
        }
    }
}
