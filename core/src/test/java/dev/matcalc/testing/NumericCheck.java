package dev.matcalc.testing;

import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.FiniteDifferences;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares a symbolic derivative, as the API evaluates it ({@link DerivativeResult#evaluate}),
 * with central finite differences: of the function for a first derivative, of the first
 * differential for a second one. Written independently of {@code dev.matcalc.api.Checker}, so
 * that the tests do not only check the checker against itself.
 */
public final class NumericCheck {
    private static final int TRIES = 20;

    private NumericCheck() { }

    /** The symbolic and reference tensors at one point, and their relative error. */
    public record Comparison(Map<String, DMatrixRMaj> point, Tensor symbolic, Tensor reference, double error) {
        public String describe() {
            StringBuilder sb = new StringBuilder("relative error " + error + " at");
            point.forEach((name, m) -> sb.append("\n  ").append(name).append(" = ").append(m.toString().trim()));
            return sb.append("\n  symbolic  ").append(symbolic).append("\n  reference ").append(reference).toString();
        }
    }

    /**
     * The comparison at a random point drawn from {@code rng} where both sides are finite
     * (points where a value overflows or a matrix is singular are skipped, as a user's check would).
     */
    public static Comparison compare(Expression f, DerivativeResult d, SplittableRandom rng) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            // the variables differentiated by too: f need not mention a declared one (its derivative is zero)
            Map<String, DMatrixRMaj> values = RandomPoints.draw(f.expr(), d.derivative().wrt(), rng.split()).values();
            try {
                Tensor symbolic = d.evaluate(values);
                Tensor reference = reference(f, d.derivative(), values);
                if (finite(symbolic) && finite(reference))
                    return new Comparison(values, symbolic, reference, symbolic.relativeError(reference));
            } catch (SourceError e) {
                last = e;
            }
        }
        throw new AssertionError("no point with finite values in " + TRIES + " tries for " + f.toText(), last);
    }

    /** Central differences, symmetrized over the axes of symmetric variables. */
    public static Tensor reference(Expression f, Derivative d, Map<String, DMatrixRMaj> values) {
        List<Var> wrt = d.wrt();
        Tensor raw = switch (wrt.size()) {
            case 1 -> FiniteDifferences.derivative(f.expr(), wrt.get(0), values);
            case 2 -> {
                Derivative first = f.derivative(Layout.NUMERATOR, List.of(wrt.get(0))).derivative();
                yield FiniteDifferences.derivativeOfLinear(first.differential(), first.directions().get(0),
                        wrt.get(1), values, f.expr(), wrt.get(0));
            }
            default -> throw new IllegalArgumentException("orders 1 and 2 only");
        };
        int axis = rank(d.function().shape());
        Tensor out = raw;
        for (Var v : wrt) {
            if (v.isSymmetric() && !v.isScalar()) out = symmetrize(out, axis);
            axis += rank(v.shape());
        }
        return out;
    }

    /** (T + T with axes a, a+1 swapped) / 2: the projection onto symmetric directions. */
    public static Tensor symmetrize(Tensor t, int a) {
        int[] shape = t.shape();
        int n = shape[a];
        int inner = 1;
        for (int k = a + 2; k < shape.length; k++) inner *= shape[k];
        int outer = t.size() / (n * n * inner);
        double[] in = t.data(), out = new double[in.length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int r = 0; r < inner; r++)
                        out[((o * n + i) * n + j) * inner + r] =
                                (in[((o * n + i) * n + j) * inner + r] + in[((o * n + j) * n + i) * inner + r]) / 2;
        return new Tensor(shape, out);
    }

    public static int rank(Shape s) {
        return (s.rows().isOne() ? 0 : 1) + (s.cols().isOne() ? 0 : 1);
    }

    public static boolean finite(Tensor t) {
        for (double v : t.data()) if (!Double.isFinite(v)) return false;
        return true;
    }
}
