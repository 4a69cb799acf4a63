package dev.matcalc.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code matcalc minimize ... --table T --spark MASTER} through the command line (the backend found
 * by ServiceLoader): adding --spark is the only change, and the answer is the local one.
 */
class SparkCommandLineTest {
    @BeforeAll
    static void data() {
        TestTables.touch();
    }

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    @Test
    void addingSparkIsTheOnlyChange() throws Exception {
        SharedSpark.get();
        String[] common = {"minimize", "sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2", "--over", "w",
                "--table", TestTables.CSV.toString(), "--data", "X=x1:x4", "--data", "y=label", "--tolerance", "1e-10",
                "--format", "json"};
        CommandLineRun local = run(common);
        String[] distributed = java.util.Arrays.copyOf(common, common.length + 5);
        System.arraycopy(new String[] {"--spark", SharedSpark.MASTER, "--progress", "--block-rows", "100"}, 0, distributed, common.length, 5);
        CommandLineRun spark = run(distributed);
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        double a = json.readTree(local.out()).get("objective").asDouble(), b = json.readTree(spark.out()).get("objective").asDouble();
        assertThat(b).isCloseTo(a, within(1e-8 * Math.abs(a)));
        assertThat(spark.err()).contains("matcalc: Spark ").contains(TestTables.N + " rows in 9 blocks")
                .contains("passes").contains("job/pass").doesNotContain("Exception");
    }

    @Test
    void whatCannotRunOnBlocksIsRefusedWithExitCode2() {
        SharedSpark.get();
        CommandLineRun r = run("minimize", "norm2(X*X'*y)^2 + sum(X*w)", "--over", "w", "--table", TestTables.CSV.toString(),
                "--data", "X=x1:x4", "--data", "y=y", "--spark", SharedSpark.MASTER);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot run on blocks of the table's rows: X*X'*y").doesNotContain("Exception");
    }
}
