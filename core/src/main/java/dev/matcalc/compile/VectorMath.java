package dev.matcalc.compile;

import dev.matcalc.expr.Fn;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental functions on SIMD lanes (the JDK's vector math library). Loaded only when the
 * vector module is in the runtime ({@link ElementwiseKernels#VECTOR}): nothing else refers to it.
 */
final class VectorMath {
    private VectorMath() { }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * y = fn(x) lane by lane on [from, to); false for functions left to the scalar loop (cheap or piecewise ones).
     * Each function has its own loop in its own method: the vector intrinsics apply only where the
     * operator is a constant at the call (a shared loop over a variable operator runs lane by lane,
     * boxed), and only where C2 inlines the whole loop body, which one method holding every loop
     * exceeded (softplus over 4,096 entries ran 20× slower inside a larger program than alone).
     */
    static boolean apply(Fn fn, double[] x, double[] y, int from, int to) {
        int i = switch (fn) {
            case EXP -> exp(x, y, from, to);
            case LOG -> log(x, y, from, to);
            case TANH -> tanh(x, y, from, to);
            case SIN -> sin(x, y, from, to);
            case COS -> cos(x, y, from, to);
            case TAN -> tan(x, y, from, to);
            case ARCSIN -> asin(x, y, from, to);
            case ARCCOS -> acos(x, y, from, to);
            case ARCTAN -> atan(x, y, from, to);
            case SQRT -> sqrt(x, y, from, to);
            case SIGMOID -> sigmoid(x, y, from, to);
            case SOFTPLUS -> softplus(x, y, from, to);
            default -> -1;
        };
        if (i < 0) return false;
        for (; i < to; i++) y[i] = fn.eval(x[i]);   // the tail shorter than a vector
        return true;
    }

    // Each returns where the scalar tail starts.
    private static int exp(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
        return i;
    }

    private static int log(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.LOG).intoArray(y, i);
        return i;
    }

    private static int tanh(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        return i;
    }

    private static int sin(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.SIN).intoArray(y, i);
        return i;
    }

    private static int cos(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.COS).intoArray(y, i);
        return i;
    }

    private static int tan(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.TAN).intoArray(y, i);
        return i;
    }

    private static int asin(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.ASIN).intoArray(y, i);
        return i;
    }

    private static int acos(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.ACOS).intoArray(y, i);
        return i;
    }

    private static int atan(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.ATAN).intoArray(y, i);
        return i;
    }

    private static int sqrt(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) v(x, i).lanewise(VectorOperators.SQRT).intoArray(y, i);
        return i;
    }

    /** 1/(1 + exp(-x)). */
    private static int sigmoid(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; i < bound; i += step) one.div(v(x, i).neg().lanewise(VectorOperators.EXP).add(1.0)).intoArray(y, i);
        return i;
    }

    /** max(x, 0) + log1p(exp(-|x|)): exp of a non-positive number never overflows. */
    private static int softplus(double[] x, double[] y, int from, int to) {
        int step = S.length(), bound = from + S.loopBound(to - from), i = from;
        for (; i < bound; i += step) {
            DoubleVector a = v(x, i);
            a.max(0.0).add(a.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).intoArray(y, i);
        }
        return i;
    }

    /** a[from, to) = exp(a[from, to)), in place: one row of a matrix while it is in cache. */
    static void expInPlace(double[] a, int from, int to) {
        int step = S.length(), i = from, bound = from + S.loopBound(to - from);
        for (; i < bound; i += step) v(a, i).lanewise(VectorOperators.EXP).intoArray(a, i);
        for (; i < to; i++) a[i] = Math.exp(a[i]);
    }

    /** max[j] = max(max[j], x[o + j]) for j < w, NaN propagating as {@link Math#max}: one row segment of column maxima. */
    static void maxRow(double[] max, double[] x, int o, int w) {
        int step = S.length(), j = 0, bound = S.loopBound(w);
        for (; j < bound; j += step) v(max, j).lanewise(VectorOperators.MAX, v(x, o + j)).intoArray(max, j);
        for (; j < w; j++) max[j] = Math.max(max[j], x[o + j]);
    }

    /**
     * out[o + j] = exp(x[o + j] - shift[j]) and sum[j] += out[o + j] for j < w: one row segment of a
     * column softmax, shifted, exponentiated and summed in one pass.
     */
    static void shiftedExpRow(double[] x, double[] out, int o, int w, double[] shift, double[] sum) {
        int step = S.length(), j = 0, bound = S.loopBound(w);
        for (; j < bound; j += step) {
            DoubleVector e = v(x, o + j).sub(v(shift, j)).lanewise(VectorOperators.EXP);
            e.intoArray(out, o + j);
            e.add(v(sum, j)).intoArray(sum, j);
        }
        for (; j < w; j++) {
            double e = Math.exp(x[o + j] - shift[j]);
            out[o + j] = e;
            sum[j] += e;
        }
    }

    /** z[from, to) += c·y[from, to)·w[at, at + to - from): a row segment scaled by its columns' factors. */
    static void addColumnScaled(double[] z, double[] y, double c, double[] w, int at, int from, int to) {
        int step = S.length(), e = from, bound = from + S.loopBound(to - from), shift = at - from;
        for (; e < bound; e += step) v(y, e).mul(c).mul(v(w, e + shift)).add(v(z, e)).intoArray(z, e);
        for (; e < to; e++) z[e] += c * y[e] * w[e + shift];
    }

    private static DoubleVector v(double[] x, int i) {
        return DoubleVector.fromArray(S, x, i);
    }
}
