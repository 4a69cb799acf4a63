package dev.matcalc.numeric;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.matcalc.expr.Exprs.*;

/**
 * The numerically stable forms of expressions whose naive evaluation overflows where the value is
 * finite: {@code log(1 + exp(u))} at u = 800 is inf computed as written, 800 as {@code softplus(u)}.
 * The evaluator, the compiled plans and the code generators compute {@link #of} an expression
 * instead of the expression; what is shown to the user (the typed function, its derivative) is
 * never rewritten. Each law is an identity of values, so an expression and its stable form agree
 * wherever both are finite; the stable form is finite (and accurate) also where the naive one
 * gives inf, inf - inf or inf/inf. The table's kernels are themselves stable ({@link Fn#SOFTPLUS},
 * {@link Fn#SIGMOID}, {@link MatFn#SOFTMAX} and {@link MatFn#LOGSUMEXP} shift by the max).
 *
 * <p>Rewriting runs bottom-up, each shared node once (a memo by identity, kept for the life of the
 * instance, so that repeated calls on one expression return the same nodes and an evaluator's memo
 * still shares them). Patterns look through named subterms ({@link Ref}): a name only shares a value.
 */
public final class StableForms {
    /** A rewrite that makes evaluation stable, named for its law; {@code rewrite} returns null where it does not apply. */
    public record Law(String name, String law, UnaryOperator<Expr> rewrite) {
        Expr apply(Expr e) {
            return rewrite.apply(e);
        }
    }

    static final Law LOG_OF_EXP = new Law("logOfExp", "log(exp(u)) = u", e -> {
        Expr u = argOf(Fn.LOG, e);
        return u == null ? null : argOf(Fn.EXP, u);
    });

    static final Law SOFTPLUS = new Law("softplus", "log(1 + exp(u)) = softplus(u)", e -> {
        Expr u = onePlusExp(argOf(Fn.LOG, e));
        return u == null ? null : apply(Fn.SOFTPLUS, u);
    });

    static final Law LOG_SIGMOID = new Law("logSigmoid", "log(sigmoid(u)) = -softplus(-u)", e -> {
        Expr u = argOf(Fn.SIGMOID, argOf(Fn.LOG, e));
        return u == null ? null : neg(apply(Fn.SOFTPLUS, neg(u)));
    });

    static final Law LOG_ONE_MINUS_SIGMOID = new Law("logOneMinusSigmoid", "log(1 - sigmoid(u)) = -softplus(u)", e -> {
        Expr u = argOf(Fn.SIGMOID, oneMinus(argOf(Fn.LOG, e)));
        return u == null ? null : neg(apply(Fn.SOFTPLUS, u));
    });

    static final Law LOG_SUM_EXP = new Law("logSumExp", "log(sum(exp(z))) = logsumexp(z)", e -> {
        Expr z = sumOfExp(argOf(Fn.LOG, e));
        if (z == null) return null;
        return call(MatFn.LOGSUMEXP, z.shape().isRow() ? transpose(z) : z);
    });

    /** Along a dimension: log(sum(exp(Z), 1)) = logsumexp(Z, 1), log(sum(exp(Z), 2)) = logsumexp(Z, 2). */
    static final Law LOG_SUM_EXP_ALONG = new Law("logSumExpAlong", "log(sum(exp(Z), k)) = logsumexp(Z, k)", e -> {
        Expr arg = argOf(Fn.LOG, e);
        Along s = sumOfExpAlong(arg);
        if (s != null) return s.of(MatFn.LOGSUMEXP);
        s = arg != null && strip(arg) instanceof Transpose t ? sumOfExpAlong(t.arg()) : null;   // log(S') = log(S)'
        return s == null ? null : transpose(s.of(MatFn.LOGSUMEXP));
    });

    /**
     * softmax and logsumexp act on each column: of a matrix, each column's logsumexp is taken from
     * that column; softmax(Z, 2) = softmax(Z', 1)' takes each row's: log(softmax(Z, 2)) = Z - logsumexp(Z, 2),
     * the row's logsumexp expanded over the row.
     */
    static final Law LOG_SOFTMAX = new Law("logSoftmax", "log(softmax(Z, k)) = Z - logsumexp(Z, k)", e -> {
        Expr arg = argOf(Fn.LOG, e);
        if (arg == null) return null;
        if (strip(arg) instanceof Call c && c.fn() == MatFn.SOFTMAX)
            return sub(c.arg(), broadcast(call(MatFn.LOGSUMEXP, c.arg()), c.arg().shape()));
        if (strip(arg) instanceof Transpose t && strip(t.arg()) instanceof Call c && c.fn() == MatFn.SOFTMAX) {
            Expr z = transpose(c.arg());
            return sub(z, broadcast(transpose(call(MatFn.LOGSUMEXP, c.arg())), z.shape()));
        }
        return null;
    });

    /**
     * exp(Z)./sum(exp(Z), 1) = softmax(Z, 1), and along rows softmax(Z, 2): in an element-wise
     * product, exp(Z) and the expanded reciprocal of its sums (what the gradient of
     * sum(log(sum(exp(Z), 1))) is) become one softmax, which shifts by the max.
     */
    static final Law NORMALIZED_EXP_ALONG = new Law("normalizedExpAlong", "exp(Z)./sum(exp(Z), k) = softmax(Z, k)", e -> {
        if (!(e instanceof Hadamard)) return null;
        List<Expr> operands = factors(e);
        for (int j = 0; j < operands.size(); j++) {
            Expr reciprocal = unbroadcast(strip(operands.get(j))).orElse(null);
            if (reciprocal == null || !(strip(reciprocal) instanceof Power p) || !(p.exponent() instanceof Num k) || k.value() != -1)
                continue;
            Along s = sumOfExpAlong(p.base());
            if (s == null) continue;
            for (int i = 0; i < operands.size(); i++) {
                if (i == j || !isExpOf(operands.get(i), s.z())) continue;
                List<Expr> out = new ArrayList<>(operands);
                out.set(i, s.of(MatFn.SOFTMAX));
                out.set(j, Num.ONE);
                return rebuildProduct(e, out);
            }
        }
        return null;
    });

    /** Also what lets {@link #EXP_TIMES_SIGMOID} turn exp(u)./(1 + exp(u)) into sigmoid(u). */
    static final Law RECIPROCAL_OF_ONE_PLUS_EXP = new Law("reciprocalOfOnePlusExp", "(1 + exp(u)).^-k = sigmoid(-u).^k", e -> {
        if (!(e instanceof Power p) || !(p.exponent() instanceof Num k) || !(k.value() < 0)) return null;
        Expr u = onePlusExp(p.base());
        return u == null ? null : pow(apply(Fn.SIGMOID, neg(u)), num(-k.value()));
    });

    /** In an element-wise product, or among the scalar factors of a product: exp(u).^a .* sigmoid(-u).^b, a, b > 0. */
    static final Law EXP_TIMES_SIGMOID = new Law("expTimesSigmoid", "exp(u).*sigmoid(-u) = sigmoid(u)", e -> {
        List<Expr> operands = factors(e);
        if (operands == null) return null;
        for (int i = 0; i < operands.size(); i++) {
            Powered ex = Powered.of(operands.get(i));
            Expr u = ex.positive() ? argOf(Fn.EXP, ex.base()) : null;
            if (u == null) continue;
            for (int j = 0; j < operands.size(); j++) {
                Powered s = Powered.of(operands.get(j));
                Expr minusU = s.positive() ? argOf(Fn.SIGMOID, s.base()) : null;
                if (minusU == null || !negation(minusU, u)) continue;
                double m = Math.min(ex.exponent(), s.exponent());
                List<Expr> out = new ArrayList<>(operands);
                out.set(i, pow(apply(Fn.SIGMOID, u), num(m)));
                out.set(j, ex.exponent() > m ? pow(ex.base(), num(ex.exponent() - m))
                        : s.exponent() > m ? pow(s.base(), num(s.exponent() - m)) : Num.ONE);
                return rebuildProduct(e, out);
            }
        }
        return null;
    });

    /** In a product with a scalar factor sum(exp(z))^-k: each exp(z) (or exp(z)', diag(exp(z)), exp(z).^j) takes one. */
    static final Law NORMALIZED_EXP = new Law("normalizedExp", "exp(z)/sum(exp(z)) = softmax(z)", e -> {
        if (!(e instanceof MatMul m)) return null;
        List<Expr> factors = liftScalars(m.factors());
        for (int i = 0; i < factors.size(); i++) {
            Powered norm = Powered.of(factors.get(i));
            Expr z = norm.exponent() < 0 && norm.exponent() == Math.rint(norm.exponent()) ? sumOfExp(norm.base()) : null;
            if (z == null || !z.shape().isColumn()) continue;
            int available = (int) -norm.exponent();
            for (int j = 0; j < factors.size(); j++) {
                if (j == i) continue;
                Normalized n = normalize(factors.get(j), z, available);
                if (n == null) continue;
                List<Expr> out = new ArrayList<>(factors);
                out.set(i, pow(norm.base(), num(norm.exponent() + n.consumed())));
                out.set(j, n.replacement());
                return mul(out);
            }
        }
        return null;
    });

    /** The catalog, in the order tried at a node. */
    public static final List<Law> LAWS = List.of(LOG_OF_EXP, SOFTPLUS, LOG_SIGMOID, LOG_ONE_MINUS_SIGMOID, LOG_SUM_EXP,
            LOG_SUM_EXP_ALONG, LOG_SOFTMAX, RECIPROCAL_OF_ONE_PLUS_EXP, EXP_TIMES_SIGMOID, NORMALIZED_EXP, NORMALIZED_EXP_ALONG);

    private final Map<Expr, Expr> memo = new IdentityHashMap<>();

    /** The stable form of {@code e}, the same node for the same {@code e} on every call. */
    public Expr of(Expr e) {
        Expr done = memo.get(e);
        if (done != null) return done;
        List<Expr> kids = dev.matcalc.expr.Nodes.children(e);
        List<Expr> stable = new ArrayList<>(kids.size());
        boolean same = true;
        for (Expr k : kids) {
            Expr s = of(k);
            same &= s == k;
            stable.add(s);
        }
        Expr current = same ? e : dev.matcalc.expr.Nodes.rebuild(e, stable);
        Expr result = current;
        for (Law law : LAWS) {
            Expr next = law.apply(current);
            if (next != null) {
                result = of(next); // every law removes a naive exp or log, so this ends
                break;
            }
        }
        memo.put(e, result);
        memo.put(result, result);
        return result;
    }

    /** The stable forms of several expressions, sharing what they share. */
    public List<Expr> of(List<Expr> es) {
        return es.stream().map(this::of).toList();
    }

    /** One-shot: the stable form of {@code e}. */
    public static Expr rewrite(Expr e) {
        return new StableForms().of(e);
    }

    // ---- patterns ----

    /** A named subterm is its value. */
    static Expr strip(Expr e) {
        while (e instanceof Ref r) e = r.value();
        return e;
    }

    /** u where e is fn(u), else null (also for a null e, so patterns chain). */
    static Expr argOf(Fn fn, Expr e) {
        return e != null && strip(e) instanceof Apply a && a.fn() == fn ? a.arg() : null;
    }

    /** u where e is 1 + exp(u) (in either order). */
    private static Expr onePlusExp(Expr e) {
        if (e == null || !(strip(e) instanceof Add a) || a.terms().size() != 2) return null;
        Expr t0 = a.terms().get(0), t1 = a.terms().get(1);
        if (isOne(t0)) return argOf(Fn.EXP, t1);
        if (isOne(t1)) return argOf(Fn.EXP, t0);
        return null;
    }

    /** x where e is 1 - x. */
    private static Expr oneMinus(Expr e) {
        if (e == null || !(strip(e) instanceof Add a) || a.terms().size() != 2) return null;
        Expr t0 = a.terms().get(0), t1 = a.terms().get(1);
        Expr other = isOne(t0) ? t1 : isOne(t1) ? t0 : null;
        if (other == null || !(strip(other) instanceof MatMul m) || m.factors().size() != 2
                || !(m.factors().get(0) instanceof Num n) || n.value() != -1) return null;
        return m.factors().get(1);
    }

    /** z where e is sum(exp(z)) for a vector z (a row or a column). */
    private static Expr sumOfExp(Expr e) {
        if (e == null || !(strip(e) instanceof Call c) || c.fn() != MatFn.SUM) return null;
        Expr z = argOf(Fn.EXP, c.arg());
        return z != null && !z.isScalar() && (z.shape().isColumn() || z.shape().isRow()) ? z : null;
    }

    /** Z's sums along {@code axis}: 1 for ones'*exp(Z) (a row of column sums), 2 for exp(Z)*ones (a column of row sums). */
    private record Along(Expr z, int axis) {
        /** f(Z, axis) for softmax or logsumexp, which act on columns: f(Z, 2) = f(Z', 1)'. */
        Expr of(MatFn f) {
            return axis == 1 ? call(f, z) : transpose(call(f, transpose(z)));
        }
    }

    /** Where e is sum(exp(Z), 1) = ones'*exp(Z) or sum(exp(Z), 2) = exp(Z)*ones, Z and the axis. */
    private static Along sumOfExpAlong(Expr e) {
        if (e == null || !(strip(e) instanceof MatMul m) || m.factors().size() != 2) return null;
        Expr a = m.factors().get(0), b = m.factors().get(1);
        Expr z = a instanceof Ones && a.shape().isRow() ? argOf(Fn.EXP, b) : null;
        if (z != null && !z.isScalar()) return new Along(z, 1);
        z = b instanceof Ones && b.shape().isColumn() ? argOf(Fn.EXP, a) : null;
        return z != null && !z.isScalar() ? new Along(z, 2) : null;
    }

    /** Whether a = -b. */
    private static boolean negation(Expr a, Expr b) {
        return same(a, neg(strip(b))) || same(neg(strip(a)), b);
    }

    /** Structural equality that sees through names. */
    static boolean same(Expr a, Expr b) {
        a = strip(a);
        b = strip(b);
        if (a.equals(b)) return true;
        if (a.getClass() != b.getClass() || !a.shape().equals(b.shape())) return false;
        boolean sameHead = switch (a) {
            case Apply x -> x.fn() == ((Apply) b).fn();
            case Call x -> x.fn() == ((Call) b).fn();
            case MaxMin x -> x.op() == ((MaxMin) b).op();
            case Block x -> x.rows().stream().map(List::size).toList()
                    .equals(((Block) b).rows().stream().map(List::size).toList());
            case Add x -> true;
            case MatMul x -> true;
            case Transpose x -> true;
            case Hadamard x -> true;
            case Power x -> true;
            default -> false; // leaves: equals has answered
        };
        if (!sameHead) return false;
        List<Expr> ka = dev.matcalc.expr.Nodes.children(a), kb = dev.matcalc.expr.Nodes.children(b);
        if (ka.size() != kb.size()) return false;
        for (int i = 0; i < ka.size(); i++) if (!same(ka.get(i), kb.get(i))) return false;
        return true;
    }

    /** base.^exponent for a numeric exponent; anything else is itself to the power 1. */
    private record Powered(Expr base, double exponent) {
        static Powered of(Expr e) {
            return strip(e) instanceof Power p && p.exponent() instanceof Num n ? new Powered(p.base(), n.value()) : new Powered(e, 1);
        }

        boolean positive() {
            return exponent > 0;
        }
    }

    /** The operands of an element-wise product chain, or the scalar factors of a product; null for anything else. */
    private static List<Expr> factors(Expr e) {
        if (e instanceof Hadamard h) {
            List<Expr> out = new ArrayList<>();
            flattenHadamard(h, out);
            return out;
        }
        if (e instanceof MatMul m) return m.factors().stream().filter(Expr::isScalar).toList();
        return null;
    }

    private static void flattenHadamard(Expr e, List<Expr> out) {
        if (e instanceof Hadamard h) {
            flattenHadamard(h.left(), out);
            flattenHadamard(h.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The product {@code e} with its operands (as {@link #factors} listed them) replaced by {@code operands}. */
    private static Expr rebuildProduct(Expr e, List<Expr> operands) {
        if (e instanceof Hadamard h) {
            Expr product = null;
            for (Expr o : operands) {
                if (isOne(o)) continue;
                product = product == null ? o : hadamard(product, o);
            }
            return product == null ? ones(h.shape()) : product;
        }
        MatMul m = (MatMul) e;
        List<Expr> out = new ArrayList<>();
        int k = 0;
        for (Expr f : m.factors()) out.add(f.isScalar() ? operands.get(k++) : f);
        return mul(out);
    }

    private record Normalized(Expr replacement, int consumed) { }

    /**
     * The factors of a product with those of its scalar sub-products (x'*y/s, a 1×1 chain with a
     * scale) lifted beside them: ((x'*y)/s)*v = (1/s)*(x'*y)*v, so that 1/s meets v.
     */
    private static List<Expr> liftScalars(List<Expr> factors) {
        List<Expr> out = new ArrayList<>();
        for (Expr f : factors) {
            if (f instanceof MatMul inner && inner.isScalar() && !inner.factors().stream().allMatch(Expr::isScalar)) {
                inner.factors().stream().filter(Expr::isScalar).forEach(out::add);
                out.add(mul(inner.factors().stream().filter(g -> !g.isScalar()).toList()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * A factor linear in exp(z) (exp(z) itself, its transpose, diag(exp(z)), exp(z).*B, a sum of
     * such, or exp(z).^j) divided by {@code available} or fewer sums sum(exp(z)), written with softmax(z).
     */
    private static Normalized normalize(Expr f, Expr z, int available) {
        Expr s = strip(f);
        if (isExpOf(s, z)) return new Normalized(call(MatFn.SOFTMAX, z), 1);
        return switch (s) {
            case Transpose t -> map(normalize(t.arg(), z, available), Exprs::transpose);
            case Call c when c.fn() == MatFn.DIAG_MATRIX -> map(normalize(c.arg(), z, available), x -> call(MatFn.DIAG_MATRIX, x));
            case Hadamard h -> {
                Normalized left = normalize(h.left(), z, available);
                if (left != null) yield map(left, x -> hadamard(x, h.right()));
                yield map(normalize(h.right(), z, available), x -> hadamard(h.left(), x));
            }
            case Power p when isExpOf(p.base(), z) && p.exponent() instanceof Num n
                    && n.value() >= 1 && n.value() == Math.rint(n.value()) && n.value() <= available ->
                    new Normalized(pow(call(MatFn.SOFTMAX, z), n), (int) n.value());
            case MatMul p -> {
                for (int i = 0; i < p.factors().size(); i++) {
                    Normalized n = normalize(p.factors().get(i), z, available);
                    if (n == null) continue;
                    List<Expr> out = new ArrayList<>(p.factors());
                    out.set(i, n.replacement());
                    yield new Normalized(mul(out), n.consumed());
                }
                yield null;
            }
            case Add a -> {
                List<Expr> terms = new ArrayList<>();
                int consumed = -1;
                for (Expr t : a.terms()) {
                    Normalized n = normalize(t, z, available);
                    if (n == null || (consumed >= 0 && n.consumed() != consumed)) yield null;
                    consumed = n.consumed();
                    terms.add(n.replacement());
                }
                yield new Normalized(add(terms), consumed);
            }
            default -> null;
        };
    }

    private static Normalized map(Normalized n, UnaryOperator<Expr> f) {
        return n == null ? null : new Normalized(f.apply(n.replacement()), n.consumed());
    }

    private static boolean isExpOf(Expr e, Expr z) {
        Expr u = argOf(Fn.EXP, e);
        return u != null && same(u, z);
    }
}
