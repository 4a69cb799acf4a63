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
 * <p><b>The error estimate</b>, by random perturbation of every operation, as the CESTAC method of
 * stochastic arithmetic does (Vignes, <i>Discrete Stochastic Arithmetic for Validating Results of
 * Numerical Software</i>, Numerical Algorithms 37, 2004). Rounding makes every entry an operation
 * computes wrong by a relative amount of at most u = 2⁻⁵³. The reference is computed again, twice,
 * with every such entry (of values and tangents alike) multiplied by 1 + δ·r, r uniform in [-1, 1]
 * and δ = 2⁻⁴⁰: far above u, so that the change is not lost in the rounding itself, yet small
 * enough for the change to stay linear in the perturbations. A matrix function such as inv, which
 * rounds inside, has its argument perturbed too (backward stable, it is exact for a nearby one).
 * The largest relative change, scaled back by u/δ, is how far rounding moves the reference; it is
 * multiplied by {@link #SAFETY}, which covers the rounding inside an operation (an inner product
 * rounds once per term) and the symbolic side's own rounding, of the same kind. It grows where the
 * computation cancels or is ill-conditioned, which is where a comparison in doubles stops meaning
 * anything.
 */
public final class DualNumbers {
    private DualNumbers() { }

    private static final double UNIT_ROUNDOFF = 0x1p-53, DELTA = 0x1p-40, SAFETY = 8;
    private static final long[] JITTER_SEEDS = {0x5eedL, 0x5eed2L};

    /**
     * A reference derivative, its estimated relative rounding error (in the max norm), and the
     * first node where its evaluation left the normal range of doubles (null when it did not).
     */
    public record Reference(Tensor value, double error, OutOfRange outOfRange) { }

    /** ∂f/∂x at the point of {@code at}, axes shape(f) + shape(x). */
    public static Reference derivative(Expr f, Var x, Evaluator at) {
        return reference(jitter -> {
            DualEvaluator dual = new DualEvaluator(at, x, jitter);
            Tensor t = dual.jacobian(f);
            return new Evaluation(t, dual.outOfRange());
        });
    }

    /**
     * Second order, from a first derivative: {@code linear} is D(x; dx), linear in {@code dx};
     * the result is ∂/∂x of D(x; E_j) for each basis direction E_j of dx, with axes
     * shape(f) + shape(dx) + shape(x), as {@link FiniteDifferences#derivativeOfLinear} gives it.
     * {@code at} must know every size dx needs (bind the function differentiated to it).
     */
    public static Reference derivativeOfLinear(Expr linear, Var dx, Var x, Evaluator at) {
        at.bind(linear);
        int[] ds = at.size(dx.shape());
        DMatrixRMaj x0 = at.value(x.name());
        return reference(jitter -> {
            Tensor[] slices = new Tensor[ds[0] * ds[1]];
            OutOfRange out = null;
            for (int j = 0; j < slices.length; j++) {
                DualEvaluator dual = new DualEvaluator(at.with(dx, basis(ds[0], ds[1], j)), x, jitter);
                slices[j] = dual.jacobian(linear);
                if (out == null) out = dual.outOfRange();
            }
            Tensor t = Derivatives.interleave(slices, Derivatives.axes(dx.shape(), ds[0], ds[1]),
                    Derivatives.axes(x.shape(), x0.numRows, x0.numCols));
            return new Evaluation(t, out);
        });
    }

    private record Evaluation(Tensor value, OutOfRange outOfRange) { }

    private static Reference reference(java.util.function.Function<DualEvaluator.Jitter, Evaluation> compute) {
        Evaluation exact = compute.apply(null);
        if (exact.outOfRange() != null) return new Reference(exact.value(), Double.POSITIVE_INFINITY, exact.outOfRange());
        Tensor j = exact.value();
        double change = 0;
        for (long seed : JITTER_SEEDS) {
            Evaluation jittered = compute.apply(new DualEvaluator.Jitter(DELTA, new SplittableRandom(seed)));
            // at the edge of the range: perturbations of 1e-12 already take it out
            if (jittered.outOfRange() != null)
                return new Reference(j, Double.POSITIVE_INFINITY, jittered.outOfRange());
            Tensor k = jittered.value();
            double scale = Math.max(j.maxAbs(), k.maxAbs());
            if (scale > 0) change = Math.max(change, j.maxAbsDiff(k) / scale);
        }
        return new Reference(j, SAFETY * UNIT_ROUNDOFF * Math.max(1, change / DELTA), null);
    }
}
