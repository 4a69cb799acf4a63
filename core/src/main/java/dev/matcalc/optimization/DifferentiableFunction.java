package dev.matcalc.optimization;

/**
 * A function f: Rⁿ → R with its gradient, as the solvers see it: a flat vector in, a number and
 * a gradient out.
 *
 * <p>Outside its domain (log of a negative number, a division by zero) f returns +∞ or NaN, or
 * writes a non-finite gradient; the solvers then back off toward the last good point and never
 * fail on it. A value of −∞ (or below −10³⁰⁰) means f is unbounded below.
 */
public interface DifferentiableFunction {
    /** n, the length of x. */
    int dimension();

    /** Writes ∇f(x) into {@code gradient} (length {@link #dimension()}) and returns f(x). Must not keep {@code x}. */
    double valueAndGradient(double[] x, double[] gradient);

    /** f(x) alone (the gradient computed and dropped); for reports, not for a solver's inner loop. */
    default double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }

    /** Whether {@link #hessianVectorProduct} is implemented. */
    default boolean hasHessianVectorProduct() {
        return false;
    }

    /** Writes the Hessian-vector product ∇²f(x)·v into {@code out}. */
    default void hessianVectorProduct(double[] x, double[] v, double[] out) {
        throw new UnsupportedOperationException("no Hessian-vector product");
    }
}
