package dev.matcalc.compile;

import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Identity;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which uses of a sparse matrix ({@link dev.matcalc.numeric.SparseMatrix}) a plan can compute
 * without making it dense. The rule: a sparse variable X (or X') may only be a factor of a matrix
 * product that has at least one dense factor that is not diagonal ({@code X*w}, {@code X'*v},
 * {@code X*W}, {@code y'*X*w}, {@code X'*D*X*w}); the planner then associates the product so that
 * X is only ever multiplied by a dense matrix ({@code X'*(D*(X*w))}), a sparse-times-dense product
 * ({@link SparseProducts}). Anything else reads X entry by entry or makes a dense matrix of it and
 * is refused: {@code X'*X}, {@code X'*diag(v)*X}, {@code 2*X}, {@code X.*A}, {@code exp(X)},
 * {@code sum(X)}, {@code X + A}, {@code [X, ones]}.
 */
public final class SparseUses {
    private SparseUses() { }

    /** A use that would make a sparse matrix dense: the subexpression, the sparse variable, and the dense size it would take. */
    public record Refusal(Expr at, String variable, boolean product) { }

    /** The first use in {@code e} of a variable in {@code sparse} that is not a product with a dense operand; null when none. */
    public static Refusal find(Expr e, Set<String> sparse) {
        if (sparse.isEmpty()) return null;
        return visit(e, sparse, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Throws, naming the subexpression and why, when {@code e} uses a sparse variable otherwise than
     * in products with dense operands.
     *
     * @param source what the sparse variables are, for the message ({@code "a LIBSVM table's features"})
     * @param sizes  {rows, cols} of a shape, for the message
     */
    public static void check(Expr e, Set<String> sparse, String source, Function<Shape, int[]> sizes) {
        Refusal r = find(e, sparse);
        if (r == null) return;
        int[] size = sizes.apply(r.product() ? r.at().shape() : sparseShape(r.at(), r.variable()));
        String what = r.product()
                ? Render.text(r.at()) + " would make a dense " + size[0] + "×" + size[1] + " matrix"
                : Render.text(r.at()) + " would read " + r.variable() + " as a dense " + size[0] + "×" + size[1] + " matrix";
        throw new SourceError(r.variable() + " is sparse (" + source + "); " + what + "; only products of " + r.variable()
                + " with dense operands keep it sparse (" + r.variable() + "*w, " + r.variable() + "'*v, " + r.variable() + "*W)");
    }

    private static Shape sparseShape(Expr at, String name) {
        for (Var v : Nodes.variables(at)) if (v.name().equals(name)) return v.shape();
        return at.shape();
    }

    private static Refusal visit(Expr e, Set<String> sparse, Set<Expr> seen) {
        if (!seen.add(e)) return null;
        if (e instanceof Ref r) return visit(r.value(), sparse, seen);
        if (e instanceof MatMul m) {
            String sparseFactor = null;
            boolean dense = false;
            for (Expr f : m.factors()) {
                String s = sparseName(f, sparse);
                if (s != null) {
                    sparseFactor = s;
                    continue;
                }
                Expr u = unref(f);
                if (!f.isScalar() && !(u instanceof Identity) && !(u instanceof Call c && c.fn() == MatFn.DIAG_MATRIX)) dense = true;
                Refusal inner = visit(f, sparse, seen);
                if (inner != null) return inner;
            }
            if (sparseFactor != null && !dense) return new Refusal(m, sparseFactor, true);
            return null;
        }
        List<Expr> kids = Nodes.children(e);
        for (Expr k : kids) {
            String s = sparseName(k, sparse);
            if (s != null) return new Refusal(e, s, false);
            Refusal inner = visit(k, sparse, seen);
            if (inner != null) return inner;
        }
        return null;
    }

    /** The name of a sparse variable that {@code e} is (or is the transpose of), else null. */
    private static String sparseName(Expr e, Set<String> sparse) {
        Expr u = unref(e);
        if (u instanceof Transpose t) u = unref(t.arg());
        return u instanceof Var v && sparse.contains(v.name()) ? v.name() : null;
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }

    /** The planner's own guard: a step other than a sparse product that reads a sparse input is a use this class should have refused. */
    static void checkPlan(List<Step> steps) {
        for (Step s : steps) {
            if (s.readsSparse) continue;
            for (Step in : s.inputs)
                if (in.sparse)
                    throw new SourceError("the " + in.what.replaceFirst("^input ", "") + " matrix (" + in.rows + "×" + in.cols
                            + ") is sparse, and a '" + s.what + "' step would read it as a dense matrix; only products with dense "
                            + "operands keep it sparse");
        }
    }
}
