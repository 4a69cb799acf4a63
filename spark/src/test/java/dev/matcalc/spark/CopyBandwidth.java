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

    /**
     * The bandwidth a Java loop reads memory with: 256 MB summed (SIMD lanes, two accumulators), split over
     * {@code threads} threads, best of five. A pass only reads its rows, so this is the floor a pass
     * made of Java loops can reach here; a copy (above) streams faster than loads do on this machine.
     */
    static double readBytesPerSecond(int threads) throws Exception {
        double[] data = new double[BYTES / Double.BYTES];
        java.util.Arrays.fill(data, 1.0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = Double.MAX_VALUE, check = 0;
            for (int round = 0; round < 6; round++) {
                long t0 = System.nanoTime();
                List<Future<Double>> parts = new ArrayList<>();
                int chunk = (data.length + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int lo = t * chunk, hi = Math.min(data.length, lo + chunk);
                    parts.add(pool.submit(() -> sum(data, lo, hi)));
                }
                for (Future<Double> f : parts) check += f.get();
                double s = (System.nanoTime() - t0) / 1e9;
                if (round > 0) best = Math.min(best, s);
            }
            if (check != 6.0 * data.length) throw new IllegalStateException("read " + check);
            return BYTES / best;
        } finally {
            pool.shutdown();
        }
    }

    private static double sum(double[] x, int lo, int hi) {
        var species = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
        int step = species.length(), i = lo;
        var a = jdk.incubator.vector.DoubleVector.zero(species);
        var b = a;
        for (; i + 2 * step <= hi; i += 2 * step) {
            a = a.add(jdk.incubator.vector.DoubleVector.fromArray(species, x, i));
            b = b.add(jdk.incubator.vector.DoubleVector.fromArray(species, x, i + step));
        }
        double s = a.add(b).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < hi; i++) s += x[i];
        return s;
    }

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
