package dev.matcalc.calculus;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/**
 * Reverse mode as the transpose of forward mode: for a map L(dX) linear in dX and a cotangent C
 * shaped like L, the G shaped like X with ⟨C, L(dX)⟩ = ⟨G, dX⟩ for every dX. For a scalar L and
 * C = 1, G is the gradient. Only linear nodes have rules here. Cotangents are accumulated per node
 * in reverse topological order, so a shared subterm is visited once however often it is used.
 */
public final class Reverse {
    private final Var dx;
    private final Map<Expr, Boolean> linear = new IdentityHashMap<>();
    private final Map<Expr, List<Expr>> cotangents = new IdentityHashMap<>();

    private Reverse(Var dx) {
        this.dx = dx;
    }

    /** The gradient of a scalar linear map: G with L(dX) = ⟨G, dX⟩. */
    public static Expr gradient(Expr scalarLinear, Var dx) {
        if (!scalarLinear.isScalar()) throw new IllegalArgumentException("gradient of a non-scalar map");
        return transpose(scalarLinear, dx, Num.ONE);
    }

    /** The adjoint of the linear map applied to {@code cotangent}. */
    public static Expr transpose(Expr linearMap, Var dx, Expr cotangent) {
        return new Reverse(dx).run(linearMap, cotangent);
    }

    private boolean isLinear(Expr e) {
        Boolean known = linear.get(e);
        if (known != null) return known;
        boolean result = e.equals(dx) || Nodes.children(e).stream().anyMatch(this::isLinear);
        linear.put(e, result);
        return result;
    }

    private Expr run(Expr root, Expr cotangent) {
        if (!isLinear(root)) return zeroLike(dx);
        List<Expr> order = new ArrayList<>();
        topologicalOrder(root, new IdentityHashMap<>(), order);
        send(root, cotangent);
        Expr result = zeroLike(dx);
        for (int i = order.size() - 1; i >= 0; i--) {
            Expr node = order.get(i);
            List<Expr> parts = cotangents.remove(node);
            if (parts == null) continue;
            Expr c = add(parts);
            if (node.equals(dx)) result = add(result, c);
            else propagate(node, c);
        }
        return result;
    }

    /** The gradient flowing into a named differential dY is named G_Y. */
    private static String cotangentName(Ref r) {
        String n = r.name();
        return "G_" + (n.startsWith("d") && n.length() > 1 ? n.substring(1) : n);
    }

    private void topologicalOrder(Expr e, Map<Expr, Boolean> seen, List<Expr> out) {
        if (!isLinear(e) || seen.put(e, Boolean.TRUE) != null) return;
        for (Expr k : Nodes.children(e)) topologicalOrder(k, seen, out);
        out.add(e);
    }

    private void send(Expr node, Expr c) {
        if (!isLinear(node) || isZero(c)) return;
        cotangents.computeIfAbsent(node, k -> new ArrayList<>()).add(c);
    }

    /** One transpose rule per linear node: the cotangent of each linear child. */
    private void propagate(Expr node, Expr c) {
        switch (node) {
            case Add a -> {                                        // (A+B)ᵀ: C to each term; Σ C to an expanded scalar
                for (Expr t : a.terms())
                    send(t, t.isScalar() && !a.isScalar() ? call(MatFn.SUM, c) : c);
            }
            case MatMul m -> productRule(m, c);
            case Transpose t -> send(t.arg(), Exprs.transpose(c));            // (Lᵀ)ᵀ C = Cᵀ
            case Hadamard h -> {                                   // ⟨C, A.*L⟩ = ⟨A.*C, L⟩
                if (isLinear(h.left())) send(h.left(), hadamard(h.right(), c));
                else send(h.right(), hadamard(h.left(), c));
            }
            case Call call -> {
                Expr arg = call.arg();
                switch (call.fn()) {
                    case SUM -> send(arg, mul(c, ones(arg.shape())));            // ⟨c, sum(L)⟩ = ⟨c·1, L⟩
                    case TR -> send(arg, mul(c, identity(arg.shape().rows())));   // ⟨c, tr(L)⟩ = ⟨c·I, L⟩
                    case DIAG_MATRIX -> send(arg, call(MatFn.DIAG_VECTOR, c));    // ⟨C, diag(l)⟩ = ⟨diag(C), l⟩
                    case DIAG_VECTOR -> send(arg, call(MatFn.DIAG_MATRIX, c));    // ⟨c, diag(L)⟩ = ⟨diag(c), L⟩
                    default -> throw new IllegalStateException(call.fn() + " is not linear");
                }
            }
            case Ref r -> send(r.value(), Refs.isTrivial(c) ? c : new Ref(cotangentName(r), c));  // G_Y, named once
            case Block b -> throw new UnsupportedDerivative(
                    "reverse mode through a vector or block literal [..] is not supported; differentiate w.r.t. a scalar instead");
            default -> throw new IllegalStateException("not a linear node: " + node.getClass().getSimpleName());
        }
    }

    /**
     * L = α·P·Lᵢ·S with scalars α and matrix chains P, S: a matrix Lᵢ gets α·Pᵀ·C·Sᵀ; a scalar Lᵢ
     * (L = Lᵢ·R) gets ⟨R, C⟩.
     */
    private void productRule(MatMul m, Expr c) {
        List<Expr> fs = m.factors();
        int i = -1;
        for (int k = 0; k < fs.size(); k++) if (isLinear(fs.get(k))) i = k;
        Expr li = fs.get(i);
        List<Expr> rest = new ArrayList<>(fs);
        rest.remove(i);
        if (li.isScalar()) {
            send(li, inner(mul(rest.isEmpty() ? List.of(Num.ONE) : rest), c));
            return;
        }
        List<Expr> scalars = new ArrayList<>(), before = new ArrayList<>(), after = new ArrayList<>();
        for (int k = 0; k < fs.size(); k++) {
            Expr f = fs.get(k);
            if (k == i) continue;
            if (f.isScalar()) scalars.add(f);
            else if (k < i) before.add(Exprs.transpose(f));
            else after.add(Exprs.transpose(f));
        }
        List<Expr> chain = new ArrayList<>(scalars);
        for (int k = before.size() - 1; k >= 0; k--) chain.add(before.get(k));   // Pᵀ = (P₁…Pₖ)ᵀ = Pₖᵀ…P₁ᵀ
        chain.add(c);
        for (int k = after.size() - 1; k >= 0; k--) chain.add(after.get(k));
        send(li, mul(chain));
    }
}
