package dev.matcalc.problem;

import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Var;
import dev.matcalc.optimization.ConstrainedProblem;
import dev.matcalc.optimization.DifferentiableFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * logdet(S) of a symmetric variable S is defined, and concave, where S is positive definite; the
 * evaluator computes log(det(S)) (NumPy's convention), which also has a value where S is
 * indefinite with an even number of negative eigenvalues. A solver that wanders there finds
 * log det growing without bound (maximizing logdet(S) - tr(S*C) went to f = 4464 and failed, for
 * a problem whose maximum is finite). This guard makes such points outside the domain (f = +∞,
 * as {@link CompiledObjective} reports any point without a value), so that the line searches back
 * off into the cone, as they do for log of a negative number.
 */
final class DefiniteDomain {
    /** Indices into the packing's slots of the guarded variables. */
    private final int[] guarded;
    private final DMatrixRMaj[] buffers;
    private final CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(true);

    private DefiniteDomain(int[] guarded, Packing packing) {
        this.guarded = guarded;
        this.buffers = packing.buffers();
    }

    /** The guard for the symmetric variables under logdet in {@code exprs}, or null when there are none. */
    static DefiniteDomain of(Packing packing, List<Expr> exprs) {
        Set<Var> under = new LinkedHashSet<>();
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        for (Expr e : exprs) collect(e, under, seen);
        List<Integer> guarded = new ArrayList<>();
        for (int k = 0; k < packing.slots().size(); k++) {
            Packing.Slot s = packing.slots().get(k);
            if (s.symmetric() && under.contains(s.variable())) guarded.add(k);
        }
        return guarded.isEmpty() ? null : new DefiniteDomain(guarded.stream().mapToInt(Integer::intValue).toArray(), packing);
    }

    private static void collect(Expr e, Set<Var> under, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return;
        if (e instanceof Call c && c.fn() == MatFn.LOGDET) {
            Expr arg = c.arg() instanceof Ref r ? r.value() : c.arg();
            if (arg instanceof Transpose t) arg = t.arg();
            if (arg instanceof Var v && v.kind() == Var.Kind.SYMMETRIC) under.add(v);
        }
        if (e instanceof Ref r) collect(r.value(), under, seen);
        for (Expr child : Nodes.children(e)) collect(child, under, seen);
    }

    /** Whether every guarded variable is positive definite at x. */
    private boolean inside(double[] x, Packing packing) {
        packing.unpack(x, buffers);
        for (int k : guarded) if (!cholesky.decompose(buffers[k].copy())) return false;
        return true;
    }

    DifferentiableFunction guard(DifferentiableFunction f, Packing packing) {
        return new DifferentiableFunction() {
            public int dimension() {
                return f.dimension();
            }

            public double valueAndGradient(double[] x, double[] gradient) {
                if (!inside(x, packing)) {
                    Arrays.fill(gradient, Double.NaN);
                    return Double.POSITIVE_INFINITY;
                }
                return f.valueAndGradient(x, gradient);
            }

            public boolean hasHessianVectorProduct() {
                return f.hasHessianVectorProduct();
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                if (!inside(x, packing)) {
                    Arrays.fill(out, Double.NaN);
                    return;
                }
                f.hessianVectorProduct(x, v, out);
            }
        };
    }

    ConstrainedProblem guard(ConstrainedProblem p, Packing packing) {
        DifferentiableFunction objective = guard(p.objective(), packing);
        return new ConstrainedProblem() {
            public int dimension() {
                return p.dimension();
            }

            public int inequalities() {
                return p.inequalities();
            }

            public int equalities() {
                return p.equalities();
            }

            public DifferentiableFunction objective() {
                return objective;
            }

            public void constraints(double[] x, double[] g, double[] h) {
                p.constraints(x, g, h);
            }

            public DifferentiableFunction lagrangian(double[] lambda, double[] mu, double rho) {
                return guard(p.lagrangian(lambda, mu, rho), packing);
            }
        };
    }
}
