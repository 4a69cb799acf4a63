package dev.matcalc.calculus;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/**
 * Forward mode: the differential dF of an expression in the direction dX of one variable, an
 * expression linear in the differential variable. One rule per structural node; element-wise and
 * matrix functions take their rules from {@link Fn} and {@link MatFn}.
 */
public final class Forward {
    private final Var x;
    private final Var dx;
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();
    private final Map<Expr, Boolean> depends = new IdentityHashMap<>();
    /** Factors written into product terms so far: a chain of k factors varying in k places costs k². */
    private long written;

    /** The most factors a differential may write into its product terms before it is refused as too large. */
    public static final long MAX_WRITTEN_FACTORS = 200_000;

    private Forward(Var x, Var dx) {
        this.x = x;
        this.dx = dx;
    }

    /** dF in the direction {@code dx} of {@code x}. */
    public static Expr differential(Expr f, Var x, Var dx) {
        if (!x.shape().equals(dx.shape())) throw new IllegalArgumentException("dx must have x's shape");
        return new Forward(x, dx).d(f);
    }

    /** A fresh differential variable for {@code x}: {@code dx}. */
    public static Var differentialOf(Var x) {
        return new Var("d" + x.name(), x.shape(), Var.Kind.DIFFERENTIAL);
    }

    /** A differential for the k-th argument of a multilinear map (dx, then dx₂, dx₃, ...). */
    public static Var differentialOf(Var x, int slot) {
        return slot <= 1 ? differentialOf(x) : new Var("d" + x.name() + "_" + slot, x.shape(), Var.Kind.DIFFERENTIAL);
    }

    /** The name of a named subterm's differential: dY (dY_2 for a second direction). */
    private String differentialName(Ref r) {
        int suffix = dx.name().lastIndexOf('_');
        return "d" + r.name() + (suffix > 0 ? dx.name().substring(suffix) : "");
    }

    private boolean dependsOnX(Expr e) {
        Boolean known = depends.get(e);
        if (known != null) return known;
        boolean result = e.equals(x) || Nodes.children(e).stream().anyMatch(this::dependsOnX);
        depends.put(e, result);
        return result;
    }

    private Expr d(Expr e) {
        if (!dependsOnX(e)) return zeroLike(e);
        Expr known = memo.get(e);
        if (known != null) return known;
        Expr result = rule(e);
        memo.put(e, result);
        return result;
    }

    /**
     * The subgradient of the chosen operand, ties going to the first: d max(A, B) =
     * ge0(A - B).*dA + step(B - A).*dB, d min(A, B) = ge0(B - A).*dA + step(A - B).*dB
     * (ge0 is 1 at 0, step is 0 there, so exactly one of the two passes at every entry).
     */
    private Expr maxMin(MaxMin m) {
        Expr a = m.left(), b = m.right();
        boolean max = m.op() == MaxMin.Op.MAX;
        Expr firstWins = apply(Fn.GE0, max ? sub(a, b) : sub(b, a));
        Expr secondWins = apply(Fn.STEP, max ? sub(b, a) : sub(a, b));
        Expr byFirst = dependsOnX(a) ? hadamard(firstWins, broadcast(d(a), m.shape())) : zeroLike(m);
        Expr bySecond = dependsOnX(b) ? hadamard(secondWins, broadcast(d(b), m.shape())) : zeroLike(m);
        return add(byFirst, bySecond);
    }

    private Expr rule(Expr e) {
        return switch (e) {
            case Var v -> dx;                                                 // dX/dX = I
            case Num n -> zeroLike(e);
            case Ones o -> zeroLike(e);
            case Identity i -> zeroLike(e);
            case Zero z -> z;
            case Add a -> {                                                   // d(A+B) = dA + dB
                Expr sum = add(a.terms().stream().map(this::d).toList());
                yield sum.shape().equals(a.shape()) ? sum : Nodes.expand(sum, a);  // d(x + c) = dc·1
            }
            case MatMul m -> {                                                // d(AB) = dA·B + A·dB
                List<Expr> terms = new ArrayList<>();
                List<Expr> fs = m.factors();
                for (int i = 0; i < fs.size(); i++) {
                    if (!dependsOnX(fs.get(i))) continue;
                    written += fs.size();
                    if (written > MAX_WRITTEN_FACTORS)
                        throw new UnsupportedDerivative("derivative too large: its differential would write out more than "
                                + MAX_WRITTEN_FACTORS + " factors (name repeated parts with definitions, Y = ...)");
                    List<Expr> copy = new ArrayList<>(fs);
                    copy.set(i, d(fs.get(i)));
                    terms.add(mul(copy));
                }
                yield add(terms);
            }
            case Transpose t -> transpose(d(t.arg()));                        // d(A') = (dA)'
            case Hadamard h -> add(hadamard(d(h.left()), h.right()),          // d(A.*B) = dA.*B + A.*dB
                    hadamard(h.left(), d(h.right())));
            case Power p -> {
                Expr base = p.base(), k = p.exponent();
                // d(U.^k) = k·U.^(k-1) .* dU ;  d(U.^k) = U.^k .* log(U) · dk  for a varying exponent
                Expr byBase = dependsOnX(base) ? hadamard(mul(k, pow(base, sub(k, Num.ONE))), d(base)) : zeroLike(e);
                Expr byExponent = dependsOnX(k) ? mul(hadamard(p, apply(Fn.LOG, base)), d(k)) : zeroLike(e);
                yield add(byBase, byExponent);
            }
            case Apply a -> hadamard(a.fn().derivative(a.arg()), d(a.arg()));  // d f(U) = f'(U) .* dU
            case Call c -> c.fn().derivative(c, d(c.arg()));
            case MaxMin m -> maxMin(m);
            case Ref r -> new Ref(differentialName(r), d(r.value()));      // dY, named as Y is
            case Block b -> block(b.rows().stream().map(row -> row.stream().map(this::d).toList()).toList());
        };
    }
}
