package dev.matcalc.spark;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.Solution;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/spark.sh: L2-regularized logistic regression on synthetic dense data written as Parquet,
 * MLlib's LogisticRegression beside matcalc's minimize on the same table in the same SparkSession,
 * the same objective (1/n)Σ log(1 + exp(-yᵢ xᵢ'w)) + (λ/2)‖w‖² (no intercept, no standardization).
 *
 * <p>Per master and data size (ROWS × each scale): fit time, iterations, passes over the data (Spark
 * jobs during the fit: one job each for both tools, MLlib's also counting its summary
 * pass), time per iteration and per pass, a pass against its floor (the bytes of the cached rows
 * read once at the machine's copy bandwidth with as many threads as the master's), the final
 * objectives (both evaluated by matcalc's distributed objective), and matcalc's time to reach
 * MLlib's objective (within 1e-10 relative: the two agree to rounding, not bit for bit). MLlib runs at the scales given by --mllib-scales (default: the first), since
 * it is the slow one. Not a test: bench/spark.sh [ROWS] [COLS] [--scales 1,2,4]
 * [--mllib-scales 1] [--block-rows 4096] [MASTER...] (--mllib-scales 0: matcalc alone).
 */
public final class SparkBench {
    private SparkBench() { }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]);
        List<Integer> scales = List.of(1), mllibScales = null;
        int blockRows = 4096;
        List<String> masters = new ArrayList<>();
        for (int a = 2; a < args.length; a++) {
            switch (args[a]) {
                case "--scales" -> scales = parseScales(args[++a]);
                case "--mllib-scales" -> mllibScales = parseScales(args[++a]);
                case "--block-rows" -> blockRows = Integer.parseInt(args[++a]);
                default -> masters.add(args[a]);
            }
        }
        if (masters.isEmpty()) masters = List.of("local[1]", "local[2]");
        if (mllibScales == null) mllibScales = List.of(scales.get(0));
        double lambda = 1e-3;
        List<String> lines = new ArrayList<>();
        lines.add("| master | rows | tool | iterations | passes | seconds | s/iteration | ms/pass | floor (ms/pass) | pass / floor | read floor (ms) | pass / read floor | objective | matcalc to MLlib's objective |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> emptyPasses = new ArrayList<>();
        List<String> bandwidths = new ArrayList<>();
        for (String master : masters) {
            int threads = threads(master);
            // The machine's bandwidth is measured before and after the runs and the higher taken (it varies
            // between minutes on this virtual machine; the higher makes the floor lower, the ratio stricter)
            double[] copyBefore = {CopyBandwidth.bytesPerSecond(threads), CopyBandwidth.readBytesPerSecond(threads)};
            List<PassRow> rowsHere = new ArrayList<>();
            SparkSession spark = SparkSession.builder().appName("matcalc-bench").master(master)
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            AtomicLong jobs = new AtomicLong();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onJobEnd(SparkListenerJobEnd end) {
                    jobs.incrementAndGet();
                }
            });
            for (int scale : scales) {
                int n = Math.multiplyExact(rows, scale);
                Path data = Path.of("target/spark-bench/data-" + n + "x" + cols + ".parquet");
                if (!Files.exists(data)) write(spark, n, cols, data);
                long bytes = (long) n * (cols + 1) * Double.BYTES;
                double mllibObjectiveValue = Double.NaN;
                double[] wMllib = null;
                if (mllibScales.contains(scale)) {
                    Dataset<Row> df = spark.read().parquet(data.toString())
                            .withColumn("vec", org.apache.spark.ml.functions.array_to_vector(functions.col("features"))).cache();
                    df.count();
                    // MLlib (its first fit in this JVM pays the warm-up; a second fit is timed)
                    LogisticRegression lr = new LogisticRegression().setFeaturesCol("vec").setLabelCol("label01")
                            .setRegParam(lambda).setElasticNetParam(0).setFitIntercept(false).setStandardization(false)
                            .setMaxIter(2).setTol(1e-9);
                    lr.fit(df);
                    lr.setMaxIter(200);
                    long jobs0 = jobs.get();
                    long t0 = System.nanoTime();
                    LogisticRegressionModel model = lr.fit(df);
                    double mllibSeconds = (System.nanoTime() - t0) / 1e9;
                    long mllibPasses = jobs.get() - jobs0;
                    int mllibIterations = model.summary().totalIterations();
                    wMllib = model.coefficients().toArray();
                    df.unpersist(true);
                    rowsHere.add(new PassRow(String.format(Locale.ROOT, "| %s | %,d | MLlib LogisticRegression | %d | %d | %.2f | %.3f | %.1f |",
                            master, n, mllibIterations, mllibPasses, mllibSeconds, mllibSeconds / Math.max(1, mllibIterations),
                            1e3 * mllibSeconds / mllibPasses), mllibSeconds / mllibPasses, bytes, " OBJECTIVE | |"));
                }
                try (SparkRowTable table = SparkBackend.open(spark, new TableSource(data.toString(),
                        List.of(ColumnBinding.parse("X=features"), ColumnBinding.parse("y=label")), blockRows), null)) {
                    String objective = "mean(log(1 + exp(-y.*(X*w)))) + 0.5*lam*w'*w";
                    // warm-up: a whole solve, so that the timed one runs compiled code from its first pass (two
                    // iterations left C2 compiling through the timed solve's first passes: 93-121 ms a pass
                    // against 70-85 ms once warm). MLlib's warm-up fit ran 6 s of its passes before its timed fit.
                    Optimization.minimize(objective).over("w").data("lam", lambda).tolerance(1e-9).solve(table);
                    if (wMllib != null) {
                        mllibObjectiveValue = Optimization.minimize(objective).over("w").data("lam", lambda)
                                .start("w", wMllib).maxIterations(0).solve(table).objective();
                        PassRow last = rowsHere.remove(rowsHere.size() - 1);
                        rowsHere.add(new PassRow(last.head(), last.passSeconds(), last.bytes(),
                                last.tail().replace("OBJECTIVE", String.format(Locale.ROOT, "%.10f", mllibObjectiveValue))));
                    }
                    double target = mllibObjectiveValue;
                    long passes0 = table.passes();
                    double seconds0 = table.seconds();
                    long start = System.nanoTime();
                    double[] reached = {Double.NaN};
                    Solution s = Optimization.minimize(objective).over("w").data("lam", lambda).tolerance(1e-9)
                            .onIteration(it -> {
                                if (Double.isNaN(reached[0]) && it.objective() <= target + 1e-10 * Math.abs(target)) reached[0] = (System.nanoTime() - start) / 1e9;
                            }).solve(table);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long passes = table.passes() - passes0;
                    double passSeconds = (table.seconds() - seconds0) / passes;
                    rowsHere.add(new PassRow(String.format(Locale.ROOT, "| %s | %,d | matcalc --spark | %d | %d | %.2f | %.3f | %.1f |",
                            master, n, s.iterations(), passes, seconds, seconds / Math.max(1, s.iterations()), 1e3 * passSeconds), passSeconds, bytes,
                            String.format(Locale.ROOT, " %.10f | %s |", s.objective(),
                                    Double.isNaN(target) ? "" : Double.isNaN(reached[0]) ? "not reached" : String.format(Locale.ROOT, "%.2f s", reached[0]))));
                    // Spark's own cost of a pass: the same job over the same cached blocks, doing nothing with them
                    double empty = Double.MAX_VALUE;
                    for (int k = 0; k < 5; k++) {
                        long t0 = System.nanoTime();
                        SparkRowTable.sumOfPartitions(table.blocks(), new EmptyPass());
                        empty = Math.min(empty, (System.nanoTime() - t0) / 1e6);
                    }
                    emptyPasses.add(String.format(Locale.ROOT, "%s, %,d rows (%d partitions): %.1f ms", master, n, table.blocks().getNumPartitions(), empty));
                }
            }
            spark.stop();
            double copy = Math.max(copyBefore[0], CopyBandwidth.bytesPerSecond(threads)), reading = Math.max(copyBefore[1], CopyBandwidth.readBytesPerSecond(threads));
            bandwidths.add(String.format(Locale.ROOT, "%s: copy %.1f GB/s, read %.1f GB/s (%d thread%s; before the runs %.1f and %.1f)", master, copy / 1e9,
                    reading / 1e9, threads, threads == 1 ? "" : "s", copyBefore[0] / 1e9, copyBefore[1] / 1e9));
            for (PassRow r : rowsHere) {
                double floor = r.bytes() / copy, readFloor = r.bytes() / reading;
                lines.add(r.head() + String.format(Locale.ROOT, " %.2f | %.1f× | %.2f | %.1f× |", 1e3 * floor, r.passSeconds() / floor,
                        1e3 * readFloor, r.passSeconds() / readFloor) + r.tail());
            }
        }
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("Bandwidth (copy: read + write of 256 MB; read: a Java loop summing 256 MB; best of 5, the higher of before and after the runs): " + String.join("; ", bandwidths)
                + ". floor/pass = bytes of the rows (features and label, 8 bytes each) / the copy bandwidth; read floor: / the read bandwidth.");
        System.out.println("An empty pass (the same job over the cached blocks, doing nothing with them; best of 5): " + String.join("; ", emptyPasses) + ".");
    }

    /** The empty pass: every cached block read by the same job as a pass, none evaluated. */
    private static final class EmptyPass extends SparkRowTable.PartitionSum {
        @Override
        double[] answer(dev.matcalc.problem.rows.RowBlock block) {
            return new double[0];
        }
    }

    /** A table row: the columns before the floors, a pass's seconds and bytes, the columns after. */
    private record PassRow(String head, double passSeconds, long bytes, String tail) { }

    private static List<Integer> parseScales(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** The worker threads of a local master (local → 1, local[k] → k, local[*] → the cores). */
    static int threads(String master) {
        if (master.equals("local")) return 1;
        if (master.startsWith("local[") && master.endsWith("]")) {
            String k = master.substring(6, master.length() - 1).split(",")[0];
            return k.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(k);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** n rows of d standard normal features, labels from a logistic model; written by Spark as Parquet. */
    private static void write(SparkSession spark, int rows, int cols, Path data) {
        Dataset<Row> ids = spark.range(rows).toDF("id");
        List<org.apache.spark.sql.Column> features = new ArrayList<>();
        org.apache.spark.sql.Column margin = functions.lit(0.0);
        for (int j = 0; j < cols; j++) {
            org.apache.spark.sql.Column f = functions.randn(1000L + j);
            features.add(f);
        }
        Dataset<Row> x = ids.select(functions.array(features.toArray(org.apache.spark.sql.Column[]::new)).as("features"));
        for (int j = 0; j < cols; j++) margin = margin.plus(functions.element_at(functions.col("features"), j + 1).multiply((j % 5 - 2) * 0.3));
        Dataset<Row> labelled = x.withColumn("p", functions.lit(1.0).divide(functions.lit(1.0).plus(functions.exp(margin.multiply(-1)))))
                .withColumn("label01", functions.when(functions.rand(7L).lt(functions.col("p")), 1.0).otherwise(0.0))
                .withColumn("label", functions.col("label01").multiply(2).minus(1)).drop("p");
        labelled.write().parquet(data.toString());
    }
}
