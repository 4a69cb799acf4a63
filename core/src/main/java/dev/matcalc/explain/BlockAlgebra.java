package dev.matcalc.explain;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Block matrices entry by entry, for derivations of stacked functions ([f; g]): a scalar times
 * a block scales each block, and blocks of one layout add block by block. The simplifier keeps
 * blocks whole, so this is the step that turns Σ c·[1; 0] into the stacked Jacobian.
 */
final class BlockAlgebra {
    static final String LAW = "c*[A; B] = [c*A; c*B], [A; B] + [C; D] = [A + C; B + D]";

    private BlockAlgebra() { }

    static Expr distribute(Expr e) {
        return Nodes.mapBottomUp(e, BlockAlgebra::step);
    }

    /** Blocks are matched through one transpose too, which stays outside: c*B' = (c*B)'. */
    private static Expr step(Expr e) {
        if (e instanceof MatMul m) {
            List<Expr> blocks = m.factors().stream().filter(f -> block(f) != null).toList();
            if (blocks.size() == 1 && m.factors().stream().allMatch(f -> block(f) != null || f.isScalar())) {
                List<Expr> scale = m.factors().stream().filter(f -> block(f) == null).toList();
                Expr scaled = map(block(blocks.get(0)), entry -> {
                    List<Expr> factors = new ArrayList<>(scale);
                    factors.add(entry);
                    return Exprs.mul(factors);
                });
                return blocks.get(0) instanceof Transpose ? Exprs.transpose(scaled) : scaled;
            }
        }
        if (e instanceof Add a && a.terms().size() > 1 && a.terms().stream().allMatch(t -> block(t) != null)) {
            boolean transposed = a.terms().get(0) instanceof Transpose;
            Block first = block(a.terms().get(0));
            if (a.terms().stream().allMatch(t -> t instanceof Transpose == transposed && sameLayout(first, block(t)))) {
                List<List<Expr>> rows = new ArrayList<>();
                for (int i = 0; i < first.rows().size(); i++) {
                    List<Expr> row = new ArrayList<>();
                    for (int j = 0; j < first.rows().get(i).size(); j++) {
                        List<Expr> terms = new ArrayList<>();
                        for (Expr t : a.terms()) terms.add(block(t).rows().get(i).get(j));
                        row.add(Exprs.add(terms));
                    }
                    rows.add(row);
                }
                Expr sum = Exprs.block(rows);
                return transposed ? Exprs.transpose(sum) : sum;
            }
        }
        return e;
    }

    /** The block matrix {@code e} is, or whose transpose it is; null otherwise. */
    private static Block block(Expr e) {
        if (e instanceof Block b) return b;
        if (e instanceof Transpose t && t.arg() instanceof Block b) return b;
        return null;
    }

    private static boolean sameLayout(Block a, Block b) {
        if (a.rows().size() != b.rows().size()) return false;
        for (int i = 0; i < a.rows().size(); i++) {
            if (a.rows().get(i).size() != b.rows().get(i).size()) return false;
            for (int j = 0; j < a.rows().get(i).size(); j++)
                if (!a.rows().get(i).get(j).shape().equals(b.rows().get(i).get(j).shape())) return false;
        }
        return true;
    }

    private static Expr map(Block b, java.util.function.UnaryOperator<Expr> f) {
        return Exprs.block(b.rows().stream().map(row -> row.stream().map(f).toList()).toList());
    }
}
