package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --table} without a cluster: a CSV table with a header (a file or a directory of parts)
 * bound by column names gives the same problem as the same numbers in --data files; --spark (and
 * a Parquet table) without the Spark module on the class path is a clear error, exit 2.
 */
class TableOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final double[][] A = MinimizeCommandTest.random(40, 3, 7);
    private static final double[] B = MinimizeCommandTest.times(A, new double[] {1, -1, 2});

    private Path table(String name, int parts) throws IOException {
        Path p = parts == 1 ? dir.resolve(name) : Files.createDirectories(dir.resolve(name));
        for (int part = 0; part < parts; part++) {
            StringBuilder sb = new StringBuilder("a1,a2,a3,b\n");
            for (int i = part * A.length / parts; i < (part + 1) * A.length / parts; i++)
                sb.append(A[i][0]).append(',').append(A[i][1]).append(',').append(A[i][2]).append(',').append(B[i] + 0.1 * Math.sin(i)).append('\n');
            Files.writeString(parts == 1 ? p : p.resolve("part-" + part + ".csv"), sb.toString());
        }
        return p;
    }

    @Test
    void aCsvTableBindsColumnsByNameAsDataFilesWould() throws IOException {
        Path one = table("t.csv", 1), parts = table("parts", 3);
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        for (int i = 0; i < A.length; i++) {
            a.append(A[i][0]).append(',').append(A[i][1]).append(',').append(A[i][2]).append('\n');
            b.append(B[i] + 0.1 * Math.sin(i)).append('\n');
        }
        Files.writeString(dir.resolve("A.csv"), a.toString());
        Files.writeString(dir.resolve("b.csv"), b.toString());
        Cli files = Cli.run("minimize", "norm2(A*x - b)^2 + lam*x'*x", "--over", "x", "--data", "A=" + dir.resolve("A.csv"),
                "--data", "b=" + dir.resolve("b.csv"), "--data", "lam=0.1", "--format", "json", "--quiet");
        Cli fromOne = Cli.run("minimize", "norm2(A*x - b)^2 + lam*x'*x", "--over", "x", "--table", one.toString(),
                "--data", "A=a1:a3", "--data", "b=b", "--data", "lam=0.1", "--format", "json", "--quiet");
        Cli fromParts = Cli.run("minimize", "norm2(A*x - b)^2 + lam*x'*x", "--over", "x", "--table", parts.toString(),
                "--data", "A=a1:a3", "--data", "b=b", "--data", "lam=0.1", "--format", "json", "--quiet");
        assertThat(files.exitCode()).as(files.err()).isZero();
        assertThat(fromOne.exitCode()).as(fromOne.err()).isZero();
        assertThat(fromParts.exitCode()).as(fromParts.err()).isZero();
        double expected = JSON.readTree(files.out()).get("objective").asDouble();
        for (Cli c : new Cli[] {fromOne, fromParts}) {
            JsonNode j = JSON.readTree(c.out());
            assertThat(j.get("objective").asDouble()).isCloseTo(expected, within(1e-12 * expected));
        }
    }

    @Test
    void badTablesAndBindingsAreClearErrors() throws IOException {
        Path t = table("t.csv", 1);
        Cli missing = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", t.toString(), "--data", "A=a1:a9", "--data", "b=b");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no column 'a9' in").contains("its columns are a1, a2, a3, b");
        Files.writeString(dir.resolve("bad.csv"), "a1,a2,a3,b\n1,2,3,4\n1,x,3,4\n");
        Cli bad = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", dir.resolve("bad.csv").toString(), "--data", "A=a1:a3", "--data", "b=b");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.csv:3:3: 'x' is not a number (column a2)");
        Cli none = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", t.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no --data binds its columns");
        for (String rows : new String[] {"0", "2000000000"}) {
            Cli blocks = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", t.toString(), "--data", "A=a1:a3", "--data", "b=b",
                    "--block-rows", rows);
            assertThat(blocks.exitCode()).as(blocks.err()).isEqualTo(2);
            assertThat(blocks.err()).contains("--block-rows must be at").contains(rows).doesNotContain("Exception");
        }
    }

    @Test
    void sparkWithoutItsModuleOrWithoutATableIsAClearError() throws IOException {
        Path t = table("t.csv", 1);
        Cli spark = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", t.toString(), "--data", "A=a1:a3", "--data", "b=b", "--spark");
        assertThat(spark.exitCode()).isEqualTo(2);
        assertThat(spark.err()).contains("--spark needs the Spark module (matcalc-spark) on the class path");
        Files.createDirectories(dir.resolve("p.parquet"));
        Cli parquet = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--table", dir.resolve("p.parquet").toString(), "--data", "A=a1:a3");
        assertThat(parquet.exitCode()).isEqualTo(2);
        assertThat(parquet.err()).contains("reading a Parquet table needs the Spark module");
        Cli noTable = Cli.run("minimize", "norm2(A*x - b)^2", "--over", "x", "--data", "A=[[1,2],[3,4]]", "--data", "b=[1,2]", "--spark");
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).contains("--spark distributes the rows of a table: give it with --table PATH");
    }
}
