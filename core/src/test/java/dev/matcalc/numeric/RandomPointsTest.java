package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.*;

class RandomPointsTest {
    private static RandomPoints.Point draw(Expr e, int seed) {
        return RandomPoints.draw(e, new SplittableRandom(seed));
    }

    @RepeatedTest(5)
    void symbolicDimsAreSmallDistinctAndConsistent(RepetitionInfo r) {
        Var A = matrix("A", N, M), x = vector("x", M), k = new Var("F", Shape.matrix(Dim.of(5), N));
        RandomPoints.Point p = draw(add(mul(k, A, x), Num.ONE), r.getCurrentRepetition());
        int n = p.dims().get("n"), m = p.dims().get("m");
        assertThat(n).isBetween(2, 4).isNotEqualTo(m);
        assertThat(m).isBetween(2, 4);
        assertThat(p.values().get("A").numRows).isEqualTo(n);
        assertThat(p.values().get("x").numRows).isEqualTo(m);
        assertThat(p.values().get("F").numRows).isEqualTo(5); // fixed dims kept
        assertThat(RandomPoints.draw(add(mul(k, A, x), Num.ONE), new SplittableRandom(r.getCurrentRepetition())).values().get("A").data)
                .containsExactly(p.values().get("A").data); // same seed, same point
    }

    @RepeatedTest(5)
    void entriesRespectTheDomainsAbove(RepetitionInfo r) {
        Var a = vector("a", N), b = vector("b", N), c = vector("c", N), d = vector("d", N), e = vector("e", N), f = vector("f", N);
        Expr expr = add(apply(Fn.LOG, a), apply(Fn.ARCSIN, b), apply(Fn.TAN, c), div(Num.ONE, scalarSum(d)),
                pow(e, num(1.5)), apply(Fn.SIN, f));
        RandomPoints.Point p = draw(expr, 100 + r.getCurrentRepetition());
        assertThat(boxed(p.values().get("a").data)).allSatisfy(v -> assertThat(v).isBetween(0.5, 2.0));
        assertThat(boxed(p.values().get("b").data)).allSatisfy(v -> assertThat(v).isBetween(-0.6, 0.6));
        assertThat(boxed(p.values().get("c").data)).allSatisfy(v -> assertThat(v).isBetween(-1.0, 1.0));
        assertThat(boxed(p.values().get("d").data)).allSatisfy(v -> assertThat(v).isBetween(0.5, 2.0));
        assertThat(boxed(p.values().get("e").data)).allSatisfy(v -> assertThat(v).isBetween(0.5, 2.0));
        assertThat(boxed(Evaluator.evaluate(expr, p.values()).data)).allSatisfy(v -> assertThat(v).isFinite());
    }

    @Test
    void unconstrainedEntriesAreNormalAndNonzeroOnesAvoidZero() {
        Var f = vector("f", Dim.of(400)), g = vector("g", Dim.of(400));
        RandomPoints.Point p = draw(add(apply(Fn.SIN, f), apply(Fn.ABS, g)), 1);
        assertThat(boxed(p.values().get("f").data)).anySatisfy(v -> assertThat(v).isNegative()).anySatisfy(v -> assertThat(v).isGreaterThan(2));
        assertThat(boxed(p.values().get("g").data)).allSatisfy(v -> assertThat(Math.abs(v)).isGreaterThanOrEqualTo(0.1));
    }

    private static java.util.List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static Expr scalarSum(Var v) {
        return call(MatFn.SUM, v);
    }

    @RepeatedTest(5)
    void matricesUnderInvDetLogdetAreWellConditioned(RepetitionInfo r) {
        Var X = matrix("X", N, N), Y = matrix("Y", N, N), Z = matrix("Z", N, N);
        Expr e = add(call(MatFn.SUM, call(MatFn.INV, X)), call(MatFn.DET, Y), call(MatFn.LOGDET, Z));
        RandomPoints.Point p = draw(e, 200 + r.getCurrentRepetition());
        assertThat(NormOps_DDRM.conditionP2(p.values().get("X"))).isLessThan(100);
        for (String spd : new String[] {"Y", "Z"}) {
            DMatrixRMaj m = p.values().get(spd);
            assertThat(MatrixKernels.isSymmetric(m)).isTrue();
            assertThat(DecompositionFactory_DDRM.chol(m.numRows, true).decompose(m.copy())).isTrue();
        }
        assertThat(boxed(p.values().get("Z").data)).allSatisfy(v -> assertThat(v).isPositive()); // logdet: positive entries too
        assertThat(Evaluator.evaluate(e, p.values()).data[0]).isFinite();
    }

    @Test
    void symmetricVariablesAreSymmetric() {
        Var S = new Var("S", Shape.matrix(N, N), Var.Kind.SYMMETRIC);
        DMatrixRMaj s = draw(mul(S, vector("x", N)), 4).values().get("S");
        assertThat(MatrixKernels.isSymmetric(s)).isTrue();
        assertThat(s.get(0, 1)).isNotZero();
    }

    /**
     * A point drawn for {@code check} must pass the API's symmetry check exactly, and mirroring
     * (rather than averaging with the transpose) keeps each entry in its domain: away from the kink
     * of abs, inside log's interval.
     */
    @RepeatedTest(5)
    void symmetricValuesAreExactlySymmetricAndKeepTheirDomains(RepetitionInfo r) {
        Var P = new Var("P", Shape.matrix(Dim.of(6), Dim.of(6)), Var.Kind.SYMMETRIC),
                Q = new Var("Q", Shape.matrix(Dim.of(6), Dim.of(6)), Var.Kind.SYMMETRIC),
                R = new Var("R", Shape.matrix(N, N), Var.Kind.SYMMETRIC),
                T = new Var("T", Shape.matrix(N, N), Var.Kind.SYMMETRIC);
        Expr e = add(call(MatFn.SUM, apply(Fn.ABS, P)), call(MatFn.SUM, apply(Fn.LOG, Q)),
                call(MatFn.SUM, call(MatFn.INV, R)), call(MatFn.LOGDET, T));
        RandomPoints.Point p = draw(e, 300 + r.getCurrentRepetition());
        for (String name : new String[] {"P", "Q", "R", "T"}) {
            DMatrixRMaj m = p.values().get(name);
            assertThat(SymmetricValues.largest(m).gap()).as(name).isZero();
            Var v = new Var(name, Shape.matrix(N, N), Var.Kind.SYMMETRIC);
            assertThatCode(() -> SymmetricValues.require(v, m)).doesNotThrowAnyException();
        }
        assertThat(boxed(p.values().get("P").data)).allSatisfy(v -> assertThat(Math.abs(v)).isGreaterThanOrEqualTo(0.1));
        assertThat(boxed(p.values().get("Q").data)).allSatisfy(v -> assertThat(v).isBetween(0.5, 2.0));
        assertThat(Evaluator.evaluate(e, p.values()).data[0]).isFinite();
    }

    @Test
    void callersFixDimsAndValues() {
        Var A = matrix("A", N, M), x = vector("x", M);
        Var dx = differential(x);
        Expr e = add(mul(A, x), mul(A, dx));
        RandomPoints.Point p = RandomPoints.draw(e, new SplittableRandom(5), Map.of("n", 7), Map.of("x", col(1, 2, 3, 4, 5, 6)));
        assertThat(p.dims()).containsEntry("n", 7).containsEntry("m", 6);
        assertThat(p.values().get("x").data).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(p.values()).doesNotContainKey("dx"); // differentials are directions, not drawn
        assertThatThrownBy(() -> RandomPoints.draw(e, new SplittableRandom(5), Map.of("m", 2), Map.of("x", col(1, 2, 3))))
                .isInstanceOf(SourceError.class).hasMessageContaining("m is both 2 and 3");
    }
}
