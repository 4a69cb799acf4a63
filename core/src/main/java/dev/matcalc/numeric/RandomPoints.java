package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random points at which to evaluate and check an expression: values for its non-differential
 * variables, drawn where the functions above them are defined and smooth.
 *
 * <p>A heuristic, by design: a variable's entries are constrained by every function it occurs
 * under (log, sqrt, logdet, negative or fractional powers, i.e. divisors: [0.5, 2]; arcsin and
 * arccos: [-0.6, 0.6]; tan: [-1, 1]; abs, sign, relu, step: away from 0; otherwise standard
 * normal), and square matrices under inv are made strictly diagonally dominant with a positive
 * diagonal, under det/logdet symmetric positive definite (B·B'/n + I). A symmetric variable's value
 * is exactly symmetric (its upper triangle mirrored), as the API requires. Sums and products of such
 * matrices usually keep the property, but not always: callers retry with another seed when a
 * value comes out NaN or infinite.
 *
 * <p>Symbolic dimensions get small sizes 2..4, distinct while there are enough of them (so that a
 * mix-up of n and m shows as a size mismatch), the same symbol the same size everywhere.
 */
public final class RandomPoints {
    private RandomPoints() { }

    /** Sizes of the symbolic dimensions and values of the variables (differentials excluded). */
    public record Point(Map<String, Integer> dims, Map<String, DMatrixRMaj> values) { }

    public static Point draw(Expr e, SplittableRandom rng) {
        return draw(e, rng, Map.of(), Map.of());
    }

    /**
     * A point for {@code e}, keeping the caller's {@code fixedDims} (symbol → size) and
     * {@code fixedValues} (variable → value, which also fix the sizes in its shape).
     */
    public static Point draw(Expr e, SplittableRandom rng, Map<String, Integer> fixedDims,
                             Map<String, DMatrixRMaj> fixedValues) {
        return draw(e, List.of(), rng, fixedDims, fixedValues);
    }

    /**
     * A point for {@code e} that also gives values to {@code alsoFor}, variables {@code e} need not
     * mention (one differentiated by although f is constant in it); those are unconstrained.
     */
    public static Point draw(Expr e, List<Var> alsoFor, SplittableRandom rng) {
        return draw(e, alsoFor, rng, Map.of(), Map.of());
    }

    private static Point draw(Expr e, List<Var> alsoFor, SplittableRandom rng, Map<String, Integer> fixedDims,
                              Map<String, DMatrixRMaj> fixedValues) {
        Map<String, Var> vars = new LinkedHashMap<>(Nodes.variables(e));
        for (Var v : alsoFor) vars.putIfAbsent(v.name(), v);
        DimBinding dims = new DimBinding();
        fixedDims.forEach((name, size) -> dims.fix(name, size, "the size " + name + " is fixed to " + size));
        for (Var v : vars.values()) {
            DMatrixRMaj given = fixedValues.get(v.name());
            if (given != null) dims.bind(v, given);
        }
        chooseSizes(vars.values(), dims, rng);

        Map<Var, Constraint> constraints = new LinkedHashMap<>();
        collect(e, Constraint.NONE, constraints, new IdentityHashMap<>());
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        for (Var v : vars.values()) {
            if (v.isDifferential()) continue;
            DMatrixRMaj given = fixedValues.get(v.name());
            values.put(v.name(), given != null ? given.copy()
                    : drawValue(v, dims.size(v.shape().rows()), dims.size(v.shape().cols()),
                    constraints.getOrDefault(v, Constraint.NONE), rng));
        }
        return new Point(Map.copyOf(dims.sizes()), values);
    }

    private static void chooseSizes(Iterable<Var> vars, DimBinding dims, SplittableRandom rng) {
        Set<String> unbound = new LinkedHashSet<>();
        for (Var v : vars)
            for (Dim d : List.of(v.shape().rows(), v.shape().cols()))
                if (d instanceof Dim.Sym s && dims.tryResolve(d).isEmpty()) unbound.add(s.name());
        Set<Integer> used = new HashSet<>(dims.sizes().values());
        List<Integer> pool = new ArrayList<>();
        for (int size = 2; size <= 4; size++) if (!used.contains(size)) pool.add(size);
        for (String name : unbound) {
            int size = pool.isEmpty() ? 2 + rng.nextInt(3) : pool.remove(rng.nextInt(pool.size()));
            dims.fix(name, size, "the size " + name + " is drawn as " + size);
        }
    }

    /**
     * What the functions above a node ask of its entries: an interval (bounds infinite when
     * free), entries away from zero, and for a square matrix invertibility or positive
     * definiteness.
     */
    record Constraint(double lo, double hi, boolean nonzero, boolean invertible, boolean positiveDefinite) {
        static final Constraint NONE = new Constraint(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, false, false);
        static final double POS_LO = 0.5, POS_HI = 2, UNIT = 0.6, SMALL = 1;

        Constraint within(double a, double b) {
            double l = Math.max(lo, a), h = Math.min(hi, b);
            // contradictory demands (log(x) and arcsin(x - 5)...): keep the newer, the caller retries
            return l <= h ? new Constraint(l, h, nonzero, invertible, positiveDefinite)
                    : new Constraint(a, b, nonzero, invertible, positiveDefinite);
        }

        Constraint positive() { return within(POS_LO, POS_HI); }

        Constraint merge(Constraint o) {
            return new Constraint(lo, hi, nonzero || o.nonzero, invertible || o.invertible,
                    positiveDefinite || o.positiveDefinite).within(o.lo, o.hi);
        }

        boolean bounded() {
            return Double.isFinite(lo) && Double.isFinite(hi);
        }
    }

    private static void collect(Expr e, Constraint c, Map<Var, Constraint> out, IdentityHashMap<Expr, Set<Constraint>> seen) {
        if (!seen.computeIfAbsent(e, k -> new HashSet<>()).add(c)) return;
        switch (e) {
            case Var v -> out.merge(v, c, Constraint::merge);
            case Apply a -> collect(a.arg(), switch (a.fn().domain()) {
                case POSITIVE -> c.positive();
                case UNIT -> c.within(-Constraint.UNIT, Constraint.UNIT);
                case SMALL -> c.within(-Constraint.SMALL, Constraint.SMALL);
                case NONZERO -> new Constraint(c.lo(), c.hi(), true, c.invertible(), c.positiveDefinite());
                case ALL -> c;
            }, out, seen);
            case Power p -> {
                boolean integer = p.exponent() instanceof Num n && n.value() == Math.rint(n.value());
                boolean negative = p.exponent() instanceof Num n && n.value() < 0;
                collect(p.base(), integer && !negative ? c : c.positive(), out, seen);
                collect(p.exponent(), Constraint.NONE, out, seen);
            }
            case Call call -> collect(call.arg(), switch (call.fn()) {
                case LOGDET -> new Constraint(c.lo(), c.hi(), c.nonzero(), c.invertible(), true).positive();
                case DET -> new Constraint(c.lo(), c.hi(), c.nonzero(), c.invertible(), true);
                case INV -> new Constraint(c.lo(), c.hi(), c.nonzero(), true, c.positiveDefinite());
                default -> c;
            }, out, seen);
            default -> Nodes.children(e).forEach(child -> collect(child, c, out, seen));
        }
    }

    private static DMatrixRMaj drawValue(Var v, int rows, int cols, Constraint c, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = entry(c, rng);
        boolean square = rows == cols && rows > 1;
        if (square && c.positiveDefinite()) {
            // B·B'/n + I: symmetric, eigenvalues ≥ 1; with B's entries in [0.5, 2] its entries stay positive
            DMatrixRMaj spd = new DMatrixRMaj(rows, rows);
            CommonOps_DDRM.multTransB(1.0 / rows, m, m, spd);
            for (int i = 0; i < rows; i++) spd.add(i, i, 1);
            return spd;
        }
        if (v.isSymmetric() && square) {
            // the upper triangle mirrored, exactly symmetric (as the API demands of a symmetric value), each
            // entry still drawn under its constraint (an average of two entries could land on a kink at 0)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < i; j++) m.set(i, j, m.get(j, i));
        }
        if (square && c.invertible()) {
            // strictly diagonally dominant with a positive diagonal: invertible, and stays so when added up
            for (int i = 0; i < rows; i++) {
                double off = 0;
                for (int j = 0; j < cols; j++) if (j != i) off += Math.abs(m.get(i, j));
                m.set(i, i, off + Math.abs(m.get(i, i)) + 0.5);
            }
        }
        return m;
    }

    private static double entry(Constraint c, SplittableRandom rng) {
        for (int tries = 0; ; tries++) {
            double x = c.bounded() ? c.lo() + (c.hi() - c.lo()) * rng.nextDouble()
                    : Math.min(c.hi(), Math.max(c.lo(), rng.nextGaussian()));
            if (!c.nonzero() || Math.abs(x) >= 0.1 || tries > 100) return x;
        }
    }
}
