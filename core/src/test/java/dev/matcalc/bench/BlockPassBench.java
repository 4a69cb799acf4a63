package dev.matcalc.bench;

import dev.matcalc.api.Optimization;
import dev.matcalc.problem.rows.InMemoryRows;
import dev.matcalc.shapes.ValueShape;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a Spark task does in a pass of bench/spark.sh, without Spark: T threads, each evaluating L2
 * logistic regression's data part over its own share of the rows, in blocks (the same
 * {@code BlockEvaluator} the tasks run). Reports the time per row of one thread's share (the slowest's),
 * the best and median of the rounds after two of warm-up (each round a whole solve, the time per
 * pass averaged over it). Arguments: ROWS COLS THREADS [BLOCK_ROWS]; {@code -Drounds=K} (8).
 */
public final class BlockPassBench {
    private BlockPassBench() { }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), d = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]);
        int blockRows = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        int share = n / threads;
        List<InMemoryRows> tables = new ArrayList<>();
        Random random = new Random(7);
        double[] truth = new double[d];
        for (int j = 0; j < d; j++) truth[j] = random.nextGaussian();
        for (int t = 0; t < threads; t++) {
            DMatrixRMaj x = new DMatrixRMaj(share, d), y = new DMatrixRMaj(share, 1);
            for (int i = 0; i < share; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    double v = random.nextGaussian();
                    x.data[i * d + j] = v;
                    z += v * truth[j];
                }
                y.data[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
            }
            tables.add(new InMemoryRows(Map.of("X", x, "y", y), Map.of("y", ValueShape.Kind.VECTOR), blockRows));
        }
        String objective = "mean(log(1 + exp(-y.*(X*w)))) + 0.5*lam*w'*w";
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int rounds = Integer.getInteger("rounds", 8);
        List<Double> warm = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Future<double[]>> runs = new ArrayList<>();
            for (InMemoryRows table : tables) runs.add(pool.submit(() -> {
                double s0 = table.seconds();
                long p0 = table.passes();
                // each Spark task evaluates its blocks on its own thread (SparkRowTable): so does each share here
                dev.matcalc.compile.Plan.onOneThread(() -> Optimization.minimize(objective).over("w").data("lam", 1e-3).tolerance(1e-9).solve(table));
                return new double[] {table.seconds() - s0, table.passes() - p0};
            }));
            double worst = 0;
            for (Future<double[]> f : runs) {
                double[] r = f.get();
                worst = Math.max(worst, r[0] / r[1]);
            }
            System.out.printf(Locale.ROOT, "round %d: %.1f ns/row per thread (pass over %,d rows: %.2f ms)%n", round, 1e9 * worst / share, share, 1e3 * worst);
            if (round >= 2) warm.add(1e9 * worst / share);
        }
        warm.sort(null);
        if (!warm.isEmpty())
            System.out.printf(Locale.ROOT, "warm rounds: best %.1f, median %.1f ns/row per thread%n", warm.get(0), warm.get(warm.size() / 2));
        pool.shutdown();
    }
}
