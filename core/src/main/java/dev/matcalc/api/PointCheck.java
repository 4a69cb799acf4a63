package dev.matcalc.api;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Differentiation;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.DualEvaluator;
import dev.matcalc.numeric.DualNumbers;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.OutOfRange;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;

/**
 * One comparison of a symbolic derivative with its reference at one point: forward-mode dual
 * numbers ({@link DualNumbers}), exact up to rounding. The first derivative's reference is the
 * dual-number Jacobian of f; a derivative of order k is compared with the dual-number derivative
 * of the symbolic one of order k-1 (its differential). The matrix form shown to the user is what
 * is compared, and it is also compared with the differential it was read from.
 *
 * <p>A point is compared only where every number involved is a meaningful double: when the
 * reference's evaluation or the symbolic derivative's leaves the normal range (overflow, NaN,
 * underflow to subnormals or to 0), the outcome is {@link Unchecked}, never an error of 0.
 */
final class PointCheck {
    private PointCheck() { }

    sealed interface Outcome permits Compared, Unchecked { }

    /**
     * Meaningful numbers, compared: {@code error} is the relative error (max norm) of the symbolic
     * numbers against the reference, {@code referenceError} the reference's own estimated error.
     */
    record Compared(double error, double referenceError) implements Outcome { }

    /** Nothing meaningful to compare: how the numbers left the range of doubles, and where. */
    record Unchecked(OutOfRange.Kind kind, String where) implements Outcome { }

    private static final int MAX_WHERE_LENGTH = 60;

    static Outcome at(Expression expression, DerivativeResult result, Map<String, DMatrixRMaj> values) {
        Derivative d = result.derivative();
        DualNumbers.Reference reference = reference(expression, d, values);
        if (reference.outOfRange() != null) return unchecked(reference.outOfRange());
        OutOfRange symbolicRange = scan(expression, result, values);
        if (symbolicRange != null) return unchecked(symbolicRange);
        Tensor expected = symmetrized(reference.value(), d);
        Tensor symbolic = result.evaluate(values);
        double error = relativeError(symbolic, expected);
        if (d.directions().size() <= 2) error = Math.max(error, relativeError(symbolic, result.evaluateDifferential(values)));
        if (Double.isNaN(error))                    // the scan saw no departure, yet the numbers did depart
            return new Unchecked(OutOfRange.Kind.UNDEFINED, "the derivative " + shortened(result.toText()));
        return new Compared(error, reference.error());
    }

    /**
     * max |S - R| / max(|R|, |S|) over the entries: relative at every scale (a derivative of size
     * 1e-30 is compared as strictly as one of size 1), and 0 only when both are exactly 0. An
     * infinity makes it NaN.
     */
    static double relativeError(Tensor symbolic, Tensor reference) {
        double scale = Math.max(symbolic.maxAbs(), reference.maxAbs());
        if (!Double.isFinite(scale)) return Double.NaN;
        return scale == 0 ? 0 : symbolic.maxAbsDiff(reference) / scale;
    }

    /** Dual numbers of the derivative one order below: of f, or of the lower derivative it extends. */
    private static DualNumbers.Reference reference(Expression expression, Derivative d, Map<String, DMatrixRMaj> values) {
        List<Var> wrt = d.wrt();
        Var last = wrt.get(wrt.size() - 1);
        // sizes bound from f too: a lower derivative that is a constant (a zero vector) cannot tell them
        Evaluator at = DerivativeResult.at(d, values);
        if (wrt.size() == 1 || d.base() != d.function()) return DualNumbers.derivative(d.base(), last, at);
        Derivative lower = Differentiation.derivative(expression.expr(), wrt.subList(0, wrt.size() - 1), Layout.NUMERATOR);
        if (lower.order() == 1)
            return DualNumbers.derivativeOfLinear(lower.differential(), lower.directions().get(0), last, at);
        throw new SourceError("numeric checks of this derivative of order " + wrt.size() + " are not available");
    }

    /**
     * Where the symbolic derivative's own evaluation leaves the range of doubles (its order of
     * operations differs from the reference's), or null. A derivative with no matrix form is
     * scanned as its differential in the all-ones direction.
     */
    private static OutOfRange scan(Expression expression, DerivativeResult result, Map<String, DMatrixRMaj> values) {
        Derivative d = result.derivative();
        Evaluator at = DerivativeResult.at(d, values);
        Expr shown = result.expr();
        if (!d.hasMatrixForm())
            for (Var direction : d.directions()) {
                int[] size = at.size(direction.shape());
                DMatrixRMaj ones = new DMatrixRMaj(size[0], size[1]);
                ones.fill(1);
                at = at.with(direction, ones);
            }
        DualEvaluator valuesOnly = new DualEvaluator(at, null);
        valuesOnly.eval(shown);
        return valuesOnly.outOfRange();
    }

    private static Unchecked unchecked(OutOfRange out) {
        return new Unchecked(out.kind(), shortened(Render.text(out.where())));
    }

    private static String shortened(String text) {
        String line = text.replace("\n", "; ");
        return line.length() <= MAX_WHERE_LENGTH ? line : line.substring(0, MAX_WHERE_LENGTH - 1) + "…";
    }

    /**
     * The dual numbers step one entry at a time, leaving the symmetric matrices; the derivative
     * by a symmetric variable is the projection (G+G')/2, so the reference is projected likewise.
     */
    private static Tensor symmetrized(Tensor t, Derivative d) {
        int axis = rank(d.function().shape());
        Tensor out = t;
        for (Var v : d.wrt()) {
            if (v.kind() == Var.Kind.SYMMETRIC) out = symmetrize(out, axis);
            axis += rank(v.shape());
        }
        return out;
    }

    private static int rank(Shape s) {
        return (s.rows().isOne() ? 0 : 1) + (s.cols().isOne() ? 0 : 1);
    }

    /** (T + T with axes a and a+1 swapped) / 2. */
    private static Tensor symmetrize(Tensor t, int a) {
        int[] shape = t.shape();
        int n = shape[a];
        int inner = 1;
        for (int k = a + 2; k < shape.length; k++) inner *= shape[k];
        int outer = t.data().length / (n * n * inner);
        double[] data = t.data().clone();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int r = 0; r < inner; r++) {
                        int ij = ((o * n + i) * n + j) * inner + r, ji = ((o * n + j) * n + i) * inner + r;
                        data[ij] = (t.data()[ij] + t.data()[ji]) / 2;
                    }
        return new Tensor(shape, data);
    }
}
