package dev.matcalc.optimization;

/** A function of a flat vector that gives its value and gradient together (and, optionally, Hessian-vector products). */
public interface DifferentiableFunction {
    int dimension();

    /** The value at {@code x}, with the gradient written into {@code gradient}. */
    double valueAndGradient(double[] x, double[] gradient);

    default boolean hasHessianVectorProduct() {
        return false;
    }

    /** The Hessian at {@code x} applied to {@code v}, written into {@code out}. */
    default void hessianVectorProduct(double[] x, double[] v, double[] out) {
        throw new UnsupportedOperationException("this function has no Hessian-vector product");
    }
}
