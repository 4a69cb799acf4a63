package dev.matcalc.spark;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.Solution;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * bench/spark-sparse.sh: L2-regularized logistic regression on a synthetic sparse LIBSVM table
 * (ROWS rows, FEATURES features, about NNZ non-zeros a row; seeded), MLlib's LogisticRegression
 * reading it with Spark's {@code libsvm} source beside matcalc's minimize reading the same files
 * ({@code --table DIR.libsvm --data X=features --data y=label}), in the same SparkSession, the same
 * objective (1/n)Σ log(1 + exp(-sᵢ xᵢ'w)) + (λ/2)‖w‖² with sᵢ = 2yᵢ − 1 for the 0/1 labels MLlib
 * takes (no intercept, no standardization). Per master: fit time, iterations, time per iteration
 * (both) and per pass over the table (matcalc), the final objectives (both evaluated by matcalc's
 * distributed objective), and matcalc's time to reach MLlib's objective (to 10 digits). Not a test: run by
 * bench/spark-sparse.sh ROWS FEATURES NNZ MASTER...
 */
public final class SparkSparseBench {
    private SparkSparseBench() { }

    static final int PARTS = 4;

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]), features = Integer.parseInt(args[1]), nnz = Integer.parseInt(args[2]);
        double lambda = 1e-3;
        Path data = Path.of("target/spark-bench/sparse-" + rows + "x" + features + "x" + nnz + ".libsvm");
        if (!Files.exists(data.resolve("_done"))) write(data, rows, features, nnz);
        List<String> lines = new ArrayList<>();
        lines.add("| master | tool | iterations | passes | seconds | s/iteration | s/pass | objective | matcalc to MLlib's objective |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (int a = 3; a < args.length; a++) {
            String master = args[a];
            SparkSession spark = SparkSession.builder().appName("matcalc-sparse-bench").master(master)
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", features).load(data.toString()).cache();
            df.count();
            // MLlib (its first fit in this JVM pays the warm-up; a second fit is timed)
            LogisticRegression lr = new LogisticRegression().setFeaturesCol("features").setLabelCol("label")
                    .setRegParam(lambda).setElasticNetParam(0).setFitIntercept(false).setStandardization(false)
                    .setMaxIter(200).setTol(1e-9);
            lr.setMaxIter(2).fit(df);
            lr.setMaxIter(200);
            long t0 = System.nanoTime();
            LogisticRegressionModel model = lr.fit(df);
            double mllibSeconds = (System.nanoTime() - t0) / 1e9;
            int mllibIterations = model.summary().totalIterations();
            double[] wMllib = model.coefficients().toArray();
            df.unpersist();
            // matcalc on the same files
            try (SparkRowTable table = SparkBackend.open(spark, new TableSource(data.toString(),
                    List.of(ColumnBinding.parse("X=features"), ColumnBinding.parse("y=label")), 4096, features), null)) {
                String objective = "mean(log(1 + exp(-(2*y - 1).*(X*w)))) + 0.5*lam*w'*w";
                Optimization.minimize(objective).over("w").data("lam", lambda).maxIterations(2).solve(table);   // warm-up
                double mllibObjective = Optimization.minimize(objective).over("w").data("lam", lambda)
                        .start("w", wMllib).maxIterations(0).solve(table).objective();
                long passes0 = table.passes();
                double seconds0 = table.seconds();
                long start = System.nanoTime();
                double[] reached = {Double.NaN};
                double target = mllibObjective + 1e-10 * Math.abs(mllibObjective);  // MLlib's, to 10 digits
                Solution s = Optimization.minimize(objective).over("w").data("lam", lambda).tolerance(1e-9)
                        .onIteration(it -> {
                            if (Double.isNaN(reached[0]) && it.objective() <= target) reached[0] = (System.nanoTime() - start) / 1e9;
                        }).solve(table);
                double seconds = (System.nanoTime() - start) / 1e9;
                long passes = table.passes() - passes0;
                double passSeconds = (table.seconds() - seconds0) / passes;
                lines.add(String.format(Locale.ROOT, "| %s | MLlib LogisticRegression | %d | | %.2f | %.3f | | %.10f | |",
                        master, mllibIterations, mllibSeconds, mllibSeconds / Math.max(1, mllibIterations), mllibObjective));
                lines.add(String.format(Locale.ROOT, "| %s | matcalc --spark | %d | %d | %.2f | %.3f | %.3f | %.10f | %s |",
                        master, s.iterations(), passes, seconds, seconds / Math.max(1, s.iterations()), passSeconds, s.objective(),
                        Double.isNaN(reached[0]) ? "not reached" : String.format(Locale.ROOT, "%.2f s", reached[0])));
            }
            spark.stop();
        }
        lines.forEach(System.out::println);
    }

    /**
     * ROWS lines in PARTS files, each with about NNZ distinct features (uniform indices, standard
     * normal values) and a 0/1 label drawn from a logistic model whose weights are ±1 on one
     * feature in ten; seeded, so that every run reads the same table.
     */
    private static void write(Path dir, int rows, int features, int nnz) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(2026);
        double[] truth = new double[features];
        for (int j = 0; j < features; j += 10) truth[j] = r.nextBoolean() ? 1 : -1;
        int[] idx = new int[nnz];
        for (int part = 0; part < PARTS; part++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(String.format("part-%05d.libsvm", part)), StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                for (long i = (long) part * rows / PARTS; i < (long) (part + 1) * rows / PARTS; i++) {
                    int k = 0;
                    while (k < nnz) {               // distinct indices (rejection: nnz ≪ features)
                        int j = r.nextInt(features);
                        boolean seen = false;
                        for (int q = 0; q < k && !seen; q++) seen = idx[q] == j;
                        if (!seen) idx[k++] = j;
                    }
                    Arrays.sort(idx);
                    sb.setLength(0);
                    double margin = 0;
                    double[] v = new double[nnz];
                    for (int q = 0; q < nnz; q++) {
                        v[q] = Math.round(r.nextGaussian() * 1e4) / 1e4;
                        margin += truth[idx[q]] * v[q];
                    }
                    double p = 1 / (1 + Math.exp(-margin));
                    sb.append(r.nextDouble() < p ? 1 : 0);
                    for (int q = 0; q < nnz; q++) sb.append(' ').append(idx[q] + 1).append(':').append(v[q]);
                    out.append(sb).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("_done"), "");
    }
}
