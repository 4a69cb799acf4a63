package dev.matcalc.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A LIBSVM table ({@code --table t.libsvm --data X=features --data y=label}) through the command
 * line on a real Spark (local[2]) and locally: both reach the optimum of the same numbers in a
 * dense CSV table solved locally; a bad line in a part is named by file, line and column; a use
 * that would make the features dense is refused before anything runs.
 */
class SparkSparseTest {
    static final int N = 700, D = 60;
    static final Path DIR = Path.of("spark/target/spark-sparse-tests");
    static final Path LABELS = DIR.resolve("labels.libsvm"), TARGETS = DIR.resolve("targets.libsvm"), CSV = DIR.resolve("dense.csv");

    @BeforeAll
    static void data() throws IOException {
        SplittableRandom r = new SplittableRandom(33);
        double[][] x = new double[N][D];
        double[] label = new double[N], y = new double[N], truth = new double[D];
        for (int j = 0; j < D; j++) truth[j] = r.nextGaussian();
        for (int i = 0; i < N; i++) {
            double dot = 0;
            for (int j = 0; j < D; j++)
                if (r.nextDouble() < 0.1) {
                    x[i][j] = r.nextGaussian();
                    dot += truth[j] * x[i][j];
                }
            label[i] = dot + 0.3 * r.nextGaussian() > 0 ? 1 : -1;
            y[i] = dot + 0.1 * r.nextGaussian();
        }
        x[N - 1][D - 1] = 0.5;                          // the largest index is written
        for (Path dir : List.of(LABELS, TARGETS)) {
            Files.createDirectories(dir);
            double[] target = dir == LABELS ? label : y;
            for (int part = 0; part < 3; part++) {
                StringBuilder sb = new StringBuilder();
                for (int i = part * N / 3; i < (part + 1) * N / 3; i++) {
                    sb.append(target[i]);
                    for (int j = 0; j < D; j++) if (x[i][j] != 0) sb.append(' ').append(j + 1).append(':').append(x[i][j]);
                    sb.append('\n');
                }
                Files.writeString(dir.resolve("part-0000" + part + ".libsvm"), sb.toString());
            }
        }
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < D; j++) csv.append('x').append(j + 1).append(',');
        csv.append("y,label\n");
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) csv.append(x[i][j]).append(',');
            csv.append(y[i]).append(',').append(label[i]).append('\n');
        }
        Files.writeString(CSV, csv.toString());
    }

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    private static double objective(CommandLineRun r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("objective").asDouble();
    }

    private static String[] with(String[] common, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(common));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "logistic      | sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2 | label",
            "least squares | norm2(X*w - y)^2 + 0.1*w'*w                    | y"})
    void localAndSparkReachTheOptimumOfTheDenseTable(String name, String objective, String target) throws IOException {
        SharedSpark.get();
        String[] common = {"minimize", objective, "--over", "w", "--tolerance", "1e-10", "--format", "json"};
        double dense = objective(run(with(common, "--table", CSV.toString(), "--data", "X=x1:x" + D, "--data", "y=" + target)));
        Path table = target.equals("label") ? LABELS : TARGETS;
        String[] sparse = with(common, "--table", table.toString(), "--data", "X=features", "--data", "y=label", "--block-rows", "100");
        double local = objective(run(sparse));
        CommandLineRun spark = run(with(sparse, "--spark", SharedSpark.MASTER));
        assertThat(local).as(name + " local").isCloseTo(dense, within(1e-8 * Math.abs(dense)));
        assertThat(objective(spark)).as(name + " spark").isCloseTo(dense, within(1e-8 * Math.abs(dense)));
        assertThat(spark.err()).contains("matcalc: Spark ").contains(N + " rows in 9 blocks").doesNotContain("Exception");
    }

    @Test
    void aBadLineInAPartIsNamedByFileLineAndColumn() throws IOException {
        SharedSpark.get();
        Path bad = Files.createDirectories(DIR.resolve("bad.libsvm"));
        Files.writeString(bad.resolve("part-00000.svm"), "1 1:2 3:4\n-1 2:1\n");
        Files.writeString(bad.resolve("part-00001.svm"), "1 1:2\n\n-1 4:1 2:5\n");
        CommandLineRun r = run("minimize", "norm2(X*w - y)^2", "--over", "w", "--table", bad.toString(), "--data", "X=features",
                "--data", "y=label", "--spark", SharedSpark.MASTER);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad.toAbsolutePath().resolve("part-00001.svm") + ":3:8: index 2 after index 4: the indices of a line must increase")
                .doesNotContain("Exception");
    }

    @Test
    void aUseThatWouldMakeTheFeaturesDenseIsRefused() {
        SharedSpark.get();
        CommandLineRun r = run("minimize", "norm2(X*w - y)^2 + 0.1*norm2(X'*X*w)^2 + sum(X'*X)", "--over", "w", "--table", TARGETS.toString(),
                "--data", "X=features", "--data", "y=label", "--spark", SharedSpark.MASTER);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("matcalc: X is sparse (a LIBSVM table's features); X'*X would make a dense " + D + "×" + D + " matrix").doesNotContain("Exception");
    }
}
