package dev.matcalc.spark;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.Solution;
import dev.matcalc.problem.rows.RowTable;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * minimize on a real Spark (local[2,2], shared): the same optimum as the local solve of the whole
 * table, from CSV parts and from Parquet that Spark wrote, for logistic regression, least squares,
 * a bound-constrained and a constrained problem and a two-pass objective; a task that fails once is
 * retried with the same answer; what cannot be distributed is refused.
 */
class SparkMinimizeTest {
    @BeforeAll
    static void data() {
        TestTables.touch();
    }

    static RowTable open(String path, int blockRows, String... bindings) {
        List<ColumnBinding> bs = new ArrayList<>();
        for (String b : bindings) bs.add(ColumnBinding.parse(b));
        return SparkBackend.open(SharedSpark.get(), new TableSource(path, bs, blockRows), null);
    }

    private static Optimization problem(String objective, String constraint) {
        Optimization o = Optimization.minimize(objective).over("w").data("lam", 0.5).tolerance(1e-10);
        if (constraint != null && !constraint.isBlank()) o.subjectTo(constraint);
        return o;
    }

    @ParameterizedTest(name = "{0} from {2}")
    @CsvSource(delimiter = '|', value = {
            "logistic      | sum(log(1 + exp(-y.*(X*w)))) + lam*norm2(w)^2 | csv     | y=label |",
            "logistic      | sum(log(1 + exp(-y.*(X*w)))) + lam*norm2(w)^2 | parquet | y=label |",
            "least squares | 0.5*norm2(X*w - y)^2                           | csv     | y=y     |",
            "least squares | 0.5*norm2(X*w - y)^2                           | parquet | y=y     |",
            "bounds        | 0.5*norm2(X*w - y)^2 + lam*w'*w                | csv     | y=y     | w >= 0",
            "bounds        | 0.5*norm2(X*w - y)^2 + lam*w'*w                | parquet | y=y     | w >= 0",
            "constraint    | sum(log(1 + exp(-y.*(X*w))))                   | csv     | y=label | sum(w) == 1",
            "two passes    | norm2(X*w - y) + lam*w'*w                      | csv     | y=y     |",
            "two passes    | norm2(X*w - y) + lam*w'*w                      | parquet | y=y     |",
    })
    void reachesTheLocalOptimum(String name, String objective, String format, String target, String constraint) {
        Solution local = problem(objective, constraint).data("X", TestTables.X)
                .data("y", target.endsWith("label") ? TestTables.LABEL : TestTables.Y).solve();
        String x = format.equals("parquet") && name.startsWith("two") ? "X=features" : "X=x1:x4";
        String path = format.equals("csv") ? TestTables.CSV.toString() : TestTables.PARQUET.toString();
        try (RowTable table = open(path, 64, x, target)) {
            assertThat(table.rows()).isEqualTo(TestTables.N);
            Solution spark = problem(objective, constraint).solve(table);
            assertThat(spark.status()).isEqualTo(local.status());
            assertThat(spark.objective()).as(name).isCloseTo(local.objective(), within(1e-8 * Math.abs(local.objective())));
            double[] a = local.solution().get("w").data(), b = spark.solution().get("w").data();
            for (int i = 0; i < a.length; i++) assertThat(b[i]).isCloseTo(a[i], within(1e-5));
        }
    }

    @Test
    void inLocalModeTheBlocksAreOnePartitionPerCoreWithNothingLost() {
        // three CSV parts (three read partitions) on local[2,2]: cut to two, every row kept
        try (RowTable table = open(TestTables.CSV.toString(), 64, "X=x1:x4", "y=label")) {
            assertThat(table.describe()).endsWith(", 2 partitions");
            assertThat(table.rows()).isEqualTo(TestTables.X.numRows);
            assertThat(((SparkRowTable) table).blocks().rdd().isCheckpointed()).isTrue();
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithTheSameAnswer() {
        Solution local = problem("sum(log(1 + exp(-y.*(X*w)))) + lam*norm2(w)^2", null)
                .data("X", TestTables.X).data("y", TestTables.LABEL).solve();
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicInteger failed = new AtomicInteger();
        SparkRowTable.beforeBlock = task -> {
            if (task.attemptNumber() == 0 && task.partitionId() == 0 && armed.compareAndSet(true, false)) {
                failed.incrementAndGet();
                throw new IllegalStateException("a lost executor, as a test injects it");
            }
        };
        try (RowTable table = open(TestTables.CSV.toString(), 64, "X=x1:x4", "y=label")) {
            Solution spark = problem("sum(log(1 + exp(-y.*(X*w)))) + lam*norm2(w)^2", null).solve(table);
            assertThat(failed.get()).isEqualTo(1);
            assertThat(spark.objective()).isCloseTo(local.objective(), within(1e-8 * Math.abs(local.objective())));
        } finally {
            SparkRowTable.beforeBlock = null;
        }
    }

    @Test
    void refusesWhatMixesRowsNamingTheSubexpression() {
        try (RowTable table = open(TestTables.CSV.toString(), 64, "X=x1:x4", "y=y")) {
            assertThatThrownBy(() -> Optimization.minimize("norm2(X*X'*y)^2 + sum(X*w)").over("w").solve(table))
                    .isInstanceOf(SourceError.class)
                    .hasMessageContaining("cannot run on blocks of the table's rows")
                    .hasMessageContaining("X*X'");
            assertThatThrownBy(() -> Optimization.minimize("sum(inv(X*X' + eye)*y) + sum(X*w)").over("w").solve(table))
                    .isInstanceOf(SourceError.class)
                    .hasMessageContaining("cannot run on blocks of the table's rows");
        }
    }
}
