package dev.matcalc.render;

/**
 * Numbers as a person writes them: integers without {@code .0}, other values in the shortest
 * form that reads back as the same double ({@link Double#toString} is shortest since JDK 19),
 * with a lowercase exponent and an explicit sign ({@code 1e-10}, {@code 2.5e+20}) so that the
 * text matches matcalc's number syntax {@code [0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?}.
 */
final class Numbers {
    private Numbers() { }

    /** Integers print plainly up to here; beyond, {@code 1e+20} is easier to read than 21 digits. */
    private static final double PLAIN_INTEGER_LIMIT = 1e15;

    /** A finite non-negative value; the callers spell the sign and the non-finite values. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGER_LIMIT) return Long.toString((long) v);
        Scientific s = scientific(v);
        return s.exponent() == null ? s.mantissa() : s.mantissa() + "e" + (s.exponent().startsWith("-") ? "" : "+") + s.exponent();
    }

    /** The mantissa and decimal exponent (null when the value prints without one). */
    record Scientific(String mantissa, String exponent) { }

    static Scientific scientific(double v) {
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGER_LIMIT) return new Scientific(Long.toString((long) v), null);
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) return new Scientific(s, null);
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return new Scientific(mantissa, s.substring(e + 1));
    }
}
