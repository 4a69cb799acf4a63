package dev.matcalc.compile;

import dev.matcalc.expr.Fn;

/**
 * Element-wise functions over whole arrays. With the JDK's vector module in the runtime
 * ({@code --add-modules jdk.incubator.vector}, as the benchmarks and tests run), exp, log, tanh and
 * the other transcendental functions go to the JDK's SIMD library ({@link VectorMath}: 5-6× faster
 * than {@code Math.exp}/{@code Math.tanh} one value at a time, within an ulp); without it, one value
 * at a time through {@link Fn#eval}, the definition every function has in one place.
 */
final class ElementwiseKernels {
    private ElementwiseKernels() { }

    /** Whether the vector module is there (it is optional: an incubator module, named at launch). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("matcalc.scalarMath");

    /** y[i] = fn(x[i]); x and y may be the same array. */
    static void apply(Fn fn, double[] x, double[] y) {
        apply(fn, x, y, 0, y.length);
    }

    /** y[i] = fn(x[i]) for i in [from, to). */
    static void apply(Fn fn, double[] x, double[] y, int from, int to) {
        if (VECTOR && VectorMath.apply(fn, x, y, from, to)) return;
        for (int i = from; i < to; i++) y[i] = fn.eval(x[i]);
    }

    /** a[from, to) = exp(a[from, to)), in place. */
    static void expInPlace(double[] a, int from, int to) {
        if (VECTOR) VectorMath.expInPlace(a, from, to);
        else for (int i = from; i < to; i++) a[i] = Math.exp(a[i]);
    }

    /** One value at a time: the reference the vector path is tested against. */
    static void scalar(Fn fn, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] = fn.eval(x[i]);
    }
}
