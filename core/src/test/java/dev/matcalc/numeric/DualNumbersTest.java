package dev.matcalc.numeric;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.Var;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dual-number references: exact where differences are not, an error estimate that follows the
 * rounding actually made, and a clear mark where the numbers left the range of doubles.
 */
class DualNumbersTest {
    private final Var a = scalar("a"), x = vector("x", N), X = matrix("X", N, N), A = matrix("A", N, N);

    private static Evaluator at(Map<String, DMatrixRMaj> values) {
        return new Evaluator(values);
    }

    /** exp(exp(exp(exp(sum(X))))): its gradient is e4·e3·e2·e1 in every entry, e1 = exp(sum(X)), e(k+1) = exp(e(k)). */
    @Test
    void exactWhereCentralDifferencesAreNot() {
        Expr f = apply(Fn.EXP, apply(Fn.EXP, apply(Fn.EXP, apply(Fn.EXP, call(MatFn.SUM, X)))));
        Map<String, DMatrixRMaj> values = Map.of("X", rows(new double[]{0.1, -0.1}, new double[]{0.25, 0.15}));
        double e1 = Math.exp(0.4), e2 = Math.exp(e1), e3 = Math.exp(e2), e4 = Math.exp(e3);
        double g = e4 * e3 * e2 * e1;
        Tensor exact = new Tensor(new int[]{2, 2}, new double[]{g, g, g, g});

        DualNumbers.Reference dual = DualNumbers.derivative(f, X, at(values));
        assertThat(dual.outOfRange()).isNull();
        assertThat(relative(dual.value(), exact)).isLessThan(1e-14).isLessThanOrEqualTo(dual.error());
        assertThat(dual.error()).isLessThan(1e-12);
        // the truncation error that made `check` call this right answer FAILED
        assertThat(relative(FiniteDifferences.derivative(f, X, values), exact)).isGreaterThan(1e-7);
    }

    /**
     * (a + 1e8)² - 2e8·a has the derivative 2a, which the dual numbers get as 2(a + 1e8) - 2e8:
     * the cancellation loses about 8 digits, and the estimate says so; a² loses none.
     */
    @Test
    void theErrorEstimateFollowsTheRoundingMade() {
        Expr cancelling = sub(pow(add(a, num(1e8)), num(2)), mul(num(2e8), a));
        Map<String, DMatrixRMaj> values = Map.of("a", one(0.7));
        DualNumbers.Reference r = DualNumbers.derivative(cancelling, a, at(values));
        double actual = Math.abs(r.value().data()[0] - 1.4) / 1.4;
        assertThat(actual).isGreaterThan(1e-10);
        assertThat(r.error()).isGreaterThanOrEqualTo(actual).isBetween(1e-9, 1e-5);

        DualNumbers.Reference plain = DualNumbers.derivative(pow(a, num(2)), a, at(values));
        assertThat(plain.value().data()[0]).isEqualTo(1.4);
        assertThat(plain.error()).isPositive().isLessThan(1e-14);
        // the estimate is reproducible: fixed perturbations
        assertThat(DualNumbers.derivative(cancelling, a, at(values)).error()).isEqualTo(r.error());
    }

    @Test
    void overflowIsMarkedWhereItHappens() {
        Expr inner = apply(Fn.EXP, call(MatFn.SUM, x)), f = apply(Fn.EXP, inner);
        DualNumbers.Reference r = DualNumbers.derivative(f, x, at(Map.of("x", col(4, 4))));  // exp(e^8) > 1e308
        assertThat(r.outOfRange()).isEqualTo(new OutOfRange(OutOfRange.Kind.OVERFLOW, f));
    }

    /**
     * The nested family at X of order 1e-60: Y1 = X'*A*X is about 1e-120, Y2 about 1e-240, and every
     * term of Y3 = Y2'*A*Y2 (1e-480) and of its tangents rounds to 0 at once, no subnormal in sight.
     */
    @Test
    void underflowToZeroIsMarkedThoughNoSubnormalAppears() {
        Expr y1 = mul(transpose(X), A, X), y2 = mul(transpose(y1), A, y1), y3 = mul(transpose(y2), A, y2);
        Map<String, DMatrixRMaj> values = Map.of("X", rows(new double[]{1e-60, 2e-60}, new double[]{-1e-60, 3e-60}),
                "A", rows(new double[]{1, 2}, new double[]{3, -1}));
        DualNumbers.Reference r = DualNumbers.derivative(call(MatFn.TR, y3), X, at(values));
        assertThat(r.value().maxAbs()).isZero();             // what `check` used to compare, and call ok
        assertThat(r.outOfRange()).isEqualTo(new OutOfRange(OutOfRange.Kind.UNDERFLOW, y3));
        assertThat(DualNumbers.derivative(call(MatFn.TR, y2), X, at(values)).outOfRange()).isNull();
    }

    @Test
    void underflowOfAFunctionThatIsNeverZeroIsMarked() {
        Expr f = call(MatFn.SUM, apply(Fn.EXP, x));
        DualNumbers.Reference r = DualNumbers.derivative(f, x, at(Map.of("x", col(-800, -900))));
        assertThat(r.outOfRange().kind()).isEqualTo(OutOfRange.Kind.UNDERFLOW);
    }

    @Test
    void nanOutsideTheDomainIsMarked() {
        Expr log = apply(Fn.LOG, x);
        DualNumbers.Reference r = DualNumbers.derivative(call(MatFn.SUM, log), x, at(Map.of("x", col(-1, 2))));
        assertThat(r.outOfRange()).isEqualTo(new OutOfRange(OutOfRange.Kind.UNDEFINED, log));
    }

    /** A derivative that is 0 because the function is flat there is a number to compare, not an underflow. */
    @Test
    void aFlatFunctionIsNotMistakenForUnderflow() {
        for (Fn fn : new Fn[]{Fn.RELU, Fn.STEP, Fn.SIGN}) {
            DualNumbers.Reference r = DualNumbers.derivative(call(MatFn.SUM, apply(fn, x)), x, at(Map.of("x", col(-1, -2))));
            assertThat(r.outOfRange()).as("%s", fn).isNull();
            assertThat(r.value().maxAbs()).as("%s", fn).isZero();
        }
    }

    /** Second order from the first differential: the Hessian of x'*A*x is A + A' (axes [n, n]). */
    @Test
    void secondOrderFromAFirstDifferential() {
        Var dx = differential(x);
        Expr differential = add(mul(transpose(dx), A, x), mul(transpose(x), A, dx));
        Map<String, DMatrixRMaj> values = RandomPoints.draw(mul(transpose(x), A, x), new SplittableRandom(3)).values();
        DualNumbers.Reference r = DualNumbers.derivativeOfLinear(differential, dx, x, at(values));
        DMatrixRMaj m = values.get("A");
        int n = m.numRows;
        Tensor expected = Tensor.zeros(new int[]{n, n});
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) expected.data()[i * n + j] = m.get(i, j) + m.get(j, i);
        assertThat(r.value().shape()).containsExactly(n, n);
        assertThat(relative(r.value(), expected)).isLessThanOrEqualTo(r.error()).isLessThan(1e-14);
        assertThat(relative(r.value(), FiniteDifferences.derivativeOfLinear(differential, dx, x, values))).isLessThan(1e-8);
    }

    private static double relative(Tensor t, Tensor reference) {
        return t.maxAbsDiff(reference) / reference.maxAbs();
    }
}
