package dev.matcalc.tensor;

import dev.matcalc.expr.*;
import dev.matcalc.render.Render;
import dev.matcalc.simplify.Simplifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Magnus–Neudecker's matrix form of a derivative that is a tensor: D = d vec(F) / d vec(X)ᵀ, an
 * (mk)×(pq) matrix for F m×k and X p×q, with vec stacking columns (column-major). Read off the
 * differential as a sum of terms c·(B ⊗ A)·[K], from vec(A·dX·B) = (Bᵀ ⊗ A)·vec(dX) and
 * vec(dXᵀ) = K·vec(dX), K the commutation matrix. Returns null where the differential has
 * another structure (an element-wise product with the direction, a trace inside a product):
 * the index form covers those.
 */
public record KroneckerForm(List<Term> terms) {

    /** coefficient · (left ⊗ right) · K if {@code commuted}: left is q-sized, right p-sized for dX p×q. */
    public record Term(Expr coefficient, Expr left, Expr right, boolean commuted) { }

    public static KroneckerForm of(Expr differential, Var dx) {
        List<Term> terms = terms(differential, dx);
        if (terms == null) return null;
        List<Term> simplified = new ArrayList<>();
        for (Term t : terms)
            simplified.add(new Term(Simplifier.simplify(t.coefficient()), Simplifier.simplify(t.left()),
                    Simplifier.simplify(t.right()), t.commuted()));
        return new KroneckerForm(simplified);
    }

    private static List<Term> terms(Expr l, Var dx) {
        if (!Nodes.contains(l, dx)) return List.of();
        if (l.equals(dx))                                                     // vec(dX) = I·vec(dX)
            return List.of(new Term(Num.ONE, Exprs.identity(dx.shape().cols()), Exprs.identity(dx.shape().rows()), false));
        return switch (l) {
            case Transpose t when t.arg().equals(dx) ->                       // vec(dX') = K·vec(dX)
                    List.of(new Term(Num.ONE, Exprs.identity(dx.shape().rows()), Exprs.identity(dx.shape().cols()), true));
            case Ref r -> terms(r.value(), dx);
            case Add a -> {
                if (a.terms().stream().anyMatch(t -> t.isScalar() && !a.isScalar())) yield null;
                List<Term> out = new ArrayList<>();
                for (Expr t : a.terms()) {
                    List<Term> ts = terms(t, dx);
                    if (ts == null) yield null;
                    out.addAll(ts);
                }
                yield out;
            }
            case MatMul m -> product(m, dx);
            default -> null;
        };
    }

    /** vec(α·P·L·S) = α·(Sᵀ ⊗ P)·vec(L), and (Sᵀ ⊗ P)(B ⊗ A) = (SᵀB ⊗ PA). */
    private static List<Term> product(MatMul m, Var dx) {
        List<Expr> fs = m.factors();
        int i = -1;
        for (int k = 0; k < fs.size(); k++) if (Nodes.contains(fs.get(k), dx)) i = k;
        Expr li = fs.get(i);
        if (li.isScalar()) return null;
        List<Expr> scalars = new ArrayList<>(), before = new ArrayList<>(), after = new ArrayList<>();
        for (int k = 0; k < fs.size(); k++) {
            if (k == i) continue;
            Expr f = fs.get(k);
            if (f.isScalar()) scalars.add(f);
            else if (k < i) before.add(f);
            else after.add(f);
        }
        Expr p = before.isEmpty() ? Exprs.identity(li.shape().rows()) : Exprs.mul(before);
        Expr s = after.isEmpty() ? Exprs.identity(li.shape().cols()) : Exprs.mul(after);
        Expr alpha = scalars.isEmpty() ? Num.ONE : Exprs.mul(scalars);
        List<Term> inner = terms(li, dx);
        if (inner == null) return null;
        List<Term> out = new ArrayList<>();
        for (Term t : inner)
            out.add(new Term(Exprs.mul(alpha, t.coefficient()), Exprs.mul(Exprs.transpose(s), t.left()),
                    Exprs.mul(p, t.right()), t.commuted()));
        return out;
    }

    public String toText() {
        return render(false, false);
    }

    public String toPretty() {
        return render(true, false);
    }

    public String toLatex() {
        return render(false, true);
    }

    private String render(boolean pretty, boolean latex) {
        if (terms.isEmpty()) return "0";
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            String coefficient = latex ? Render.latex(t.coefficient()) : pretty ? Render.pretty(t.coefficient()) : Render.text(t.coefficient());
            boolean negative = coefficient.startsWith("-");
            if (negative) coefficient = coefficient.substring(1);
            if (!sb.isEmpty()) sb.append(negative ? " - " : " + ");
            else if (negative) sb.append("-");
            String product;
            if (t.left() instanceof Identity && t.right() instanceof Identity) {
                product = t.commuted() ? "K" : "I";
            } else {
                String a = show(t.left(), pretty, latex), b = show(t.right(), pretty, latex);
                String kron = latex ? a + " \\otimes " + b : pretty ? a + " ⊗ " + b : "kron(" + a + ", " + b + ")";
                product = !t.commuted() ? kron : latex ? "\\left(" + kron + "\\right) K" : pretty ? "(" + kron + ")·K" : kron + "*K";
            }
            if (coefficient.equals("1")) sb.append(product);
            else sb.append(coefficient).append(latex ? " " : pretty ? "·" : "*").append(product);
        }
        return sb.toString();
    }

    private static String show(Expr e, boolean pretty, boolean latex) {
        String s = latex ? Render.latex(e) : pretty ? Render.pretty(e) : Render.text(e);
        boolean atom = e instanceof Var || e instanceof Identity || e instanceof Transpose t && t.arg() instanceof Var;
        if (atom || !pretty && !latex) return s;
        return latex ? "\\left(" + s + "\\right)" : "(" + s + ")";
    }

    /** The convention, said with every Kronecker answer. */
    public static String convention() {
        return "d vec(F)/d vec(X)', vec stacking columns; K is the commutation matrix, K*vec(X) = vec(X')";
    }
}
