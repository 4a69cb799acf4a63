package dev.matcalc.simplify;

import dev.matcalc.expr.*;
import dev.matcalc.expr.Block;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.expr.Exprs.*;

/** Reductions and matrix functions: linearity, the trace's cyclic property, inner products. */
final class CallRules {
    private CallRules() { }

    /** sum, tr and diag are linear: scalars out, sums apart: tr(a*A) = a*tr(A), tr(A+B) = tr(A)+tr(B). */
    static final Rule LINEARITY = new Rule("linearity", "tr(a*A + B) = a*tr(A) + tr(B)", e -> {
        if (!(e instanceof Call c) || !c.fn().isLinear()) return null;
        if (c.fn() != MatFn.DIAG_MATRIX && c.arg() instanceof Add a && a.terms().stream().noneMatch(Expr::isScalar))
            return add(a.terms().stream().map(t -> call(c.fn(), t)).toList());
        if (c.arg() instanceof MatMul m) {
            List<Expr> scalars = m.factors().stream().filter(Expr::isScalar).toList();
            List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList();
            if (scalars.isEmpty() || matrices.isEmpty()) return null;
            List<Expr> out = new ArrayList<>(scalars);
            out.add(call(c.fn(), mul(matrices)));
            return mul(out);
        }
        return null;
    });

    /** tr(A') = tr(A); tr(u*v'*…) rotated so the product starts with a row: tr(u*r) = r*u. */
    static final Rule TRACE = new Rule("traceCyclic", "tr(A') = tr(A), tr(A*B) = tr(B*A)", e -> {
        if (!(e instanceof Call c) || c.fn() != MatFn.TR) return null;
        if (c.arg() instanceof Transpose t) return call(MatFn.TR, t.arg());
        if (!(c.arg() instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        if (fs.get(0).shape().isColumn()) {                       // tr(u·R) = R·u, a scalar
            List<Expr> out = new ArrayList<>(fs.subList(1, fs.size()));
            out.add(fs.get(0));
            return mul(out);
        }
        if (fs.get(fs.size() - 1).shape().isRow()) {              // tr(R·v') = v'·R
            List<Expr> out = new ArrayList<>();
            out.add(fs.get(fs.size() - 1));
            out.addAll(fs.subList(0, fs.size() - 1));
            return mul(out);
        }
        return null;
    });

    /** sum(u.*v) = u'*v for vectors, and diag(diag(v)) = v. */
    static final Rule INNER = new Rule("sumOfProductIsInner", "sum(u.*v) = u'*v, diag(diag(v)) = v", e -> {
        if (!(e instanceof Call c)) return null;
        if (c.fn() == MatFn.SUM && c.arg() instanceof Hadamard h && h.shape().isColumn())
            return mul(transpose(h.left()), h.right());
        if (c.fn() == MatFn.DIAG_VECTOR && c.arg() instanceof Call inner && inner.fn() == MatFn.DIAG_MATRIX)
            return inner.arg();
        if (c.fn() == MatFn.SUM && c.arg() instanceof Transpose t) return call(MatFn.SUM, t.arg());
        if ((c.fn() == MatFn.DET) && c.arg() instanceof Transpose t) return call(c.fn(), t.arg());
        return null;
    });

    /** A block of blocks is one block: [[a; b], [c; d]] = [a, c; b, d]. */
    static final Rule BLOCKS = new Rule("blockOfBlocks", "[[a; b], [c; d]] = [a, c; b, d]", e -> {
        if (!(e instanceof Block b) || b.rows().stream().flatMap(List::stream).noneMatch(x -> x instanceof Block)) return null;
        List<List<Expr>> out = new ArrayList<>();
        for (List<Expr> row : b.rows()) {
            int height = -1;
            for (Expr x : row) {
                int h = x instanceof Block inner ? inner.rows().size() : 1;
                if (height >= 0 && h != height) return null;            // sub-blocks do not line up
                height = h;
            }
            for (int i = 0; i < height; i++) {
                List<Expr> line = new ArrayList<>();
                for (Expr x : row) {
                    if (x instanceof Block inner) line.addAll(inner.rows().get(i));
                    else line.add(x);
                }
                out.add(line);
            }
        }
        try {
            return block(out);
        } catch (IllegalArgumentException misaligned) {
            return null;
        }
    });

    /**
     * sum(X - mean(X)) = 0: the entries of a centered matrix sum to zero (layer norm's gradient
     * has this term). Recognized where the scalar part of the sum is, simplified, -mean of the rest.
     */
    static final Rule CENTERED = new Rule("centeredSum", "sum(X - mean(X)) = 0", e -> {
        if (!(e instanceof Call c) || c.fn() != MatFn.SUM || !(c.arg() instanceof Add a)) return null;
        List<Expr> scalars = a.terms().stream().filter(Expr::isScalar).toList();
        List<Expr> rest = a.terms().stream().filter(t -> !t.isScalar()).toList();
        if (scalars.isEmpty() || rest.isEmpty() || scalars.stream().noneMatch(CallRules::hasSum)) return null;
        Expr centering = Simplifier.simplify(neg(mean(add(rest))));
        return centering.equals(Simplifier.simplify(add(scalars))) ? Num.ZERO : null;
    });

    private static boolean hasSum(Expr e) {
        if (e instanceof MatMul m) return m.factors().stream().anyMatch(CallRules::hasSum);
        return e instanceof Call c && c.fn() == MatFn.SUM;
    }

    static final List<Rule> ALL = List.of(LINEARITY, TRACE, INNER, BLOCKS, CENTERED);
}
