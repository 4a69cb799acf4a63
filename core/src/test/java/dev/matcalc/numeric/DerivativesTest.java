package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.*;

/** Symbolic derivatives written by hand, checked against central differences at seeded random points. */
class DerivativesTest {
    private final Var x = vector("x", N), A = matrix("A", M, N), S = matrix("S", N, N), X = matrix("X", N, N);
    private final Var dx = differential(x), dX = differential(X);

    private static Map<String, DMatrixRMaj> point(Expr f, long seed) {
        return RandomPoints.draw(f, new SplittableRandom(seed)).values();
    }

    /** fromLinear(D) and finite differences of f agree, and have the expected axes. */
    private static Tensor check(Expr f, Expr d, Var dx, Var x, Map<String, DMatrixRMaj> values, int... axes) {
        Tensor symbolic = Derivatives.fromLinear(d, dx, f.shape(), new Evaluator(values).bind(f));
        Tensor numeric = FiniteDifferences.derivative(f, x, values);
        assertThat(symbolic.shape()).containsExactly(axes);
        assertThat(numeric.shape()).containsExactly(axes);
        assertThat(symbolic.relativeError(numeric)).isLessThan(1e-7);
        return symbolic;
    }

    @RepeatedTest(3)
    void linearMap(RepetitionInfo r) {
        Expr f = mul(A, x);
        Map<String, DMatrixRMaj> at = point(f, r.getCurrentRepetition());
        DMatrixRMaj a = at.get("A");
        Tensor j = check(f, mul(A, dx), dx, x, at, a.numRows, a.numCols);
        assertThat(j.data()).containsExactly(a.data); // the Jacobian of A x is A, entry [i, j] = A_ij
    }

    @RepeatedTest(3)
    void quadraticForm(RepetitionInfo r) {
        Expr f = mul(transpose(x), S, x);
        Expr d = add(mul(transpose(dx), S, x), mul(transpose(x), S, dx));
        Map<String, DMatrixRMaj> at = point(f, 10 + r.getCurrentRepetition());
        int n = at.get("x").numRows;
        Tensor g = check(f, d, dx, x, at, n);
        DMatrixRMaj s = at.get("S"), v = at.get("x");
        for (int i = 0; i < n; i++) { // (S + S') x
            double expected = 0;
            for (int k = 0; k < n; k++) expected += (s.get(i, k) + s.get(k, i)) * v.get(k);
            assertThat(g.get(i)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void elementwiseExpIsDiagonal() {
        Expr f = apply(Fn.EXP, x);
        Map<String, DMatrixRMaj> at = point(f, 3);
        int n = at.get("x").numRows;
        Tensor j = check(f, hadamard(f, dx), dx, x, at, n, n);
        assertThat(j.get(0, 1)).isZero();
        assertThat(j.get(1, 1)).isEqualTo(Math.exp(at.get("x").get(1)));
    }

    @RepeatedTest(3)
    void inverseHasFourAxes(RepetitionInfo r) {
        Expr inv = call(MatFn.INV, X);
        Expr d = neg(mul(inv, dX, inv));
        Map<String, DMatrixRMaj> at = point(inv, 20 + r.getCurrentRepetition());
        int n = at.get("X").numRows;
        check(inv, d, dX, X, at, n, n, n, n);
    }

    @Test
    void scalarOfMatrixAndDerivativesThatNoLongerMentionX() {
        Expr f = call(MatFn.TR, mul(S, X));
        Map<String, DMatrixRMaj> at = point(f, 5);
        int n = at.get("X").numRows;
        Tensor g = check(f, call(MatFn.TR, mul(S, dX)), dX, X, at, n, n);
        assertThat(g.get(0, 1)).isCloseTo(at.get("S").get(1, 0), within(1e-12)); // ∂tr(SX)/∂X = S'
        // D = sum(dx) mentions no x: its size comes from the point, bound on f
        Expr sum = call(MatFn.SUM, x);
        Map<String, DMatrixRMaj> xs = Map.of("x", col(1, 2, 3));
        Tensor ones = Derivatives.fromLinear(call(MatFn.SUM, dx), dx, Shape.SCALAR, new Evaluator(xs).bind(sum));
        assertThat(ones.data()).containsExactly(1, 1, 1);
    }

    @Test
    void rowVectorsContributeOneAxisAndScalarsNone() {
        Expr f = mul(transpose(x), transpose(A)); // 1×m
        Map<String, DMatrixRMaj> at = point(f, 6);
        check(f, mul(transpose(dx), transpose(A)), dx, x, at, at.get("A").numRows, at.get("A").numCols);
        Var t = scalar("t");
        Expr g = apply(Fn.SIN, t);
        Tensor d = check(g, mul(apply(Fn.COS, t), differential(t)), differential(t), t, Map.of("t", one(0.3)));
        assertThat(d.rank()).isZero();
        assertThat((Double) d.toNested()).isCloseTo(Math.cos(0.3), within(1e-15));
    }

    @Test
    void logsumexpGradientIsSoftmax() {
        Expr f = call(MatFn.LOGSUMEXP, x);
        Map<String, DMatrixRMaj> at = point(f, 8);
        check(f, inner(call(MatFn.SOFTMAX, x), dx), dx, x, at, at.get("x").numRows);
    }

    @Test
    void wrongDerivativeIsCaught() {
        Expr f = mul(transpose(x), S, x);
        Expr wrong = mul(Num.TWO, transpose(x), S, dx); // right only for symmetric S
        Map<String, DMatrixRMaj> at = point(f, 9);
        Tensor symbolic = Derivatives.fromLinear(wrong, dx, f.shape(), at);
        assertThat(symbolic.relativeError(FiniteDifferences.derivative(f, x, at))).isGreaterThan(1e-3);
    }

    @Test
    void secondOrderAgreesWithDifferencesOfTheFirst() {
        Expr f = mul(transpose(x), S, x);
        Var d1 = new Var("dx1", x.shape(), Var.Kind.DIFFERENTIAL), d2 = new Var("dx2", x.shape(), Var.Kind.DIFFERENTIAL);
        Expr first = add(mul(transpose(dx), S, x), mul(transpose(x), S, dx));
        Expr second = add(mul(transpose(d1), S, d2), mul(transpose(d2), S, d1));
        Map<String, DMatrixRMaj> at = point(f, 11);
        int n = at.get("x").numRows;
        Tensor h = Derivatives.fromLinear2(second, d1, d2, f.shape(), at);
        Tensor fd = FiniteDifferences.derivativeOfLinear(first, dx, x, at);
        assertThat(h.shape()).containsExactly(n, n);
        assertThat(fd.shape()).containsExactly(n, n);
        assertThat(h.relativeError(fd)).isLessThan(1e-7);
        assertThat(h.get(0, 1)).isCloseTo(at.get("S").get(0, 1) + at.get("S").get(1, 0), within(1e-12));
    }

    @Test
    void secondOrderOfAVectorFunctionHasThreeAxes() {
        Expr f = apply(Fn.EXP, mul(A, x)); // m-vector
        Var d1 = new Var("dx1", x.shape(), Var.Kind.DIFFERENTIAL), d2 = new Var("dx2", x.shape(), Var.Kind.DIFFERENTIAL);
        Expr first = hadamard(f, mul(A, dx));
        Expr second = hadamard(f, hadamard(mul(A, d1), mul(A, d2)));
        Map<String, DMatrixRMaj> at = point(f, 12);
        DMatrixRMaj a = at.get("A");
        Tensor h = Derivatives.fromLinear2(second, d1, d2, f.shape(), at);
        assertThat(h.shape()).containsExactly(a.numRows, a.numCols, a.numCols);
        assertThat(h.relativeError(FiniteDifferences.derivativeOfLinear(first, dx, x, at))).isLessThan(1e-6);
    }
}
