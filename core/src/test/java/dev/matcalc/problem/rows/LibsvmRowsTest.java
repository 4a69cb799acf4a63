package dev.matcalc.problem.rows;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.numeric.SparseMatrix;
import dev.matcalc.problem.Solution;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A LIBSVM table read here ({@link LibsvmRows}): sparse blocks whose solve reaches the optimum of
 * the same numbers given dense; a file's errors name its line and column; what would make the
 * features dense is refused before anything runs.
 */
class LibsvmRowsTest {
    @TempDir
    Path dir;

    static final int N = 300, D = 40;
    static final DMatrixRMaj X = new DMatrixRMaj(N, D), LABEL = new DMatrixRMaj(N, 1), Y = new DMatrixRMaj(N, 1);

    static {
        SplittableRandom r = new SplittableRandom(21);
        double[] truth = new double[D];
        for (int j = 0; j < D; j++) truth[j] = r.nextGaussian();
        for (int i = 0; i < N; i++) {
            double dot = 0;
            for (int j = 0; j < D - 3; j++)                 // the last three features are never written
                if (r.nextDouble() < 0.15) {
                    X.set(i, j, r.nextGaussian());
                    dot += truth[j] * X.get(i, j);
                }
            LABEL.set(i, 0, dot + 0.3 * r.nextGaussian() > 0 ? 1 : -1);
            Y.set(i, 0, dot + 0.1 * r.nextGaussian());
        }
    }

    /** The rows as LIBSVM lines, label first ({@code y} or the ±1 label), with a comment and a blank line. */
    static String libsvm(DMatrixRMaj target) {
        StringBuilder sb = new StringBuilder("# written by the test\n");
        for (int i = 0; i < X.numRows; i++) {
            sb.append(target.get(i, 0));
            for (int j = 0; j < X.numCols; j++) if (X.get(i, j) != 0) sb.append(' ').append(j + 1).append(':').append(X.get(i, j));
            sb.append(i == 5 ? "   # a comment\n" : "\n");
            if (i == 10) sb.append('\n');
        }
        return sb.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static InMemoryRows read(Path p, int features, String... bindings) {
        return LibsvmRows.read(new TableSource(p.toString(), List.of(bindings).stream().map(ColumnBinding::parse).toList(), 64, features));
    }

    @Test
    void theFeaturesStaySparseInBlocks() throws IOException {
        InMemoryRows t = read(write("t.libsvm", libsvm(LABEL)), 0, "X=features", "y=label");
        assertThat(t.rows()).isEqualTo(N);
        assertThat(t.blocks()).isEqualTo((N + 63) / 64);
        assertThat(t.sparse()).containsExactly("X");
        assertThat(t.shapes().get("X").cols()).isEqualTo(D - 3);      // the largest index
        assertThat(read(write("u.svm", libsvm(LABEL)), 50, "X=features", "y=label").shapes().get("X").cols()).isEqualTo(50);
        assertThat(new TableSource("a.svm", List.of(), 1).format()).isEqualTo(TableSource.Format.LIBSVM);
    }

    @Test
    void solvesReachTheOptimumOfTheDenseData() throws IOException {
        String[][] cases = {
                {"sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2", "label"},
                {"norm2(X*w - y)^2 + 0.1*w'*w", "y"},
                {"norm2(X*w - y) + 0.1*w'*w", "y"}};                       // two passes
        for (String[] c : cases) {
            DMatrixRMaj target = c[1].equals("label") ? LABEL : Y;
            Path p = write(c[1] + ".libsvm", libsvm(target));
            Solution dense = Optimization.minimize(c[0]).over("w").data("X", X).data("y", target).tolerance(1e-10).solve();
            try (InMemoryRows t = read(p, D, "X=features", "y=label")) {
                Solution sparse = Optimization.minimize(c[0]).over("w").tolerance(1e-10).solve(t);
                assertThat(sparse.objective()).as(c[0]).isCloseTo(dense.objective(), within(1e-8 * Math.abs(dense.objective())));
            }
        }
    }

    @Test
    void aUseThatWouldMakeTheFeaturesDenseIsRefusedBeforeAnythingRuns() throws IOException {
        Path p = write("t.libsvm", libsvm(LABEL));
        try (InMemoryRows t = read(p, 0, "X=features", "y=label")) {
            assertThatThrownBy(() -> Optimization.minimize("norm2(X*w - y)^2 + tr(X'*X)").over("w").solve(t))
                    .isInstanceOf(SourceError.class)
                    .hasMessage("X is sparse (a LIBSVM table's features); X'*X would make a dense 37×37 matrix; only products "
                            + "of X with dense operands keep it sparse (X*w, X'*v, X*W)");
            assertThatThrownBy(() -> Optimization.minimize("sum(exp(X*w)) + sum(X.*X)").over("w").solve(t))
                    .isInstanceOf(SourceError.class).hasMessageContaining("X.*X would read X as a dense 300×37 matrix");
            assertThat(t.passes()).isZero();
        }
    }

    @Test
    void badFilesNameTheLineAndColumn() throws IOException {
        String[][] cases = {
                {"1 1:0.5 3:2\nabc 1:1\n", ":2:1: 'abc' is not a number (the label)"},
                {"1 1:0.5 3:x\n", ":1:11: 'x' is not a number (feature 3)"},
                {"1 2:0.5 2:1\n", ":1:9: index 2 after index 2: the indices of a line must increase"},
                {"1 3:0.5 2:1\n", ":1:9: index 2 after index 3: the indices of a line must increase"},
                {"1 0:0.5\n", ":1:3: index 0: LIBSVM's indices start at 1"},
                {"1 1:NaN\n", ":1:5: NaN is not a finite number (feature 1)"},
                {"1 1:0.5 oops\n", ":1:9: expected INDEX:VALUE, found 'oops'"},
                {"1 a:0.5\n", ":1:3: 'a' is not an index (a whole number from 1)"},
                {"0 1:1 99:2\n", ":1:7: index 99 is beyond --features 10"}};
        for (String[] c : cases) {
            Path p = write("bad.libsvm", c[0]);
            assertThatThrownBy(() -> read(p, 10, "X=features", "y=label")).as(c[0])
                    .isInstanceOf(SourceError.class).hasMessage(p + c[1]);
        }
        assertThatThrownBy(() -> read(write("e.libsvm", "# nothing\n\n"), 0, "X=features"))
                .isInstanceOf(SourceError.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> read(write("n.libsvm", "1 1:2\n"), 0, "X=x1:x3"))
                .isInstanceOf(SourceError.class).hasMessageContaining("has two columns, label and features; bind them with "
                        + "--data X=features --data y=label");
    }

    @Test
    void blocksAreWidenedToTheTable() {
        SparseMatrix s = SparseMatrix.of(DMatrixRMaj.wrap(2, 2, new double[] {1, 0, 0, 2}));
        RowBlock b = new RowBlock(2, java.util.Map.of("X", s)).widened(java.util.Map.of("X", 5));
        assertThat(b.values().get("X").numCols).isEqualTo(5);
        assertThat(((SparseMatrix) b.values().get("X")).toDense().get(1, 1)).isEqualTo(2);
    }
}
