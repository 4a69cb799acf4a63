package dev.matcalc.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A seeded generator of well-shaped random matcalc expressions, as source text (so that tests
 * exercise the parser and typer too). Every expression types under {@link #LETS}, and its
 * functions get arguments in their domains for any values of the variables:
 * <ul>
 *   <li>log, sqrt, negative and fractional powers, divisors and norm2 see {@link #positive} terms
 *   ({@code 1 + e.^2}, {@code exp(sin(e))}, ...);</li>
 *   <li>exp, arcsin, arccos and tan see bounded terms ({@code tanh(e)}, {@code 0.5*sin(e)}), so
 *   that nothing overflows or leaves [-1, 1];</li>
 *   <li>inv, det and logdet see {@code eye + M'*M}, symmetric positive definite;</li>
 *   <li>a varying exponent is {@code 1 + 0.5*bounded} over a positive base;</li>
 *   <li>the non-smooth abs, sign, relu, step and norm1 see a variable times a scalar variable,
 *   which random points keep away from the kinks (an arbitrary term could be identically zero);</li>
 *   <li>max and min compare a term with another plus such a variable, and max(X), min(X) see a
 *   term plus one, so that no two compared numbers are equal by construction (a tie, the kink,
 *   would leave the choice to rounding).</li>
 * </ul>
 * Depth bounds the size: a depth-4 expression has at most a few hundred nodes.
 */
public final class RandomExpressions {
    /** The types the generator tracks; n and m are symbolic sizes. */
    public enum Type { SCALAR, VEC_N, VEC_M, ROW_N, MAT_NN, MAT_MN }

    /** The shapes of every variable the generator uses. */
    public static final String[] LETS = {"a:scalar", "c:scalar", "x:vector(n)", "y:vector(n)", "b:vector(m)",
            "A:matrix(n,n)", "B:matrix(n,n)", "S:symmetric(n)", "W:matrix(m,n)"};

    /**
     * The declarations for one case: {@link #LETS} with each plain square matrix (A, B) declared
     * {@code symmetric(n)} instead, one time in four, so that derivatives by symmetric variables
     * other than S, and mixed second derivatives across two of them, are checked too. Random points
     * draw symmetric values for them ({@code RandomPoints}).
     */
    public static String[] lets(SplittableRandom rng) {
        String[] lets = LETS.clone();
        for (int i = 0; i < lets.length; i++)
            if (lets[i].endsWith(":matrix(n,n)") && rng.nextInt(4) == 0)
                lets[i] = lets[i].substring(0, lets[i].indexOf(':')) + ":symmetric(n)";
        return lets;
    }

    private static final List<String> SMOOTH = List.of("sin", "cos", "arctan", "tanh", "sigmoid", "softplus");
    private static final List<String> BOUNDING = List.of("sin", "cos", "tanh", "sigmoid", "arctan");
    private static final List<String> KINKED = List.of("abs", "sign", "relu", "step");

    private final SplittableRandom rng;

    public RandomExpressions(SplittableRandom rng) {
        this.rng = rng;
    }

    /** An expression of a random type. */
    public String next(int depth) {
        return of(pick(Type.values()), depth);
    }

    /** An expression of type {@code t} at most {@code depth} operators deep. */
    public String of(Type t, int depth) {
        if (depth <= 0 || rng.nextInt(6) == 0) return leaf(t);
        int d = depth - 1;
        // productions common to every type, then the type's own
        return switch (rng.nextInt(12)) {
            case 0 -> "(" + of(t, d) + " + " + of(t, d) + ")";
            case 1 -> "(" + of(t, d) + " - " + of(t, d) + ")";
            case 2 -> "(-" + of(t, d) + ")";
            case 3 -> "(" + of(Type.SCALAR, d) + "*" + of(t, d) + ")";                 // scaling
            case 4 -> "(" + of(t, d) + " + " + of(Type.SCALAR, d) + ")";               // scalar expansion
            case 5 -> "(" + of(t, d) + " .* " + of(t, d) + ")";
            case 6 -> "(" + of(t, d) + " ./ " + positive(t, d) + ")";
            case 7 -> "(" + of(t, d) + " / " + positive(Type.SCALAR, d) + ")";
            case 8 -> elementwise(t, d);
            default -> specific(t, d);
        };
    }

    /** A term positive everywhere. */
    public String positive(Type t, int depth) {
        int d = Math.max(0, depth - 1);
        return switch (rng.nextInt(5)) {
            case 0 -> "(1 + " + of(t, d) + ".^2)";
            case 1 -> "exp(" + bounded(t, d) + ")";
            case 2 -> "(2 + sin(" + of(t, d) + "))";
            case 3 -> "sqrt(1 + " + of(t, d) + ".^2)";
            default -> "sigmoid(" + of(t, d) + ")";
        };
    }

    /** A term in [-1.6, 1.6], fit for exp and (scaled) for arcsin, arccos and tan. */
    private String bounded(Type t, int d) {
        return pick(BOUNDING) + "(" + of(t, d) + ")";
    }

    private String elementwise(Type t, int d) {
        return switch (rng.nextInt(10)) {
            case 9 -> pairwise(t, d);
            case 0, 1 -> pick(SMOOTH) + "(" + of(t, d) + ")";
            case 2 -> "exp(" + bounded(t, d) + ")";
            case 3 -> pick(List.of("log", "sqrt")) + "(" + positive(t, d) + ")";
            case 4 -> pick(List.of("arcsin", "arccos", "tan")) + "(0.5*" + bounded(t, d) + ")";
            case 5 -> pick(KINKED) + "(" + kinkFree(t) + ")";
            case 6 -> "(" + of(t, d) + ".^" + pick(List.of("2", "3")) + ")";
            case 7 -> rng.nextInt(4) == 0
                    ? "(" + positive(t, d) + ".^(1 + 0.5*" + bounded(Type.SCALAR, d) + "))"    // a varying exponent
                    : "(" + positive(t, d) + ".^" + pick(List.of("0.5", "-1", "1.5")) + ")";
            default -> "(-" + of(t, d) + ")";
        };
    }

    /**
     * max(A, B) or min(A, B) of two terms that differ by a random variable: equal nowhere, almost
     * surely. Either operand may be a scalar (a threshold) or an expanded vector or row.
     */
    private String pairwise(Type t, int d) {
        String fn = pick(List.of("max", "min"));
        String a = of(t, d), b = "(" + of(t, d) + " + " + kinkFree(t) + ")";
        if (t == Type.MAT_MN && rng.nextInt(3) == 0) b = kinkFree(pick(Type.VEC_M, Type.ROW_N));   // implicit expansion
        else if (t != Type.SCALAR && rng.nextInt(4) == 0) b = "(a*c)";                             // a threshold
        return rng.nextInt(2) == 0 ? fn + "(" + a + ", " + b + ")" : fn + "(" + b + ", " + a + ")";
    }

    /** The largest or smallest entry of a term plus a random variable (no two entries equal by construction). */
    private String extreme(int d) {
        Type t = pick(Type.VEC_N, Type.VEC_M, Type.ROW_N, Type.MAT_NN, Type.MAT_MN);
        return pick(List.of("max", "min")) + "(" + of(t, d) + " + " + kinkFree(t) + ")";
    }

    /** A variable times a scalar variable: away from zero at random points, so away from kinks. */
    private String kinkFree(Type t) {
        String v = leafVariable(t);
        return t == Type.SCALAR ? "(a*c)" : "(" + pick(List.of("a", "c")) + "*" + v + ")";
    }

    private String specific(Type t, int d) {
        return switch (t) {
            case SCALAR -> switch (rng.nextInt(21)) {
                case 20 -> extreme(d);
                case 18 -> "mean(" + of(pick(Type.values()), d) + ")";
                case 19 -> "sum(logsumexp(" + of(Type.MAT_MN, d) + ", " + pick(List.of("1", "2")) + "))";
                case 15 -> "(" + of(Type.ROW_N, d) + "*" + of(Type.VEC_N, d) + ")";
                case 16 -> pick("sum", "tr") + "([" + of(Type.MAT_NN, d) + ", " + of(Type.MAT_NN, d) + "; "
                        + of(Type.MAT_NN, d) + ", " + of(Type.MAT_NN, d) + "])";                 // a block matrix
                case 17 -> "sum(" + of(Type.MAT_NN, d) + " + " + of(Type.SCALAR, d) + "*matrix(1))";
                case 0 -> "sum(" + of(pick(Type.values()), d) + ")";
                case 1 -> "tr(" + of(Type.MAT_NN, d) + ")";
                case 2 -> "det(eye + " + gram(0) + ")";                             // det grows fast: keep it moderate
                case 3 -> "logdet(eye + " + gram(d) + ")";
                case 4 -> "norm1(" + kinkFree(pick(Type.values())) + ")";
                case 5 -> "norm2(" + positive(pick(Type.values()), d) + ")";
                case 6 -> "logsumexp(" + of(pick(Type.VEC_N, Type.VEC_M), d) + ")";
                case 7 -> "(" + of(Type.VEC_N, d) + "'*" + of(Type.MAT_NN, d) + "*" + of(Type.VEC_N, d) + ")";
                case 8 -> "(" + of(Type.VEC_M, d) + "'*" + of(Type.MAT_MN, d) + "*" + of(Type.VEC_N, d) + ")";
                case 9 -> "(vector(1)'*" + of(Type.VEC_N, d) + ")";
                case 10 -> "sum([" + of(Type.VEC_N, d) + "; " + of(Type.VEC_M, d) + "])";
                case 11 -> "([" + of(Type.SCALAR, d) + "; " + of(Type.SCALAR, d) + "]'*[" + of(Type.SCALAR, d) + "; a])";
                case 12 -> "((" + of(Type.SCALAR, d) + ")^" + pick(List.of("2", "3")) + ")";
                case 13 -> "(" + of(Type.VEC_M, d) + "'*" + of(Type.VEC_M, d) + ")";
                default -> "(y'*inv(eye + " + gram(d) + ")*" + of(Type.VEC_N, d) + ")";
            };
            case VEC_N -> switch (rng.nextInt(10)) {
                case 8 -> "sum(" + of(Type.MAT_MN, d) + ", 1)'";                                 // column sums
                case 9 -> "mean(" + of(Type.MAT_NN, d) + ", 2)";                                 // row means
                case 7 -> "(" + of(Type.ROW_N, d) + ")'";
                case 0 -> "(" + of(Type.MAT_NN, d) + "*" + of(Type.VEC_N, d) + ")";
                case 1 -> "(" + of(Type.MAT_MN, d) + "'*" + of(Type.VEC_M, d) + ")";
                case 2 -> "diag(" + of(Type.MAT_NN, d) + ")";
                case 3 -> "softmax(" + of(Type.VEC_N, d) + ")";
                case 4 -> "(" + of(Type.VEC_N, d) + " + " + of(Type.SCALAR, d) + "*vector(1))";
                case 5 -> "(" + of(Type.VEC_N, d) + "'*" + of(Type.MAT_NN, d) + ")'";
                default -> "(inv(eye + " + gram(d) + ")*" + of(Type.VEC_N, d) + ")";
            };
            case VEC_M -> switch (rng.nextInt(5)) {
                case 3 -> "sum(" + of(Type.MAT_MN, d) + ", 2)";
                case 4 -> "logsumexp(" + of(Type.MAT_MN, d) + ", 2)";
                case 0 -> "(" + of(Type.MAT_MN, d) + "*" + of(Type.VEC_N, d) + ")";
                case 1 -> "softmax(" + of(Type.VEC_M, d) + ")";
                default -> "(" + of(Type.MAT_MN, d) + "*" + of(Type.MAT_NN, d) + "*" + of(Type.VEC_N, d) + ")";
            };
            case ROW_N -> switch (rng.nextInt(5)) {
                case 3 -> "mean(" + of(Type.MAT_MN, d) + ", 1)";
                case 4 -> "logsumexp(" + of(Type.MAT_MN, d) + ", 1)";
                case 0 -> "(" + of(Type.VEC_N, d) + ")'";
                case 1 -> "(" + of(Type.ROW_N, d) + "*" + of(Type.MAT_NN, d) + ")";
                default -> "(" + of(Type.VEC_M, d) + "'*" + of(Type.MAT_MN, d) + ")";
            };
            case MAT_NN -> switch (rng.nextInt(11)) {
                case 9 -> "(" + of(Type.MAT_NN, d) + " + " + of(Type.VEC_N, d) + ")";        // a vector over every column
                case 10 -> "(" + of(Type.MAT_NN, d) + " .* " + of(Type.ROW_N, d) + ")";      // a row over every row
                case 0 -> "(" + of(Type.MAT_NN, d) + "*" + of(Type.MAT_NN, d) + ")";
                case 1 -> "(" + of(Type.MAT_NN, d) + ")'";
                case 2 -> "diag(" + of(Type.VEC_N, d) + ")";
                case 3 -> "inv(eye + " + gram(d) + ")";
                case 4 -> "(eye + " + of(Type.MAT_NN, d) + ")";
                case 5 -> "((" + of(Type.MAT_NN, d) + ")^" + pick(List.of("2", "3")) + ")";
                case 6 -> "(" + of(Type.VEC_N, d) + "*" + of(Type.VEC_N, d) + "')";
                case 7 -> "(" + of(Type.MAT_MN, d) + "'*" + of(Type.MAT_MN, d) + ")";
                default -> "(" + of(Type.MAT_NN, d) + " - " + of(Type.SCALAR, d) + "*eye)";
            };
            case MAT_MN -> switch (rng.nextInt(8)) {
                case 4 -> "softmax(" + of(Type.MAT_MN, d) + ", " + pick(List.of("1", "2")) + ")";
                case 5 -> "(" + of(Type.MAT_MN, d) + " - " + of(Type.VEC_M, d) + ")";
                case 6 -> "(" + of(Type.VEC_M, d) + " ./ " + positive(Type.MAT_MN, d) + ")";
                case 7 -> "(" + of(Type.VEC_M, d) + " + " + of(Type.ROW_N, d) + ")";        // an outer expansion
                case 0 -> "(" + of(Type.MAT_MN, d) + "*" + of(Type.MAT_NN, d) + ")";
                case 1 -> "(" + of(Type.VEC_M, d) + "*" + of(Type.VEC_N, d) + "')";
                case 2 -> "(" + of(Type.MAT_NN, d) + "*" + of(Type.MAT_MN, d) + "')'";
                default -> "(" + of(Type.MAT_MN, d) + " .* " + of(Type.MAT_MN, d) + ")";
            };
        };
    }

    /** M'*M, n×n and positive semidefinite, scaled down so that det stays moderate. */
    private String gram(int d) {
        String m = of(pick(Type.MAT_NN, Type.MAT_MN), Math.min(d, 1));
        return "0.1*" + m + "'*" + m;
    }

    private String leaf(Type t) {
        if (t == Type.SCALAR && rng.nextInt(4) == 0) return pick(List.of("0.5", "2", "3", "1.5"));
        return leafVariable(t);
    }

    private String leafVariable(Type t) {
        return switch (t) {
            case SCALAR -> pick(List.of("a", "c"));
            case VEC_N -> pick(List.of("x", "y"));
            case VEC_M -> "b";
            case ROW_N -> pick(List.of("x'", "y'"));
            case MAT_NN -> pick(List.of("A", "B", "S"));
            case MAT_MN -> "W";
        };
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rng.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }

    /** Generates lazily, e.g. for a stream of cases. */
    public Supplier<String> supplier(int depth) {
        return () -> next(depth);
    }
}
