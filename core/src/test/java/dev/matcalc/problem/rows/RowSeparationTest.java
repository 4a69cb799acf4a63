package dev.matcalc.problem.rows;

import dev.matcalc.api.Optimization;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.problem.CompiledProblem;
import dev.matcalc.problem.Problem;
import dev.matcalc.problem.Solution;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The row separation against the whole-table objective: the same value and gradient at random
 * points when the table is split into blocks (of 7 rows, so that the last block is partial), the
 * same optimum, and refusals that name the subexpression that mixes rows.
 */
class RowSeparationTest {
    private static final int N = 45;
    private static final DMatrixRMaj X = new DMatrixRMaj(N, 3), Y = new DMatrixRMaj(N, 1), LABELS = new DMatrixRMaj(N, 1);

    static {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) X.set(i, j, rng.nextGaussian());
            Y.set(i, 0, X.get(i, 0) - 2 * X.get(i, 1) + 0.5 * rng.nextGaussian());
            LABELS.set(i, 0, Y.get(i, 0) > 0 ? 1 : -1);
        }
    }

    private static Optimization problem(String objective, String... constraints) {
        Optimization o = Optimization.minimize(objective).over("w").data("lam", 0.3);
        for (String c : constraints) o.subjectTo(c);
        return o;
    }

    private static Optimization local(String objective, String... constraints) {
        return problem(objective, constraints).data("X", X).data("y", Y).data("labels", LABELS);
    }

    private static InMemoryRows table(int blockRows) {
        Map<String, DMatrixRMaj> columns = new LinkedHashMap<>();
        columns.put("X", X);
        columns.put("y", Y);
        columns.put("labels", LABELS);
        return new InMemoryRows(columns, Map.of("X", ValueShape.Kind.MATRIX), blockRows);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sum(log(1 + exp(-labels.*(X*w)))) + lam*norm2(w)^2",
            "norm2(X*w - y)^2",
            "0.5*norm2(X*w - y)^2 + lam*w'*w",
            "mean((X*w - y).^2) + lam*sum(w.^2)",
            "sum(exp(X*w)) - y'*X*w + w'*w",
            "r = X*w - y; r'*r + lam*norm2(w)^2",
            "tr(X'*diag(sigmoid(X*w))*X) + w'*w",
            "norm2(X*w - y)",
            "log(sum(exp(X*w))) + lam*w'*w",
            "(sum(X*w) - 3)^2 + norm2(X'*(X*w - y))^2 + w'*w",
            "0.5*(norm2(X*w - y)^2 + lam*w'*w)",
            "norm2(X*w)^2 + sum(y.^2) + sum(labels)*norm2(w)^2",
    })
    void valueAndGradientMatchTheWholeTable(String objective) {
        CompiledProblem whole = CompiledProblem.compile(local(objective).problem());
        try (CompiledProblem split = CompiledProblem.compile(problem(objective).problem(), table(7))) {
            DifferentiableFunction f = whole.problem().objective(), g = split.problem().objective();
            SplittableRandom rng = new SplittableRandom(objective.hashCode());
            for (int trial = 0; trial < 3; trial++) {
                double[] x = whole.start();
                for (int i = 0; i < x.length; i++) x[i] += 0.3 * rng.nextGaussian();
                double[] gf = new double[x.length], gg = new double[x.length];
                double vf = f.valueAndGradient(x, gf), vg = g.valueAndGradient(x, gg);
                assertThat(vg).as("value of " + objective).isCloseTo(vf, within(1e-10 * Math.max(1, Math.abs(vf))));
                for (int i = 0; i < x.length; i++)
                    assertThat(gg[i]).as("gradient entry " + i + " of " + objective).isCloseTo(gf[i], within(1e-9 * Math.max(1, Math.abs(gf[i]))));
            }
        }
    }

    @Test
    void onePassWhereTheObjectiveIsASumOverRowsPlusALocalPartAndTwoPassesForAFunctionOfSums() {
        try (CompiledProblem p = CompiledProblem.compile(problem("sum(log(1 + exp(-labels.*(X*w)))) + lam*norm2(w)^2").problem(), table(10))) {
            Separation s = p.distributed().separation();
            assertThat(s.twoPass()).isFalse();
            assertThat(s.local()).isNotNull();
            long before = p.distributed().passes();
            p.problem().objective().value(p.start());
            assertThat(p.distributed().passes() - before).isEqualTo(1);
        }
        try (CompiledProblem p = CompiledProblem.compile(problem("norm2(X*w - y) + w'*w").problem(), table(10))) {
            Separation s = p.distributed().separation();
            assertThat(s.twoPass()).isTrue();
            assertThat(s.sums()).hasSize(1);
            long before = p.distributed().passes();
            p.problem().objective().valueAndGradient(p.start(), new double[3]);
            assertThat(p.distributed().passes() - before).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sum(log(1 + exp(-labels.*(X*w)))) + lam*norm2(w)^2 |",
            "norm2(X*w - y)^2 | w >= 0",
            "norm2(X*w - y) + 0.1*w'*w | sum(w) == 1",
            "0.5*norm2(X*w - y)^2 + lam*norm1(w) |",
    })
    void solvesToTheSameOptimumAsTheWholeTable(String model) {
        String[] parts = model.split("\\|", -1);
        String[] constraints = parts[1].isBlank() ? new String[0] : new String[] {parts[1].strip()};
        Solution whole = local(parts[0].strip(), constraints).tolerance(1e-9).solve();
        Solution split = problem(parts[0].strip(), constraints).tolerance(1e-9).solve(table(8));
        assertThat(split.objective()).isCloseTo(whole.objective(), within(1e-8 * Math.max(1, Math.abs(whole.objective()))));
        double[] a = whole.solution().get("w").data(), b = split.solution().get("w").data();
        for (int i = 0; i < a.length; i++) assertThat(b[i]).isCloseTo(a[i], within(1e-5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "norm2(X*X'*y)^2 + sum(X*w) | X*X'",
            "sum(softmax(X*w)) | softmax",
            "sum(X*w*sum(y)) | sum over all rows",
            "logsumexp(X*w) | log(sum(exp(",
            "sum((X*w - mean(X*w)).^2) | sum over all rows",
    })
    void refusesWhatMixesRowsNamingIt(String model) {
        String[] parts = model.split("\\|");
        Problem p = problem(parts[0].strip()).problem();
        assertThatThrownBy(() -> CompiledProblem.compile(p, table(7)))
                .isInstanceOf(SourceError.class)
                .hasMessageContaining("cannot run on blocks of the table's rows")
                .hasMessageContaining(parts[1].strip());
    }

    @Test
    void refusesConstraintsOnTheTableAndVariablesWithOneEntryPerRow() {
        assertThatThrownBy(() -> CompiledProblem.compile(problem("norm2(X*w - y)^2", "X*w >= 0").problem(), table(7)))
                .isInstanceOf(SourceError.class).hasMessageContaining("uses X, a column of the table");
        Problem perRow = Optimization.minimize("norm2(X*w - y - z)^2 + z'*z").over("w", "z").problem();
        assertThatThrownBy(() -> CompiledProblem.compile(perRow, table(7)))
                .isInstanceOf(SourceError.class).hasMessageContaining("z (n×1) has one entry per row");
        assertThatThrownBy(() -> CompiledProblem.compile(problem("lam*w'*w").start("w", new double[] {1, 2}).problem(), table(7)))
                .isInstanceOf(SourceError.class).hasMessageContaining("uses none of the table's columns");
    }
}
