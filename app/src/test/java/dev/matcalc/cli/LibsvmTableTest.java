package dev.matcalc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --table FILE.libsvm --data X=features --data y=label} without a cluster: the features stay
 * sparse and the answer is that of the same numbers given dense; bad files, names and options, and
 * uses that would make the features dense, are errors with exit status 2.
 */
class LibsvmTableTest {
    @TempDir
    Path dir;

    private static final double[][] A = MinimizeCommandTest.random(40, 6, 11);

    /** A's entries below 0.3 in magnitude left out (zero), as LIBSVM and as the dense files of the same matrix. */
    private Path write() throws IOException {
        StringBuilder svm = new StringBuilder(), a = new StringBuilder(), b = new StringBuilder();
        for (int i = 0; i < A.length; i++) {
            double label = Math.sin(i) > 0 ? 1 : -1;
            svm.append(label);
            for (int j = 0; j < A[i].length; j++) {
                double v = Math.abs(A[i][j]) < 0.3 ? 0 : A[i][j];
                if (v != 0) svm.append(' ').append(j + 1).append(':').append(v);
                a.append(j == 0 ? "" : ",").append(v);
            }
            svm.append('\n');
            a.append('\n');
            b.append(label).append('\n');
        }
        Files.writeString(dir.resolve("A.csv"), a.toString());
        Files.writeString(dir.resolve("b.csv"), b.toString());
        return Files.writeString(dir.resolve("t.libsvm"), svm.toString());
    }

    @Test
    void aLibsvmTableGivesTheAnswerOfTheDenseData() throws IOException {
        Path t = write();
        String objective = "sum(log(1 + exp(-y.*(X*w)))) + lam*norm2(w)^2";
        Cli dense = Cli.run("minimize", objective, "--over", "w", "--data", "X=" + dir.resolve("A.csv"), "--data", "y=" + dir.resolve("b.csv"),
                "--data", "lam=0.1", "--format", "json", "--tolerance", "1e-10");
        Cli sparse = Cli.run("minimize", objective, "--over", "w", "--table", t.toString(), "--data", "X=features", "--data", "y=label",
                "--data", "lam=0.1", "--format", "json", "--tolerance", "1e-10", "--block-rows", "7");
        assertThat(dense.exitCode()).as(dense.err()).isZero();
        assertThat(sparse.exitCode()).as(sparse.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        double a = json.readTree(dense.out()).get("objective").asDouble(), b = json.readTree(sparse.out()).get("objective").asDouble();
        assertThat(b).isCloseTo(a, within(1e-8 * Math.abs(a)));
        Cli wider = Cli.run("minimize", objective, "--over", "w", "--table", t.toString(), "--data", "X=features", "--data", "y=label",
                "--data", "lam=0.1", "--format", "json", "--features", "9");
        assertThat(wider.exitCode()).as(wider.err()).isZero();
        assertThat(json.readTree(wider.out()).get("solution").get("w").size()).isEqualTo(9);
    }

    @Test
    void badFilesNamesAndUsesAreErrorsWithExitStatus2() throws IOException {
        Path t = write();
        Files.writeString(dir.resolve("bad.svm"), "1 1:0.5\n-1 1:2 3:NaN\n");
        Cli nan = Cli.run("minimize", "norm2(X*w - y)^2", "--over", "w", "--table", dir.resolve("bad.svm").toString(),
                "--data", "X=features", "--data", "y=label");
        assertThat(nan.exitCode()).isEqualTo(2);
        assertThat(nan.err()).contains("bad.svm:2:10: NaN is not a finite number (feature 3)");
        Cli name = Cli.run("minimize", "norm2(X*w - y)^2", "--over", "w", "--table", t.toString(), "--data", "X=x1:x6", "--data", "y=label");
        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.err()).contains("has two columns, label and features; bind them with --data X=features --data y=label");
        Cli dense = Cli.run("minimize", "norm2(X*w - y)^2 + sum(exp(X))", "--over", "w", "--table", t.toString(),
                "--data", "X=features", "--data", "y=label");
        assertThat(dense.exitCode()).isEqualTo(2);
        assertThat(dense.err()).contains("X is sparse (a LIBSVM table's features); exp(X) would read X as a dense 40×6 matrix");
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n");
        Cli features = Cli.run("minimize", "norm2(a*w - b)^2", "--over", "w", "--table", dir.resolve("t.csv").toString(),
                "--data", "a=a", "--data", "b=b", "--features", "3");
        assertThat(features.exitCode()).isEqualTo(2);
        assertThat(features.err()).contains("--features 3 gives the width of a LIBSVM table");
    }

    @Test
    void aWidthBeyondTheMemoryIsAnErrorNotAStackTrace() throws IOException {
        Path t = write();
        // two billion features: the gradient alone would take 16 GB, more than any test JVM's heap
        Cli huge = Cli.run("minimize", "norm2(X*w - y)^2", "--over", "w", "--table", t.toString(), "--data", "X=features",
                "--data", "y=label", "--features", "2000000000");
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.err()).contains("out of memory").contains("JAVA_TOOL_OPTIONS=-Xmx");
    }
}