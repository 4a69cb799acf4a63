package dev.matcalc.problem.rows;

import dev.matcalc.expr.Add;
import dev.matcalc.expr.Apply;
import dev.matcalc.expr.Block;
import dev.matcalc.expr.MaxMin;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Hadamard;
import dev.matcalc.expr.Identity;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Ones;
import dev.matcalc.expr.Power;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Refs;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Var;
import dev.matcalc.expr.Zero;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, symbolically, whether an objective can run on a table whose rows are spread over
 * machines, and splits it ({@link Separation}). The table's columns (the row variables) share
 * their first axis, the row dimension n. An objective runs distributed when every use of a row
 * variable sits under a reduction over rows: row-wise expressions ({@link RowClass#ROWS}: X*w,
 * y.*u, exp(·), [X, ones(n)]) summed ({@code sum(·)}, {@code v'*u}, {@code X'*D*X},
 * {@code norm2(·)^2}) give sums over rows ({@link RowClass#REDUCED}), which are sums of the same
 * expressions over the blocks. A smooth function of such sums ({@code norm2(X*w - y)},
 * {@code log(sum(exp(X*w)))}) runs in two passes. Anything that pairs rows ({@code X*X'},
 * {@code inv(X*X' + eye(n))}, a softmax over the rows) or feeds a sum back into row-wise values
 * is refused, naming the subexpression and why.
 *
 * <p>{@code size(X, 1)} is the table's row count, not a block's: it becomes that number.
 */
public final class RowSeparation {
    private final Set<String> rowNames;
    private final Set<Dim> rowDims;     // one per group of columns the typer tied together: all have the table's rows
    private final Dim n;
    private final long totalRows;
    private final Map<Expr, Classified> memo = new IdentityHashMap<>();

    private record Classified(Expr expr, RowClass cls) { }

    private RowSeparation(Set<String> rowNames, Set<Dim> rowDims, long totalRows) {
        this.rowNames = rowNames;
        this.rowDims = rowDims;
        this.n = rowDims.iterator().next();
        this.totalRows = totalRows;
    }

    /**
     * Splits {@code objective} (a scalar) for row variables {@code rowNames} (the table's columns)
     * with {@code totalRows} rows in all; a {@link SourceError} says why it cannot be split.
     */
    public static Separation split(Expr objective, Set<String> rowNames, long totalRows) {
        Expr inlined = Refs.unwrap(objective);
        Set<Dim> dims = rowDimensions(inlined, rowNames);
        Dim n = dims.iterator().next();
        Expr rewritten = new RowSeparation(rowNames, dims, totalRows).classify(inlined).expr;
        RowSeparation s = new RowSeparation(rowNames, dims, totalRows);     // the classes of the rewritten nodes
        RowClass root = s.classify(rewritten).cls;
        if (root == RowClass.FREE)
            throw new SourceError("the objective uses none of the table's columns (" + String.join(", ", new TreeSet<>(rowNames))
                    + "): there is nothing to distribute");
        if (root == RowClass.REDUCED) return new Separation(n, null, rewritten, List.of(), List.of(), null);
        if (rewritten instanceof Add a && a.terms().stream().allMatch(t -> s.classify(t).cls != RowClass.OUTER)) {
            List<Expr> local = new ArrayList<>(), rows = new ArrayList<>();
            for (Expr t : a.terms()) (s.classify(t).cls == RowClass.FREE ? local : rows).add(t);
            return new Separation(n, local.isEmpty() ? null : Exprs.add(local), Exprs.add(rows), List.of(), List.of(), null);
        }
        Map<Expr, Var> sums = new LinkedHashMap<>();
        Expr outer = s.extract(rewritten, sums, new IdentityHashMap<>());
        for (Var v : Nodes.variables(outer))
            if (rowNames.contains(v.name()))
                throw new IllegalStateException("the outer function still uses " + v.name() + ": " + Render.text(outer));
        return new Separation(n, null, null, new ArrayList<>(sums.values()), new ArrayList<>(sums.keySet()), outer);
    }

    /**
     * The first axes of the row variables: one symbolic dimension where the objective ties the
     * columns together (X'*y), several where it does not (sum(X*w) + sum(y)); each is the table's
     * row count. They must be symbolic, since blocks have sizes of their own.
     */
    private static Set<Dim> rowDimensions(Expr e, Set<String> rowNames) {
        Set<Dim> dims = new java.util.LinkedHashSet<>();
        for (Var v : Nodes.variables(e)) {
            if (!rowNames.contains(v.name())) continue;
            Dim d = v.shape().rows();
            if (d.isOne())
                throw new SourceError(v.name() + " is used as a " + v.shape().kind() + " (" + v.shape() + "), but the table's columns "
                        + "have one entry per row, along the first axis");
            if (d instanceof Dim.Fixed)
                throw new SourceError("the table's column " + v.name() + " has a fixed row count (" + d + "); leave its size to "
                        + "the data (blocks of rows have sizes of their own)");
            dims.add(d);
        }
        if (dims.isEmpty())
            throw new SourceError("the objective uses none of the table's columns (" + String.join(", ", new TreeSet<>(rowNames))
                    + "): there is nothing to distribute");
        return dims;
    }

    /** Replaces each maximal sum over rows by a new variable Σk. */
    private Expr extract(Expr e, Map<Expr, Var> sums, Map<Expr, Expr> done) {
        Expr known = done.get(e);
        if (known != null) return known;
        Expr out;
        if (classify(e).cls == RowClass.REDUCED) {
            out = sums.computeIfAbsent(e, k -> new Var("Σ" + (sums.size() + 1), k.shape()));
        } else {
            List<Expr> kids = Nodes.children(e), mapped = new ArrayList<>();
            boolean same = true;
            for (Expr k : kids) {
                Expr m = extract(k, sums, done);
                same &= m == k;
                mapped.add(m);
            }
            out = same ? e : Nodes.rebuild(e, mapped);
        }
        done.put(e, out);
        return out;
    }

    private Classified classify(Expr e) {
        Classified c = memo.get(e);
        if (c != null) return c;
        c = switch (e) {
            case Var v -> variable(v);
            case Num x -> free(x);
            case Ones o -> constant(o);
            case Zero z -> constant(z);
            case Identity i -> hasRows(i.size()) ? new Classified(i, RowClass.DIAG) : free(i);
            case Add a -> add(a);
            case MatMul m -> product(m);
            case Transpose t -> transpose(t);
            case Hadamard h -> hadamard(h);
            case MaxMin m -> maxMin(m);
            case Power p -> power(p);
            case Apply a -> apply(a);
            case Call k -> call(k);
            case Block b -> block(b);
            case Ref r -> classify(r.value());
        };
        memo.put(e, c);
        return c;
    }

    private static Classified free(Expr e) {
        return new Classified(e, RowClass.FREE);
    }

    private boolean hasRows(Dim d) {
        return rowDims.contains(d);
    }

    private Classified variable(Var v) {
        Shape s = v.shape();
        if (rowNames.contains(v.name())) {
            if (hasRows(s.cols()))
                throw refuse(v, "is used as an " + n + "×" + n + " matrix; a table column has one row per data row");
            return new Classified(v, RowClass.ROWS);
        }
        if (hasRows(s.rows()) || hasRows(s.cols()))
            throw new SourceError(v.name() + " (" + s + ") has one entry per row of the table, but it is not one of the table's "
                    + "columns: only the table's columns are split into blocks of rows (a variable or other parameter "
                    + "the size of the data cannot be distributed)");
        return free(v);
    }

    /** ones(n), zeros(n,k): a constant whose first (or second) axis is the row dimension. */
    private Classified constant(Expr e) {
        Shape s = e.shape();
        boolean r = hasRows(s.rows()), c = hasRows(s.cols());
        if (r && c) throw refuse(e, "is an " + n + "×" + n + " matrix of constants, which pairs every row with every other row");
        return new Classified(e, r ? RowClass.ROWS : c ? RowClass.COLS : RowClass.FREE);
    }

    private List<Classified> kids(List<Expr> es) {
        List<Classified> out = new ArrayList<>(es.size());
        for (Expr e : es) out.add(classify(e));
        return out;
    }

    /** The node over the children's rewritten forms (itself when none changed). */
    private static Expr rebuilt(Expr e, List<Classified> kids) {
        List<Expr> children = Nodes.children(e);
        boolean same = true;
        List<Expr> mapped = new ArrayList<>(kids.size());
        for (int i = 0; i < kids.size(); i++) {
            same &= kids.get(i).expr == children.get(i);
            mapped.add(kids.get(i).expr);
        }
        return same ? e : Nodes.rebuild(e, mapped);
    }

    private Classified add(Add a) {
        List<Classified> ks = kids(a.terms());
        Expr out = rebuilt(a, ks);
        RowClass local = null;
        boolean free = false, reduced = false, outer = false;
        for (Classified k : ks) {
            switch (k.cls) {
                case FREE -> free = true;
                case REDUCED -> reduced = true;
                case OUTER -> outer = true;
                default -> {
                    if (local != null && local != k.cls) throw refuse(a, "adds row-wise values of different orientations");
                    local = k.cls;
                }
            }
        }
        if (local != null) {
            if (reduced || outer) throw refuse(a, "adds a sum over all rows to row-wise values " + SUM_IN_ROWS);
            if (local == RowClass.DIAG && free)
                throw refuse(a, "adds a constant to every entry of an " + n + "×" + n + " matrix, which pairs every row with every other row");
            return new Classified(out, local);
        }
        if (outer || (reduced && free)) return new Classified(out, RowClass.OUTER);
        return new Classified(out, reduced ? RowClass.REDUCED : RowClass.FREE);
    }

    private static final String SUM_IN_ROWS = "(each row would need the whole table's sum first; a distributed objective "
            + "uses row-wise values only inside sums over rows)";

    private Classified product(MatMul m) {
        List<Classified> ks = kids(m.factors());
        Expr out = rebuilt(m, ks);
        RowClass acc = null;
        int reducedScalars = 0;
        boolean outerScalar = false;
        Expr prefixEnd = null;
        for (int i = 0; i < ks.size(); i++) {
            Classified k = ks.get(i);
            Expr f = m.factors().get(i);
            if (f.isScalar()) {
                switch (k.cls) {
                    case FREE -> { }
                    case REDUCED -> reducedScalars++;
                    case OUTER -> outerScalar = true;
                    default -> throw refuse(f, "is a row-wise scalar");
                }
                continue;
            }
            if (acc == null) {
                acc = k.cls;
            } else {
                acc = times(acc, k.cls, m, prefixEnd, f);
            }
            prefixEnd = f;
        }
        if (acc == null) acc = RowClass.FREE;
        if (reducedScalars == 0 && !outerScalar) return new Classified(out, acc);
        if (acc.local()) throw refuse(m, "scales row-wise values by a sum over all rows " + SUM_IN_ROWS);
        int degree = reducedScalars + (acc == RowClass.REDUCED ? 1 : 0);
        return new Classified(out, outerScalar || acc == RowClass.OUTER || degree > 1 ? RowClass.OUTER : RowClass.REDUCED);
    }

    /** The class of a product a·b of two non-scalar factors. */
    private RowClass times(RowClass a, RowClass b, MatMul m, Expr left, Expr right) {
        if (a == RowClass.FREE && b == RowClass.FREE) return RowClass.FREE;
        if (a == RowClass.COLS && b == RowClass.ROWS) return RowClass.REDUCED;        // X'*v: a sum over rows
        if (a == RowClass.ROWS && b == RowClass.FREE) return RowClass.ROWS;           // X*w
        if (a == RowClass.FREE && b == RowClass.COLS) return RowClass.COLS;           // w'*X'
        if (a == RowClass.DIAG && b == RowClass.ROWS) return RowClass.ROWS;           // D*X
        if (a == RowClass.COLS && b == RowClass.DIAG) return RowClass.COLS;           // X'*D
        if (a == RowClass.DIAG && b == RowClass.DIAG) return RowClass.DIAG;
        if (a == RowClass.ROWS && (b == RowClass.COLS || b == RowClass.DIAG) || a == RowClass.DIAG && b == RowClass.COLS)
            throw refuse(m, "multiplies along the columns into an " + n + "×" + n + " matrix (" + Render.text(left) + " times "
                    + Render.text(right) + "), which pairs every row with every other row");
        if (a.global() && b.global()) {
            if (a == RowClass.OUTER || b == RowClass.OUTER || a == RowClass.REDUCED && b == RowClass.REDUCED) return RowClass.OUTER;
            return RowClass.REDUCED;
        }
        throw refuse(m, "multiplies row-wise values by a sum over all rows " + SUM_IN_ROWS);
    }

    private Classified transpose(Transpose t) {
        Classified k = classify(t.arg());
        Expr out = k.expr == t.arg() ? t : Exprs.transpose(k.expr);
        RowClass c = switch (k.cls) {
            case ROWS -> RowClass.COLS;
            case COLS -> RowClass.ROWS;
            default -> k.cls;
        };
        return new Classified(out, c);
    }

    private Classified hadamard(Hadamard h) {
        return elementwise(h, h.left(), h.right(), "multiplies row-wise values by a sum over all rows ");
    }

    /** max(a, b), min(a, b): element-wise, classified as a product of the two is. */
    private Classified maxMin(MaxMin m) {
        return elementwise(m, m.left(), m.right(), "compares row-wise values with a sum over all rows ");
    }

    /** An entry-by-entry operation on two operands: row-wise where either is, refused where it meets a sum over rows. */
    private Classified elementwise(Expr e, Expr left, Expr right, String mixing) {
        List<Classified> ks = kids(List.of(left, right));
        Expr out = rebuilt(e, ks);
        RowClass a = ks.get(0).cls, b = ks.get(1).cls;
        if (a == b && a != RowClass.REDUCED) return new Classified(out, a);
        if (a.local() || b.local()) {
            if (a == RowClass.FREE || b == RowClass.FREE) return new Classified(out, a.local() ? a : b);
            throw refuse(e, mixing + SUM_IN_ROWS);
        }
        if (a == RowClass.FREE || b == RowClass.FREE) return new Classified(out, a == RowClass.FREE ? b : a);
        return new Classified(out, RowClass.OUTER);                 // a product of sums
    }

    private Classified power(Power p) {
        if (p.base() instanceof Call c && c.fn() == MatFn.NORM2 && p.exponent() instanceof Num two && two.value() == 2) {
            Classified arg = classify(c.arg());
            if (arg.cls.local())                                     // norm2(r)^2 = sum(r.^2), a sum over rows
                return new Classified(Exprs.call(MatFn.SUM, Exprs.pow(arg.expr, Num.TWO)), RowClass.REDUCED);
        }
        List<Classified> ks = kids(List.of(p.base(), p.exponent()));
        Expr out = rebuilt(p, ks);
        RowClass base = ks.get(0).cls, exponent = ks.get(1).cls;
        if (exponent != RowClass.FREE) {
            if (base.local()) throw refuse(p, "raises row-wise values to a power that is a sum over all rows " + SUM_IN_ROWS);
            return new Classified(out, RowClass.OUTER);
        }
        return switch (base) {
            case FREE, ROWS, COLS, OUTER -> new Classified(out, base);
            case DIAG -> {
                if (p.exponent() instanceof Num x && x.value() > 0) yield new Classified(out, RowClass.DIAG);
                throw refuse(p, "raises the zeros of an " + n + "×" + n + " diagonal matrix to a power that is not positive");
            }
            case REDUCED -> new Classified(out, p.exponent() instanceof Num x && x.value() == 1 ? RowClass.REDUCED : RowClass.OUTER);
        };
    }

    private Classified apply(Apply a) {
        Classified k = classify(a.arg());
        Expr out = k.expr == a.arg() ? a : Exprs.apply(a.fn(), k.expr);
        return switch (k.cls) {
            case FREE, ROWS, COLS, OUTER -> new Classified(out, k.cls);
            case REDUCED -> new Classified(out, RowClass.OUTER);
            case DIAG -> {
                if (a.fn().eval(0) == 0) yield new Classified(out, RowClass.DIAG);
                throw refuse(a, "applies " + a.fn().fnName() + " to the zeros off the diagonal of an " + n + "×" + n
                        + " matrix, filling it, which pairs every row with every other row");
            }
        };
    }

    private Classified call(Call c) {
        if (c.fn() == MatFn.SIZE_ROWS || c.fn() == MatFn.SIZE_COLS) {
            Dim d = c.fn() == MatFn.SIZE_ROWS ? c.arg().shape().rows() : c.arg().shape().cols();
            // the table's row count, not a block's; other sizes from a constant of the argument's shape,
            // so that the driver never needs the table's columns to know them
            return free(hasRows(d) ? Exprs.num(totalRows) : Exprs.call(c.fn(), Exprs.ones(c.arg().shape())));
        }
        Classified k = classify(c.arg());
        Expr out = k.expr == c.arg() ? c : Exprs.call(c.fn(), k.expr);
        RowClass a = k.cls;
        if (a == RowClass.FREE) return new Classified(out, RowClass.FREE);
        return switch (c.fn()) {
            case SUM, NORM1 -> new Classified(out, a.local() || a == RowClass.REDUCED && c.fn() == MatFn.SUM ? RowClass.REDUCED : RowClass.OUTER);
            case TR -> {
                if (a == RowClass.DIAG) yield new Classified(out, RowClass.REDUCED);
                if (a.local()) throw refuse(c, "takes the trace of a matrix with one row or column per data row");
                yield new Classified(out, a);
            }
            case NORM2 -> {
                if (!a.local()) yield new Classified(out, RowClass.OUTER);
                // norm2(r) = sqrt(sum(r.^2)): a smooth function of a sum over rows (two passes)
                yield classify(Exprs.pow(Exprs.call(MatFn.SUM, Exprs.pow(k.expr, Num.TWO)), Exprs.num(0.5)));
            }
            case DIAG_MATRIX -> {
                if (a == RowClass.ROWS) yield new Classified(out, RowClass.DIAG);
                if (a.local()) throw refuse(c, "puts a row-wise value on a diagonal across its columns");
                yield new Classified(out, a);
            }
            case DIAG_VECTOR -> {
                if (a == RowClass.DIAG) yield new Classified(out, RowClass.ROWS);
                if (a.local()) throw refuse(c, "takes the diagonal of a matrix with one row or column per data row");
                yield new Classified(out, a);
            }
            case SOFTMAX, LOGSUMEXP -> {
                if (a == RowClass.COLS) yield new Classified(out, RowClass.COLS);       // per column of X': per data row
                if (a.local())
                    throw refuse(c, "normalizes across all the rows of the table" + (c.fn() == MatFn.LOGSUMEXP
                            ? "; write log(sum(exp(...))) for a log-sum-exp over rows, which runs in two passes" : ""));
                yield new Classified(out, RowClass.OUTER);
            }
            case MAX, MIN, ISMAX, ISMIN -> {
                // an extremum over the rows is not a sum over them: it has no one-pass sum of blocks
                if (a.local()) throw refuse(c, "takes the " + (c.fn() == MatFn.MAX || c.fn() == MatFn.ISMAX ? "largest" : "smallest")
                        + " entry across the rows of the table; only sums over rows are split into blocks");
                yield new Classified(out, RowClass.OUTER);
            }
            case INV, DET, LOGDET -> {
                if (a.local()) throw refuse(c, "takes " + c.fn().fnName() + " of an " + n + "×" + n
                        + " matrix, which pairs every row with every other row");
                yield new Classified(out, RowClass.OUTER);
            }
            case SIZE_ROWS, SIZE_COLS -> throw new IllegalStateException("handled above");
        };
    }

    private Classified block(Block b) {
        List<Classified> ks = kids(Nodes.children(b));
        Expr out = rebuilt(b, ks);
        boolean free = false, reduced = false, outer = false;
        RowClass local = null;
        for (Classified k : ks) {
            switch (k.cls) {
                case FREE -> free = true;
                case REDUCED -> reduced = true;
                case OUTER -> outer = true;
                default -> {
                    if (local != null && local != k.cls) throw refuse(b, "mixes row-wise values of different orientations");
                    local = k.cls;
                }
            }
        }
        if (local != null) {
            boolean sideBySide = local == RowClass.ROWS && b.rows().size() == 1
                    || local == RowClass.COLS && b.rows().stream().allMatch(r -> r.size() == 1);
            if (!sideBySide || free || reduced || outer)
                throw refuse(b, "stacks row-wise values along the rows' axis, or with values that are not row-wise");
            return new Classified(out, local);
        }
        if (outer || reduced && free) return new Classified(out, RowClass.OUTER);
        return new Classified(out, reduced ? RowClass.REDUCED : RowClass.FREE);
    }

    private SourceError refuse(Expr e, String why) {
        return new SourceError("the objective cannot run on blocks of the table's rows: " + Render.text(e) + " " + why);
    }
}
