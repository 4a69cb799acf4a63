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
import org.apache.spark.sql.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * bench/spark.sh: L2-regularized logistic regression on synthetic dense data written as Parquet,
 * MLlib's LogisticRegression beside matcalc's minimize on the same table in the same SparkSession,
 * the same objective (1/n)Σ log(1 + exp(-yᵢ xᵢ'w)) + (λ/2)‖w‖² (no intercept, no standardization).
 * Per master: fit time, iterations, time per iteration (MLlib) or per pass (matcalc), the final
 * objectives (both evaluated by matcalc's distributed objective), and matcalc's time to reach
 * MLlib's objective. Not a test: run by bench/spark.sh ROWS COLS MASTER...
 */
public final class SparkBench {
    private SparkBench() { }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]), cols = Integer.parseInt(args[1]);
        double lambda = 1e-3;
        Path data = Path.of("target/spark-bench/data-" + rows + "x" + cols + ".parquet");
        List<String> lines = new ArrayList<>();
        lines.add("| master | tool | iterations | passes | seconds | s/iteration | s/pass | objective | matcalc to MLlib's objective |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (int a = 2; a < args.length; a++) {
            String master = args[a];
            SparkSession spark = SparkSession.builder().appName("matcalc-bench").master(master)
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            if (!Files.exists(data)) write(spark, rows, cols, data);
            Dataset<Row> df = spark.read().parquet(data.toString())
                    .withColumn("vec", org.apache.spark.ml.functions.array_to_vector(functions.col("features"))).cache();
            df.count();
            // MLlib (its first fit in this JVM pays the warm-up; a second fit is timed)
            LogisticRegression lr = new LogisticRegression().setFeaturesCol("vec").setLabelCol("label01")
                    .setRegParam(lambda).setElasticNetParam(0).setFitIntercept(false).setStandardization(false)
                    .setMaxIter(200).setTol(1e-9);
            lr.setMaxIter(2).fit(df);
            lr.setMaxIter(200);
            long t0 = System.nanoTime();
            LogisticRegressionModel model = lr.fit(df);
            double mllibSeconds = (System.nanoTime() - t0) / 1e9;
            int mllibIterations = model.summary().totalIterations();
            double[] wMllib = model.coefficients().toArray();
            // matcalc on the same table
            try (SparkRowTable table = SparkBackend.open(spark, new TableSource(data.toString(),
                    List.of(ColumnBinding.parse("X=features"), ColumnBinding.parse("y=label")), 4096), null)) {
                String objective = "mean(log(1 + exp(-y.*(X*w)))) + 0.5*lam*w'*w";
                Optimization.minimize(objective).over("w").data("lam", lambda).maxIterations(2).solve(table);   // warm-up
                double mllibObjective = Optimization.minimize(objective).over("w").data("lam", lambda)
                        .start("w", wMllib).maxIterations(0).solve(table).objective();
                long passes0 = table.passes();
                double seconds0 = table.seconds();
                long start = System.nanoTime();
                double[] reached = {Double.NaN};
                Solution s = Optimization.minimize(objective).over("w").data("lam", lambda).tolerance(1e-9)
                        .onIteration(it -> {
                            if (Double.isNaN(reached[0]) && it.objective() <= mllibObjective) reached[0] = (System.nanoTime() - start) / 1e9;
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
            df.unpersist();
            spark.stop();
        }
        lines.forEach(System.out::println);
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
