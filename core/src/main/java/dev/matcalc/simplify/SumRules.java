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

    /**
     * s*1 + X = s + X: a scalar term spread over the sum's shape is written as the scalar, which the
     * sum expands (x - mean(x), not x - mean(x)*vector(1)); kept where no other term gives the shape.
     */
    static final Rule EXPANDED_SCALAR = new Rule("expandedScalarTerm", "s*1 + X = s + X", e -> {
        if (!(e instanceof Add a) || a.isScalar()) return null;
        List<Expr> terms = new ArrayList<>();
        boolean changed = false;
        for (Expr t : a.terms()) {
            Expr s = spreadScalar(t);
            terms.add(s == null ? t : s);
            changed |= s != null;
        }
        if (!changed || terms.stream().allMatch(Expr::isScalar)) return null;
        return add(terms);
    });

    /** For s*ones (or ones), the scalar s; null for any other term. */
    private static Expr spreadScalar(Expr t) {
        if (t instanceof Ones) return Num.ONE;
        if (!(t instanceof MatMul m)) return null;
        List<Expr> ns = m.factors().stream().filter(f -> !f.isScalar()).toList();
        if (ns.size() != 1 || !(ns.get(0) instanceof Ones)) return null;
        return mul(m.factors().stream().filter(Expr::isScalar).toList());
    }

    /**
     * X*a + Y*a = (X + Y)*a for a scalar factor a (not a number) of every term of a matrix sum;
     * powers of one base share the power nearest 1: X/t^3 + Y/t = (X/t^2 + Y)/t.
     */
    static final Rule COMMON_SCALAR = new Rule("commonScalarFactor", "X*a + Y*a = (X + Y)*a", e -> {
        if (!(e instanceof Add a) || a.isScalar() || a.terms().size() < 2) return null;
        List<Map<Expr, Expr>> powers = new ArrayList<>();
        for (Expr t : a.terms()) {
            Map<Expr, Expr> p = scalarPowers(t);
            if (p.isEmpty()) return null;
            powers.add(p);
        }
        List<Expr> common = new ArrayList<>();
        for (Map.Entry<Expr, Expr> candidate : powers.get(0).entrySet()) {
            Expr shared = candidate.getValue();
            for (Map<Expr, Expr> p : powers.subList(1, powers.size())) {
                shared = sharedExponent(shared, p.get(candidate.getKey()));
                if (shared == null) break;
            }
            if (shared != null) common.add(pow(candidate.getKey(), shared));
        }
        if (common.isEmpty()) return null;
        List<Expr> inner = new ArrayList<>();
        for (Expr t : a.terms()) {
            List<Expr> fs = new ArrayList<>(t instanceof MatMul m ? m.factors() : List.of(t));
            for (Expr c : common) fs.add(c instanceof Power p ? pow(p.base(), neg(p.exponent())) : pow(c, Num.MINUS_ONE));
            inner.add(mul(fs));
        }
        // Only where the factor really leaves the terms: in s*X/(s*t) + ... the powers of s and of s*t do not
        // cancel one another, the "common factor" is 1, and pulling it out would be undone and redone forever.
        if (scalarFactorCount(inner) >= scalarFactorCount(a.terms())) return null;
        return mul(sameShape(add(inner), a), mul(common));
    });

    /** How many scalar bases (numbers aside) the terms are multiplied by, with nonzero exponents. */
    private static int scalarFactorCount(List<Expr> terms) {
        int count = 0;
        for (Expr t : terms)
            for (Expr exponent : scalarPowers(t).values()) if (!(exponent instanceof Num n && n.value() == 0)) count++;
        return count;
    }

    /** The scalar factors of a term other than numbers, as base → exponent (a scalar term is its own factor). */
    private static Map<Expr, Expr> scalarPowers(Expr t) {
        Map<Expr, Expr> out = new LinkedHashMap<>();
        List<Expr> fs = t instanceof MatMul m ? m.factors() : t.isScalar() ? List.of(t) : List.of();
        for (Expr f : fs) {
            if (!f.isScalar() || f instanceof Num) continue;
            if (f instanceof Power p) out.merge(p.base(), p.exponent(), Exprs::add);
            else out.merge(f, Num.ONE, Exprs::add);
        }
        return out;
    }

    /** The exponent both a^x and a^y contain: equal ones, or for numbers of one sign the one nearer zero. */
    private static Expr sharedExponent(Expr x, Expr y) {
        if (x == null || y == null) return null;
        if (x.equals(y)) return x;
        if (x instanceof Num p && y instanceof Num q && Math.signum(p.value()) == Math.signum(q.value())
                && p.value() == Math.rint(p.value()) && q.value() == Math.rint(q.value()))
            return Math.abs(p.value()) < Math.abs(q.value()) ? p : q;
        return null;
    }

    /**
     * A.*X + B.*X = (A + B).*X for an element-wise factor X of two or more terms (scaled terms
     * included: a*(A.*X) - B.*X = (a*A - B).*X), as the softmax Jacobian applied to a matrix needs:
     * V.*S - sum(V.*S, 2).*S = (V - sum(V.*S, 2)).*S.
     */
    static final Rule COMMON_HADAMARD = new Rule("commonElementwiseFactor", "A.*X + B.*X = (A + B).*X", e -> {
        if (!(e instanceof Add a) || a.isScalar() || a.terms().size() < 2) return null;
        List<List<Expr>> operands = new ArrayList<>(), scalars = new ArrayList<>();
        for (Expr t : a.terms()) {
            List<Expr> os = new ArrayList<>(), ss = new ArrayList<>();
            if (isElementwiseProduct(t)) ElementwiseRules.flatten(t, os, ss);
            operands.add(os);
            scalars.add(ss);
        }
        for (int i = 0; i < operands.size(); i++) {
            for (Expr x : operands.get(i)) {
                List<Integer> group = new ArrayList<>();
                for (int j = 0; j < operands.size(); j++) if (operands.get(j).contains(x)) group.add(j);
                if (group.size() < 2) continue;
                List<Expr> inner = new ArrayList<>(), others = new ArrayList<>();
                for (int j = 0; j < operands.size(); j++) {
                    if (!group.contains(j)) {
                        others.add(a.terms().get(j));
                        continue;
                    }
                    List<Expr> rest = new ArrayList<>(operands.get(j));
                    rest.remove(x);
                    Expr product = rest.isEmpty() ? ones(x.shape()) : rest.get(0);
                    for (int k = 1; k < rest.size(); k++) product = hadamard(product, rest.get(k));
                    List<Expr> fs = new ArrayList<>(scalars.get(j));
                    fs.add(product);
                    inner.add(mul(fs));
                }
                others.add(hadamard(add(inner), x));
                return sameShape(add(others), a);
            }
        }
        return null;
    });

    /** A .* product, or a scaled one (a*(A.*B)). */
    private static boolean isElementwiseProduct(Expr t) {
        if (t instanceof Hadamard) return true;
        if (!(t instanceof MatMul m)) return false;
        List<Expr> ns = m.factors().stream().filter(f -> !f.isScalar()).toList();
        return ns.size() == 1 && ns.get(0) instanceof Hadamard;
    }

    static final List<Rule> ALL = List.of(COLLECT, DIAGONALS, FACTOR, COMMON_COEFFICIENT, EXPANDED_SCALAR,
            COMMON_SCALAR, COMMON_HADAMARD, SORT);
}
