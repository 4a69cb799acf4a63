package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/** Sums: like terms collected, terms sorted, common left or right factors pulled out. */
final class SumRules {
    private SumRules() { }

    /** A term as coefficient · rest. */
    record Scaled(double coefficient, Expr rest) {
        static Scaled of(Expr t) {
            if (t instanceof MatMul m && m.factors().get(0) instanceof Num n)
                return new Scaled(n.value(), mul(m.factors().subList(1, m.factors().size())));
            if (t instanceof Num n) return new Scaled(n.value(), Num.ONE);
            return new Scaled(1, t);
        }

        Expr toExpr() {
            return mul(num(coefficient), rest);
        }
    }

    static final Rule COLLECT = new Rule("collectLikeTerms", "a*X + b*X = (a+b)*X", e -> {
        if (!(e instanceof Add a)) return null;
        Map<Expr, Double> coefficients = new LinkedHashMap<>();
        for (Expr t : a.terms()) {
            Scaled s = Scaled.of(t);
            coefficients.merge(s.rest(), s.coefficient(), Double::sum);
        }
        if (coefficients.size() == a.terms().size()) return null;
        List<Expr> terms = new ArrayList<>();
        coefficients.forEach((rest, c) -> terms.add(mul(num(c), rest)));
        return sameShape(add(terms), a);
    });

    static final Rule SORT = new Rule("sortTerms", "A + B = B + A (canonical order)", e -> {
        if (!(e instanceof Add a)) return null;
        List<Expr> sorted = new ArrayList<>(a.terms());
        sorted.sort((x, y) -> {
            boolean px = Scaled.of(x).coefficient() > 0, py = Scaled.of(y).coefficient() > 0;
            if (px != py) return px ? -1 : 1;                          // x - a, not -a + x; 1 - s
            int rx = rank(Scaled.of(x).rest()), ry = rank(Scaled.of(y).rest());
            if (rx != ry) return Integer.compare(rx, ry);              // W*x + b + 1
            return Order.CANONICAL.compare(x, y);
        });
        return sorted.equals(a.terms()) ? null : new Add(sorted, a.shape());
    });

    /** Compound terms first, then variables, then constants. */
    private static int rank(Expr e) {
        return e instanceof Num ? 2 : e instanceof Var || e instanceof Transpose t && t.arg() instanceof Var ? 1 : 0;
    }

    /** A·X + B·X = (A+B)·X for a common non-scalar last factor X; likewise X·A + X·B = X·(A+B). */
    static final Rule FACTOR = new Rule("factorCommonFactor", "A*X + B*X = (A+B)*X", e -> {
        if (!(e instanceof Add a) || a.terms().size() < 2) return null;
        Expr right = factorOut(a, false);
        return right != null ? right : factorOut(a, true);
    });

    private static Expr factorOut(Add a, boolean left) {
        List<Expr> terms = a.terms();
        for (int i = 0; i < terms.size(); i++) {
            Expr f = edge(terms.get(i), left);
            if (f == null) continue;
            List<Integer> group = new ArrayList<>();
            for (int j = 0; j < terms.size(); j++) if (f.equals(edge(terms.get(j), left))) group.add(j);
            if (group.size() < 2) continue;
            List<Expr> inner = new ArrayList<>(), others = new ArrayList<>();
            for (int j = 0; j < terms.size(); j++) {
                if (group.contains(j)) inner.add(without(terms.get(j), left));
                else others.add(terms.get(j));
            }
            // the cofactors must be summable as they are: A*X + y'*X (m×n and 1×n) share X but not a shape,
            // and a scalar cofactor would need expansion
            if (inner.stream().map(Expr::shape).distinct().count() > 1) continue;
            Expr sum = add(inner);
            others.add(left ? mul(f, sum) : mul(sum, f));
            return sameShape(add(others), a);
        }
        return null;
    }

    /** The first (left) or last non-scalar factor of a product with at least one other non-scalar. */
    private static Expr edge(Expr t, boolean left) {
        if (!(t instanceof MatMul m)) return null;
        List<Expr> ns = m.factors().stream().filter(f -> !f.isScalar()).toList();
        if (ns.size() < 2) return null;
        return left ? ns.get(0) : ns.get(ns.size() - 1);
    }

    private static Expr without(Expr t, boolean left) {
        List<Expr> fs = new ArrayList<>(((MatMul) t).factors());
        int index = -1;
        for (int k = 0; k < fs.size(); k++) if (!fs.get(k).isScalar()) { index = k; if (left) break; }
        fs.remove(index);
        return mul(fs);
    }

    private static Expr sameShape(Expr sum, Add like) {
        return sum.shape().equals(like.shape()) ? sum : Nodes.expand(sum, like);
    }

    /** diag(a) + diag(b) = diag(a+b): keeps element-wise Jacobians one diagonal matrix. */
    static final Rule DIAGONALS = new Rule("sumOfDiagonals", "diag(a) + b*diag(c) = diag(a + b*c)", e -> {
        if (!(e instanceof Add a)) return null;
        List<Expr> inside = new ArrayList<>(), others = new ArrayList<>();
        for (Expr t : a.terms()) {
            Scaled s = Scaled.of(t);
            if (s.rest() instanceof Call c && c.fn() == MatFn.DIAG_MATRIX) inside.add(mul(num(s.coefficient()), c.arg()));
            else others.add(t);
        }
        if (inside.size() < 2) return null;
        others.add(call(MatFn.DIAG_MATRIX, add(inside)));
        return sameShape(add(others), a);
    });

    /** a*X + a*Y = a*(X+Y) when every term has the same coefficient a ≠ 1. */
    static final Rule COMMON_COEFFICIENT = new Rule("commonCoefficient", "a*X + a*Y = a*(X+Y)", e -> {
        if (!(e instanceof Add a) || a.terms().size() < 2) return null;
        double c = Scaled.of(a.terms().get(0)).coefficient();
        if (c == 1 || a.terms().stream().anyMatch(t -> Scaled.of(t).coefficient() != c || t instanceof Num)) return null;
        return mul(num(c), sameShape(add(a.terms().stream().map(t -> Scaled.of(t).rest()).toList()), a));
    });

    static final List<Rule> ALL = List.of(COLLECT, DIAGONALS, FACTOR, COMMON_COEFFICIENT, SORT);
}
