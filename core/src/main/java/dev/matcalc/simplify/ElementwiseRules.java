package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/** Element-wise products, powers and functions. */
final class ElementwiseRules {
    private ElementwiseRules() { }

    /**
     * A chain of .* products flattened, scalars pulled out, equal bases merged into powers and
     * operands sorted (divisions last): (a*A).*B = a*(A.*B), A.*A = A.^2, A.*B./A = B.
     */
    static final Rule HADAMARD = new Rule("collectHadamardFactors", "(a*A).*B = a*(A.*B), A.*A = A.^2, B.*A = A.*B", e -> {
        if (!(e instanceof Hadamard h)) return null;
        List<Expr> operands = new ArrayList<>();
        List<Expr> scalars = new ArrayList<>();
        flatten(h, operands, scalars);
        Map<Expr, Expr> exponents = new LinkedHashMap<>();
        for (Expr o : operands) {
            if (o instanceof Power p) exponents.merge(p.base(), p.exponent(), Exprs::add);
            else exponents.merge(o, Num.ONE, Exprs::add);
        }
        List<Expr> merged = new ArrayList<>();
        exponents.forEach((base, k) -> merged.add(pow(base, k)));
        merged.removeIf(x -> x instanceof Ones);
        merged.sort((a, b) -> {
            boolean da = ProductRules.isDivision(a), db = ProductRules.isDivision(b);
            return da != db ? (da ? 1 : -1) : Order.CANONICAL.compare(a, b);
        });
        Expr product = merged.isEmpty() ? ones(h.shape()) : merged.get(0);
        for (int i = 1; i < merged.size(); i++) product = hadamard(product, merged.get(i));
        scalars.add(product);
        Expr result = mul(scalars);
        return result.equals(e) ? null : result;
    });

    /** Operands of nested .*, with the scalar factors of scaled operands set aside. */
    static void flatten(Expr e, List<Expr> operands, List<Expr> scalars) {
        if (e instanceof Hadamard h) {
            flatten(h.left(), operands, scalars);
            flatten(h.right(), operands, scalars);
        } else if (e instanceof MatMul m && !e.isScalar() && m.factors().stream().anyMatch(Expr::isScalar)) {
            // (a*A).*B = a*(A.*B), and for a chain (a*G*V').*B = a*((G*V').*B): the scalars scale the whole product
            List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList();
            m.factors().stream().filter(Expr::isScalar).forEach(scalars::add);
            if (matrices.size() == 1) flatten(matrices.get(0), operands, scalars);
            else operands.add(mul(matrices));
        } else {
            operands.add(e);
        }
    }

    /** (a*A).^k = a^k * A.^k for a scalar a. */
    static final Rule POWER_OF_SCALED = new Rule("powerOfScaled", "(a*A).^k = a^k*A.^k", e -> {
        if (!(e instanceof Power p) || e.isScalar() || !(p.base() instanceof MatMul m)) return null;
        List<Expr> ns = m.factors().stream().filter(f -> !f.isScalar()).toList();
        if (ns.size() != 1) return null;
        List<Expr> out = new ArrayList<>();
        for (Expr f : m.factors()) out.add(pow(f, p.exponent()));
        return mul(out);
    });

    /** log(exp(x)) = x, exp(log(x)) = x (x > 0 on log's domain). */
    static final Rule INVERSE_FUNCTIONS = new Rule("inverseFunctions", "log(exp(x)) = x, exp(log(x)) = x", e -> {
        if (e instanceof Apply outer && outer.arg() instanceof Apply inner) {
            if (outer.fn() == Fn.LOG && inner.fn() == Fn.EXP) return inner.arg();
            if (outer.fn() == Fn.EXP && inner.fn() == Fn.LOG) return inner.arg();
        }
        return null;
    });

    /**
     * 1./(1+exp(u)) = sigmoid(-u), and then exp(u).*sigmoid(-u) = sigmoid(u): together they
     * turn exp(u)./(1+exp(u)) into sigmoid(u) whichever part the bottom-up pass meets first.
     */
    static final Rule SIGMOID = new Rule("sigmoid", "1./(1+exp(u)) = sigmoid(-u), exp(u).*sigmoid(-u) = sigmoid(u)", e -> {
        if (isReciprocal(e) && ((Power) e).base() instanceof Add a && a.terms().size() == 2
                && a.terms().stream().anyMatch(Exprs::isOne)) {
            Expr other = isOne(a.terms().get(0)) ? a.terms().get(1) : a.terms().get(0);
            if (other instanceof Apply ex && ex.fn() == Fn.EXP) return apply(Fn.SIGMOID, neg(ex.arg()));
            return null;
        }
        List<Expr> operands = new ArrayList<>(), scalars = new ArrayList<>();
        if (e instanceof Hadamard h) flatten(h, operands, scalars);
        else if (e instanceof MatMul m && e.isScalar()) operands.addAll(m.factors());
        else return null;
        for (Expr o : operands) {
            if (!(o instanceof Apply ex) || ex.fn() != Fn.EXP) continue;
            Expr partner = apply(Fn.SIGMOID, neg(ex.arg()));
            int j = operands.indexOf(partner);
            if (j < 0) continue;
            List<Expr> rest = new ArrayList<>(operands);
            rest.remove(j);
            rest.set(rest.indexOf(o), apply(Fn.SIGMOID, ex.arg()));
            Expr product = rest.get(0);
            for (int k = 1; k < rest.size(); k++)
                product = e.isScalar() ? mul(product, rest.get(k)) : hadamard(product, rest.get(k));
            scalars.add(product);
            return mul(scalars);
        }
        return null;
    });

    private static boolean isReciprocal(Expr e) {
        return e instanceof Power p && p.exponent() instanceof Num n && n.value() == -1;
    }

    /**
     * (A - B./C).*C = A.*C - B: a product distributed over a sum where that cancels a division,
     * as the softmax cross-entropy gradient needs (S.*(sum(Y, 1) - Y./S) = S.*sum(Y, 1) - Y).
     */
    static final Rule CANCELLING_DISTRIBUTION = new Rule("cancellingDistribution", "(A + B./C).*C = A.*C + B", e -> {
        if (!(e instanceof Hadamard h)) return null;
        Add sum = h.left() instanceof Add a ? a : h.right() instanceof Add a ? a : null;
        if (sum == null) return null;
        Expr other = sum == h.left() ? h.right() : h.left();
        boolean cancels = false;
        List<Expr> terms = new ArrayList<>();
        for (Expr t : sum.terms()) {
            Expr product = t.isScalar() ? mul(t, other) : hadamard(t, other);
            Expr collected = HADAMARD.apply(product);
            if (collected != null && !occurs(other, collected)) {
                cancels = true;
                product = collected;
            }
            terms.add(product);
        }
        return cancels ? add(terms) : null;
    });

    private static boolean occurs(Expr part, Expr in) {
        return in.equals(part) || Nodes.children(in).stream().anyMatch(k -> occurs(part, k));
    }

    /**
     * An indicator (0 or 1 in every entry) is its own positive power: step(u).^2 = step(u), as
     * second derivatives of max and relu write it (ge0(x - y).*ge0(x - y)).
     */
    static final Rule INDICATOR_POWER = new Rule("indicatorPower", "step(u).^k = step(u), ge0(u).^k = ge0(u) for k > 0", e ->
            e instanceof Power p && p.base() instanceof Apply a && (a.fn() == Fn.STEP || a.fn() == Fn.GE0)
                    && p.exponent() instanceof Num k && k.value() > 0 ? a : null);

    static final List<Rule> ALL = List.of(HADAMARD, POWER_OF_SCALED, INVERSE_FUNCTIONS, SIGMOID, CANCELLING_DISTRIBUTION,
            INDICATOR_POWER);
}
