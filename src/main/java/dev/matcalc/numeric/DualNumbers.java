package dev.matcalc.numeric;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

import static dev.matcalc.numeric.Derivatives.basis;

/**
 * Reference derivatives by forward-mode dual numbers ({@link DualEvaluator}), in the index
 * convention of {@link Derivatives}: exact directional derivatives, so, unlike
 * {@link FiniteDifferences}, they carry no truncation error, and the error left is rounding. Each
 * comes with an estimate of that error and with where, if anywhere, its evaluation left the normal
 * range of doubles (then its numbers are not to be compared at all).
 *
 * <p><b>The error estimate.</b> Each rounded operation is exact on operands perturbed by at most
 * u = 2⁻⁵³ relatively, so a computation of n operations is taken to return the exact answer at
 * inputs perturbed by about n·u (the γ_n bound of Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, §3.1), and its relative error to be about κ·n·u, with κ the relative condition
 * number of the derivative in its inputs. κ is measured, not guessed: the derivative is computed
 * again with every input entry multiplied by 1 + δ·r (r uniform in [-1, 1], δ = 2⁻³⁰, fixed seed),
 * and κ ≈ ‖J' − J‖ / (δ·‖J‖) in the max norm, at least 1. This is an estimate, not a bound: it
 * is meant to be generous (n counts every node), and it grows where the derivative is
 * ill-conditioned, which is where a comparison in doubles stops meaning anything.
 */
public final class DualNumbers {
    private DualNumbers() { }

    private static final double UNIT_ROUNDOFF = 0x1p-53, DELTA = 0x1p-30;
    private static final long PERTURBATION_SEED = 0x5eedL;

    /**
     * A reference derivative, its estimated relative rounding error (in the max norm), and the
     * first node where its evaluation left the normal range of doubles (null when it did not).
     */
    public record Reference(Tensor value, double error, OutOfRange outOfRange) { }

    /** ∂f/∂x at the point of {@code at}, axes shape(f) + shape(x). */
    public static Reference derivative(Expr f, Var x, Evaluator at) {
        return reference(f, at, point -> {
            DualEvaluator dual = new DualEvaluator(point, x);
            Tensor t = dual.jacobian(f);
            return new Evaluation(t, dual.outOfRange(), dual.nodes());
        });
    }

    /**
     * Second order, from a first derivative: {@code linear} is D(x; dx), linear in {@code dx};
     * the result is ∂/∂x of D(x; E_j) for each basis direction E_j of dx, with axes
     * shape(f) + shape(dx) + shape(x), as {@link FiniteDifferences#derivativeOfLinear} gives it.
     * {@code at} must know every size dx needs (bind the function differentiated to it).
     */
    public static Reference derivativeOfLinear(Expr linear, Var dx, Var x, Evaluator at) {
        return reference(linear, at, point -> {
            point.bind(linear);
            int[] ds = point.size(dx.shape());
            Tensor[] slices = new Tensor[ds[0] * ds[1]];
            OutOfRange out = null;
            int nodes = 0;
            for (int j = 0; j < slices.length; j++) {
                DualEvaluator dual = new DualEvaluator(point.with(dx, basis(ds[0], ds[1], j)), x);
                slices[j] = dual.jacobian(linear);
                if (out == null) out = dual.outOfRange();
                nodes = Math.max(nodes, dual.nodes());
            }
            DMatrixRMaj x0 = point.value(x.name());
            Tensor t = Derivatives.interleave(slices, Derivatives.axes(dx.shape(), ds[0], ds[1]),
                    Derivatives.axes(x.shape(), x0.numRows, x0.numCols));
            return new Evaluation(t, out, nodes);
        });
    }

    private record Evaluation(Tensor value, OutOfRange outOfRange, int nodes) { }

    private static Reference reference(Expr e, Evaluator at, java.util.function.Function<Evaluator, Evaluation> compute) {
        Evaluation exact = compute.apply(at);
        if (exact.outOfRange() != null) return new Reference(exact.value(), Double.POSITIVE_INFINITY, exact.outOfRange());
        Evaluation nearby = compute.apply(perturbed(e, at));
        // at the edge of the range: a relative change of 1e-9 in the inputs already leaves it
        if (nearby.outOfRange() != null) return new Reference(exact.value(), Double.POSITIVE_INFINITY, nearby.outOfRange());
        Tensor j = exact.value(), k = nearby.value();
        double scale = Math.max(j.maxAbs(), k.maxAbs());
        double condition = scale == 0 ? 0 : j.maxAbsDiff(k) / (scale * DELTA);
        return new Reference(j, Math.max(1, exact.nodes()) * UNIT_ROUNDOFF * Math.max(1, condition), null);
    }

    /**
     * The point of {@code at} with every entry of every non-differential variable of {@code e}
     * multiplied by 1 + δ·r; a symmetric variable stays symmetric.
     */
    private static Evaluator perturbed(Expr e, Evaluator at) {
        SplittableRandom rng = new SplittableRandom(PERTURBATION_SEED);
        Evaluator out = at.bind(e);
        for (Var v : Nodes.variables(e).values()) {
            if (v.isDifferential()) continue;
            DMatrixRMaj m = at.value(v.name());
            boolean symmetric = v.kind() == Var.Kind.SYMMETRIC;
            for (int r = 0; r < m.numRows; r++)
                for (int c = symmetric ? r : 0; c < m.numCols; c++) {
                    double factor = 1 + DELTA * (2 * rng.nextDouble() - 1);
                    m.set(r, c, m.get(r, c) * factor);
                    if (symmetric) m.set(c, r, m.get(r, c));
                }
            out = out.with(v, m);
        }
        return out;
    }
}
