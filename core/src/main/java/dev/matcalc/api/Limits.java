package dev.matcalc.api;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Span;
import org.ejml.data.DMatrixRMaj;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every resource limit of the engine, in one place, with the reason for each default. Each limit
 * ends in a {@link SourceError} that says which limit was hit and by how much, never in an
 * exhausted heap or stack, or a request that does not end.
 */
public final class Limits {
    private Limits() { }

    /** Longest source text, in characters (the parser's limit, {@link dev.matcalc.syntax.Limits}). */
    public static final int MAX_SOURCE_LENGTH = dev.matcalc.syntax.Limits.DEFAULT_MAX_LENGTH;

    /** Deepest nesting of parentheses, brackets and calls (the parser's limit). */
    public static final int MAX_NESTING = dev.matcalc.syntax.Limits.DEFAULT_MAX_DEPTH;

    /**
     * Largest expression, counted as the tree it stands for: definitions ({@code t1 = t0*t0; ...})
     * share subterms, so a short text can stand for a tree of 2^60 nodes, and rendering, naming
     * and parts of simplification walk the tree. 20,000 nodes derive, simplify and render in about
     * a second; a random test expression has under 100.
     */
    public static final long MAX_EXPRESSION_NODES = 20_000;

    /**
     * Largest derivative, as a tree, before it is named and rendered: 200,000 nodes render in
     * about a second and a half (a derivative of a product chain of k factors has about k² nodes).
     */
    public static final long MAX_ANSWER_NODES = 200_000;

    /** Highest derivative order: order k of a matrix function is a tensor of order 2 + 2k. */
    public static final int MAX_ORDER = 4;

    /**
     * Most entries in a value given at a point (each {@code --at} variable, and all together) and in
     * a value or derivative evaluated there: 10^7 doubles are 80 MB.
     */
    public static final long MAX_TENSOR_ENTRIES = dev.matcalc.numeric.Values.MAX_ENTRIES;

    /** Rejects an expression whose tree is larger than {@link #MAX_EXPRESSION_NODES}. */
    static void checkExpression(Expr e, String source) {
        long nodes = treeSize(e, MAX_EXPRESSION_NODES);
        if (nodes > MAX_EXPRESSION_NODES)
            throw new SourceError("expression too large: it stands for more than " + MAX_EXPRESSION_NODES
                    + " nodes once its definitions are expanded", source, wholeSource(source));
    }

    /** Rejects a derivative whose tree is larger than {@link #MAX_ANSWER_NODES}. */
    static void checkAnswer(Expr e) {
        if (treeSize(e, MAX_ANSWER_NODES) > MAX_ANSWER_NODES)
            throw new SourceError("derivative too large: it has more than " + MAX_ANSWER_NODES
                    + " nodes written out (try a lower order, or smaller sub-expressions)");
    }

    static void checkOrder(int order) {
        if (order > MAX_ORDER)
            throw new SourceError("derivatives of order up to " + MAX_ORDER + " are supported, got order " + order);
    }

    /** Rejects values with more than {@link #MAX_TENSOR_ENTRIES} entries, each or together. */
    static void checkValues(Map<String, DMatrixRMaj> values) {
        long total = 0;
        for (Map.Entry<String, DMatrixRMaj> v : values.entrySet()) {
            long n = (long) v.getValue().numRows * v.getValue().numCols;
            checkEntries(n, "the value of " + v.getKey());
            total += n;
        }
        checkEntries(total, "the values together");
    }

    /** Rejects a tensor of {@code entries} entries before it is allocated. */
    static void checkEntries(long entries, String what) {
        if (entries > MAX_TENSOR_ENTRIES)
            throw new SourceError(what + " would have " + entries + " entries, more than the limit of "
                    + MAX_TENSOR_ENTRIES);
    }

    /** The product of the sizes, saturating instead of overflowing. */
    static long entries(int... sizes) {
        long n = 1;
        for (int s : sizes) n = times(n, s);
        return n;
    }

    static long times(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /**
     * The number of nodes of {@code e} as a tree (shared subterms counted each time, except named
     * ones, {@link dev.matcalc.expr.Ref}, whose value is counted once), capped just above {@code cap}.
     */
    public static long treeSize(Expr e, long cap) {
        return treeSize(e, cap, new IdentityHashMap<>());
    }

    private static long treeSize(Expr e, long cap, IdentityHashMap<Expr, Long> memo) {
        Long known = memo.get(e);
        // a named subexpression is written out once (its uses show the name): count its value once
        if (known != null) return e instanceof dev.matcalc.expr.Ref ? 1 : known;
        long n = 1;
        for (Expr c : Nodes.children(e)) {
            n += treeSize(c, cap, memo);
            if (n > cap) {
                n = cap + 1;
                break;
            }
        }
        memo.put(e, n);
        return n;
    }

    private static Span wholeSource(String source) {
        return source == null ? null : new Span(0, Math.max(1, Math.min(source.length(), 1)), 1, 1);
    }
}
