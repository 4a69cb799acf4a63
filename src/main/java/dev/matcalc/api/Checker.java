package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.FiniteDifferences;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares symbolic derivatives with central finite differences at random points. The first
 * derivative is compared with differences of the function; a derivative of order k with
 * differences of the symbolic derivative of order k-1 (its differential). The matrix form shown
 * to the user is what is checked, and it is also compared with the differential it was read from.
 */
public final class Checker {
    private static final int TRIES_PER_POINT = 20;

    private Checker() { }

    public static CheckReport check(String source, List<String> wrt, Map<String, String> let, int order, Layout layout,
                                    int points, long seed, double tolerance) {
        return Work.call(() -> run(source, wrt, let, order, layout, points, seed, tolerance));
    }

    private static CheckReport run(String source, List<String> wrt, Map<String, String> let, int order, Layout layout,
                                   int points, long seed, double tolerance) {
        Expression expression = MatCalc.parse(source, Service.declarations(let), Map.of());
        List<String> names = wrt.isEmpty() ? expression.variables().stream().map(Var::name).toList() : wrt;
        List<DerivativeResult> derivatives = Service.derivatives(expression, names, order, layout);

        List<String> lines = new ArrayList<>();
        double worst = 0;
        SplittableRandom rng = new SplittableRandom(seed);
        for (DerivativeResult result : derivatives) {
            List<String> by = result.derivative().wrt().stream().map(Var::name).toList();
            double error = 0;
            int checked = 0;
            for (int p = 0; p < points; p++) {
                Double e = checkAtOnePoint(expression, result, rng);
                if (e == null) continue;
                error = Math.max(error, e);
                checked++;
            }
            if (checked == 0)
                throw new SourceError("could not find a point where " + expression.toText() + " and its derivative are finite");
            worst = Math.max(worst, error);
            lines.add(String.format("d/d(%s): %s%n  max relative error %.3g over %d points (tolerance %.3g): %s",
                    String.join(", ", by), result.toText().replace("\n", "; "), error, checked, tolerance,
                    error <= tolerance ? "ok" : "FAILED"));
        }
        return new CheckReport(worst <= tolerance, worst, tolerance, points, lines);
    }

    /** The relative error at one random point, or null when no finite point was found. */
    private static Double checkAtOnePoint(Expression expression, DerivativeResult result, SplittableRandom rng) {
        Derivative d = result.derivative();
        for (int attempt = 0; attempt < TRIES_PER_POINT; attempt++) {
            RandomPoints.Point point = RandomPoints.draw(expression.expr(), d.wrt(), rng.split());
            Map<String, DMatrixRMaj> values = point.values();
            try {
                Tensor symbolic = result.evaluate(values);
                Tensor reference = symmetrized(reference(expression, d, values), d);
                if (!finite(symbolic) || !finite(reference)) continue;
                double error = symbolic.relativeError(reference);
                if (d.directions().size() <= 2)
                    error = Math.max(error, symbolic.relativeError(result.evaluateDifferential(values)));
                return error;
            } catch (SourceError e) {
                if (attempt == TRIES_PER_POINT - 1) throw e;       // e.g. a singular matrix at every try
            }
        }
        return null;
    }

    /** Finite differences of the derivative one order below: of f, or of the lower derivative it extends. */
    private static Tensor reference(Expression expression, Derivative d, Map<String, DMatrixRMaj> values) {
        List<Var> wrt = d.wrt();
        Var last = wrt.get(wrt.size() - 1);
        // sizes bound from f and the variables: a lower derivative that is a constant (a zero vector)
        // cannot tell them, nor can f tell those of a declared variable it does not mention
        if (wrt.size() == 1 || d.base() != d.function())
            return FiniteDifferences.derivative(d.base(), last, DerivativeResult.at(d, values), FiniteDifferences.DEFAULT_STEP);
        Derivative lower = dev.matcalc.calculus.Differentiation.derivative(expression.expr(),
                wrt.subList(0, wrt.size() - 1), Layout.NUMERATOR);
        if (lower.order() == 1)
            return FiniteDifferences.derivativeOfLinear(lower.differential(), lower.directions().get(0), last, values,
                    expression.expr(), wrt.get(0));
        throw new SourceError("finite-difference checks of this derivative of order " + wrt.size() + " are not available");
    }

    /**
     * Finite differences move one entry at a time, leaving the symmetric matrices; the derivative
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

    private static int rank(dev.matcalc.shapes.Shape s) {
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

    private static boolean finite(Tensor t) {
        for (double v : t.data()) if (!Double.isFinite(v)) return false;
        return true;
    }

}
