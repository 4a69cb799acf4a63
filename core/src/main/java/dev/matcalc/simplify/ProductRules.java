package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/** Product chains: scalars gathered in front as powers, inverses cancelled, diagonal products folded. */
final class ProductRules {
    private ProductRules() { }

    /** Scalar factors to the front, equal bases merged: a·x·a⁻¹ = x, a·a = a². */
    static final Rule SCALARS = new Rule("collectScalarFactors", "a*X*b = a*b*X, a*a = a^2, a/a = 1", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        double coefficient = 1;
        List<Expr> hoisted = hoistScalars(fs);
        Map<Expr, Expr> exponents = new LinkedHashMap<>();
        List<Expr> matrices = new ArrayList<>();
        for (Expr f : hoisted) {
            if (f instanceof Num n) coefficient *= n.value();
            else if (!f.isScalar()) matrices.add(f);
            else if (f instanceof Power p) exponents.merge(p.base(), p.exponent(), Exprs::add);
            else exponents.merge(f, Num.ONE, Exprs::add);
        }
        List<Expr> scalars = new ArrayList<>();
        exponents.forEach((base, k) -> scalars.add(pow(base, k)));
        scalars.removeIf(Exprs::isOne);
        scalars.sort((a, b) -> {                        // variables first (2*x*cos(x^2)), then canonical
            boolean va = a instanceof Var, vb = b instanceof Var;
            return va != vb ? (va ? -1 : 1) : Order.CANONICAL.compare(a, b);
        });
        // As a person writes it: coefficient, scalar factors, matrices, then the scalar divisors (t/norm2(t)).
        List<Expr> out = new ArrayList<>();
        if (coefficient != 1) out.add(num(coefficient));
        scalars.stream().filter(f -> !isDivision(f)).forEach(out::add);
        out.addAll(matrices);
        scalars.stream().filter(ProductRules::isDivision).forEach(out::add);
        if (out.isEmpty()) return num(coefficient);
        return out.equals(fs) ? null : mul(out);
    });

    /**
     * The factors with the scalars of a nested inner product brought out to the chain:
     * (-a'*b/n)*c = -(a'*b)*c/n, so that scalar factors are seen (and shared) where they are.
     */
    private static List<Expr> hoistScalars(List<Expr> fs) {
        List<Expr> out = new ArrayList<>(fs.size());
        for (Expr f : fs) {
            if (f instanceof MatMul inner && f.isScalar() && inner.factors().stream().anyMatch(g -> !g.isScalar())
                    && inner.factors().stream().anyMatch(Expr::isScalar)) {
                inner.factors().stream().filter(Expr::isScalar).forEach(out::add);
                out.add(mul(inner.factors().stream().filter(g -> !g.isScalar()).toList()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    static boolean isDivision(Expr e) {
        return e instanceof Power p && p.exponent() instanceof Num n && n.value() < 0;
    }

    /** X·inv(X) = I and inv(X)·X = I, for adjacent factors. */
    static final Rule INVERSES = new Rule("inverseCancels", "X*inv(X) = inv(X)*X = I", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1);
            if (isInverseOf(b, a) || isInverseOf(a, b)) {
                List<Expr> out = new ArrayList<>(fs.subList(0, i));
                out.add(identity(a.shape().rows()));
                out.addAll(fs.subList(i + 2, fs.size()));
                return mul(out);
            }
        }
        return null;
    });

    private static boolean isInverseOf(Expr inv, Expr x) {
        if (inv instanceof Call c && c.fn() == MatFn.INV) return c.arg().equals(x);
        if (inv instanceof Transpose t && t.arg() instanceof Call c && c.fn() == MatFn.INV)
            return c.arg().equals(transpose(x)) || transpose(c.arg()).equals(x);
        return false;
    }

    /** diag(a)·diag(b) = diag(a.*b); diag(v)·w = v.*w; w'·diag(v) = (v.*w)'. */
    static final Rule DIAGONALS = new Rule("diagonalProduct", "diag(v)*w = v.*w, diag(a)*diag(b) = diag(a.*b)", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1), merged = null;
            if (isDiag(a) && isDiag(b)) merged = call(MatFn.DIAG_MATRIX, hadamard(diagOf(a), diagOf(b)));
            else if (isDiag(a) && b.shape().isColumn()) merged = hadamard(diagOf(a), b);
            else if (a.shape().isRow() && isDiag(b)) merged = transpose(hadamard(diagOf(b), transpose(a)));
            if (merged != null) {
                List<Expr> out = new ArrayList<>(fs.subList(0, i));
                out.add(merged);
                out.addAll(fs.subList(i + 2, fs.size()));
                return mul(out);
            }
        }
        return null;
    });

    private static boolean isDiag(Expr e) {
        return e instanceof Call c && c.fn() == MatFn.DIAG_MATRIX;
    }

    private static Expr diagOf(Expr e) {
        return ((Call) e).arg();
    }

    /** 1'·v = sum(v), v'·1 = sum(v). */
    static final Rule ONES = new Rule("onesInnerProduct", "1'*v = sum(v)", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            Expr a = fs.get(i), b = fs.get(i + 1), merged = null;
            if (a instanceof Ones && a.shape().isRow() && b.shape().isColumn()) merged = call(MatFn.SUM, b);
            else if (b instanceof Ones && b.shape().isColumn() && a.shape().isRow()) merged = call(MatFn.SUM, a);
            if (merged != null) {
                List<Expr> out = new ArrayList<>(fs.subList(0, i));
                out.add(merged);
                out.addAll(fs.subList(i + 2, fs.size()));
                return mul(out);
            }
        }
        return null;
    });

    /** u'*(v./u) = sum(u.*v./u): an inner product whose column divides by the row's vector is a sum that cancels. */
    static final Rule CANCELLING_INNER = new Rule("cancellingInnerProduct", "u'*(v./u) = sum(v)", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> fs = m.factors();
        for (int i = 0; i + 1 < fs.size(); i++) {
            if (!(fs.get(i) instanceof Transpose t) || !t.arg().shape().isColumn() || !(fs.get(i + 1) instanceof Hadamard h))
                continue;
            if (!dividesBy(h, t.arg())) continue;
            List<Expr> out = new ArrayList<>(fs.subList(0, i));
            out.add(call(MatFn.SUM, hadamard(t.arg(), h)));
            out.addAll(fs.subList(i + 2, fs.size()));
            return mul(out);
        }
        return null;
    });

    private static boolean dividesBy(Expr e, Expr u) {
        if (e instanceof Hadamard h) return dividesBy(h.left(), u) || dividesBy(h.right(), u);
        return e instanceof Power p && p.base().equals(u) && p.exponent() instanceof Num n && n.value() < 0;
    }

    static final List<Rule> ALL = List.of(SCALARS, INVERSES, DIAGONALS, ONES, CANCELLING_INNER);
}
