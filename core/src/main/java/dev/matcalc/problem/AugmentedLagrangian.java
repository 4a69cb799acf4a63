package dev.matcalc.problem;

import dev.matcalc.compile.Plan;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.optimization.ConstrainedProblem;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constrained problem min f(x) s.t. g(x) ≤ 0, h(x) = 0 with the augmented Lagrangian written
 * as one matcalc expression (Powell–Hestenes–Rockafellar; Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, 2nd ed., §17.4):
 * <pre>
 * L(x; λ, μ, ρ) = f(x) + ρ/2·( Σₖ sum(relu(gₖ(x) + λₖ/ρ).^2) + Σₗ sum((hₗ(x) + μₗ/ρ).^2) )
 * </pre>
 * with one multiplier λₖ (μₗ) of each constraint's shape and the penalty ρ as parameters (the
 * squared norms written as sums of squares: the same numbers, and derivatives that never divide by
 * a norm, which is 0 while every constraint is inactive). Its
 * gradient is derived symbolically and compiled once; an outer iteration changes only the
 * parameters' values. The constraints' Jacobian is never formed: what the gradient needs of it,
 * Jᵀ·relu(g + λ/ρ), is what the calculus derives from the expression.
 *
 * <p>The multipliers and the constraint values are flat: constraint after constraint, each one's
 * entries by rows (its value's layout), as {@link #describeInequality} names them.
 */
public final class AugmentedLagrangian implements ConstrainedProblem {
    private final Packing packing;
    private final DifferentiableFunction objective;
    private final DifferentiableFunction remote;
    private final CompiledObjective penalized;
    private final Expr expression;
    private final List<TypedConstraint> inequalities = new ArrayList<>(), equalities = new ArrayList<>();
    private final List<Var> lambdas = new ArrayList<>(), mus = new ArrayList<>();
    private final Var rho = new Var("ρ", Shape.SCALAR);
    private final int[] inequalityOffsets, equalityOffsets;
    private final int[][] inequalitySizes, equalitySizes;
    private final Plan constraintPlan;
    private final DMatrixRMaj[] point;

    /**
     * @param objective   the function to minimize, f
     * @param constraints the constraints that are not bounds, in normal form
     * @param data        the parameters' values
     */
    AugmentedLagrangian(CompiledObjective objective, List<TypedConstraint> constraints, Map<String, DMatrixRMaj> data) {
        this(objective.packing(), objective, objective.function(), null, constraints, data);
    }

    /**
     * For an objective f = c + d whose part c is an expression compiled with the penalty, and whose
     * part d (the rows of a table held elsewhere) is added at each evaluation.
     *
     * @param objective    f, for reports
     * @param compiledPart c
     * @param remote       d, or null
     */
    AugmentedLagrangian(Packing packing, DifferentiableFunction objective, Expr compiledPart, DifferentiableFunction remote,
                        List<TypedConstraint> constraints, Map<String, DMatrixRMaj> data) {
        this.packing = packing;
        this.objective = objective;
        this.remote = remote;
        for (TypedConstraint c : constraints) (c.equality() ? equalities : inequalities).add(c);
        this.point = packing.buffers();
        Map<String, DMatrixRMaj> at = new HashMap<>(data);
        for (int k = 0; k < point.length; k++) at.put(packing.slots().get(k).variable().name(), point[k]);
        Evaluator sizes = new Evaluator(at);
        inequalitySizes = sizes(inequalities, sizes);
        equalitySizes = sizes(equalities, sizes);
        inequalityOffsets = offsets(inequalitySizes);
        equalityOffsets = offsets(equalitySizes);

        Map<String, DMatrixRMaj> parameters = new LinkedHashMap<>(data);
        parameters.put(rho.name(), new DMatrixRMaj(1, 1, true, 1));
        List<Expr> terms = new ArrayList<>();
        for (int k = 0; k < inequalities.size(); k++) {
            Var lambda = new Var("λ" + (k + 1), inequalities.get(k).expr().shape());
            lambdas.add(lambda);
            parameters.put(lambda.name(), new DMatrixRMaj(inequalitySizes[k][0], inequalitySizes[k][1]));
            terms.add(squares(Exprs.apply(Fn.RELU, shifted(inequalities.get(k).expr(), lambda))));
        }
        for (int l = 0; l < equalities.size(); l++) {
            Var mu = new Var("μ" + (l + 1), equalities.get(l).expr().shape());
            mus.add(mu);
            parameters.put(mu.name(), new DMatrixRMaj(equalitySizes[l][0], equalitySizes[l][1]));
            terms.add(squares(shifted(equalities.get(l).expr(), mu)));
        }
        this.expression = terms.isEmpty() ? compiledPart
                : Exprs.add(compiledPart, Exprs.mul(Exprs.num(0.5), rho, Exprs.add(terms)));
        this.penalized = new CompiledObjective(expression, packing, parameters);

        List<Expr> roots = new ArrayList<>();
        inequalities.forEach(c -> roots.add(c.expr()));
        equalities.forEach(c -> roots.add(c.expr()));
        this.constraintPlan = roots.isEmpty() ? null : Plan.compile(roots, new Evaluator(at));
        if (constraintPlan != null) constraintPlan.setAll(at);
    }

    /** c + m/ρ */
    private Expr shifted(Expr c, Var multiplier) {
        return Exprs.add(c, Exprs.mul(multiplier, Exprs.pow(rho, Num.MINUS_ONE)));
    }

    /** sum(u.^2) */
    private static Expr squares(Expr u) {
        return Exprs.call(MatFn.SUM, Exprs.pow(u, Num.TWO));
    }

    private static int[][] sizes(List<TypedConstraint> cs, Evaluator at) {
        int[][] out = new int[cs.size()][];
        for (int k = 0; k < cs.size(); k++) out[k] = at.bind(cs.get(k).expr()).size(cs.get(k).expr().shape());
        return out;
    }

    private static int[] offsets(int[][] sizes) {
        int[] out = new int[sizes.length + 1];
        for (int k = 0; k < sizes.length; k++) out[k + 1] = Math.addExact(out[k], sizes[k][0] * sizes[k][1]);
        return out;
    }

    /** The augmented Lagrangian as an expression, with its parameters λ1, …, μ1, …, ρ. */
    public Expr expression() {
        return expression;
    }

    public List<TypedConstraint> inequalityConstraints() {
        return List.copyOf(inequalities);
    }

    public List<TypedConstraint> equalityConstraints() {
        return List.copyOf(equalities);
    }

    @Override
    public int dimension() {
        return packing.dimension();
    }

    @Override
    public int inequalities() {
        return inequalityOffsets[inequalityOffsets.length - 1];
    }

    @Override
    public int equalities() {
        return equalityOffsets[equalityOffsets.length - 1];
    }

    @Override
    public DifferentiableFunction objective() {
        return objective;
    }

    /** g(x) and h(x), flat; NaN where x is outside their domain. */
    @Override
    public void constraints(double[] x, double[] g, double[] h) {
        if (constraintPlan == null) return;
        packing.unpack(x, point);
        try {
            constraintPlan.run();
        } catch (SourceError outsideDomain) {
            Arrays.fill(g, Double.NaN);
            Arrays.fill(h, Double.NaN);
            return;
        }
        for (int k = 0; k < inequalities.size(); k++)
            copy(constraintPlan.result(k), g, inequalityOffsets[k]);
        for (int l = 0; l < equalities.size(); l++)
            copy(constraintPlan.result(inequalities.size() + l), h, equalityOffsets[l]);
    }

    private static void copy(DMatrixRMaj m, double[] into, int offset) {
        System.arraycopy(m.data, 0, into, offset, m.getNumElements());
    }

    @Override
    public DifferentiableFunction lagrangian(double[] lambda, double[] mu, double rho) {
        if (lambda.length != inequalities())
            throw new IllegalArgumentException("λ has " + lambda.length + " entries; there are " + inequalities() + " inequalities");
        if (mu.length != equalities())
            throw new IllegalArgumentException("μ has " + mu.length + " entries; there are " + equalities() + " equalities");
        if (!(rho > 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("ρ must be positive and finite, got " + rho);
        return new Penalized(split(lambda, inequalitySizes, inequalityOffsets), split(mu, equalitySizes, equalityOffsets), rho);
    }

    private static DMatrixRMaj[] split(double[] flat, int[][] sizes, int[] offsets) {
        DMatrixRMaj[] out = new DMatrixRMaj[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            out[k] = new DMatrixRMaj(sizes[k][0], sizes[k][1]);
            System.arraycopy(flat, offsets[k], out[k].data, 0, out[k].getNumElements());
        }
        return out;
    }

    /** What inequality entry i is: {@code constraint 2 (A*x <= b), entry 3}. */
    public String describeInequality(int i) {
        return describe(i, inequalities, inequalitySizes, inequalityOffsets);
    }

    public String describeEquality(int i) {
        return describe(i, equalities, equalitySizes, equalityOffsets);
    }

    private static String describe(int i, List<TypedConstraint> cs, int[][] sizes, int[] offsets) {
        for (int k = 0; k < cs.size(); k++) {
            if (i >= offsets[k + 1]) continue;
            int local = i - offsets[k];
            String what = cs.get(k).describe();
            if (sizes[k][0] * sizes[k][1] == 1) return what;
            return what + ", entry " + (sizes[k][1] == 1 || sizes[k][0] == 1 ? String.valueOf(local + 1)
                    : "[" + (local / sizes[k][1] + 1) + "," + (local % sizes[k][1] + 1) + "]");
        }
        throw new IndexOutOfBoundsException("entry " + i);
    }

    /**
     * L for one choice of λ, μ, ρ: the shared compiled Lagrangian, with these values bound before
     * each evaluation (so that functions for several choices can be used side by side).
     */
    private final class Penalized implements DifferentiableFunction {
        private final DMatrixRMaj[] lambda, mu;
        private final DMatrixRMaj rhoValue;

        Penalized(DMatrixRMaj[] lambda, DMatrixRMaj[] mu, double rho) {
            this.lambda = lambda;
            this.mu = mu;
            this.rhoValue = new DMatrixRMaj(1, 1, true, rho);
        }

        private void bind() {
            for (int k = 0; k < lambda.length; k++) penalized.bind(lambdas.get(k).name(), lambda[k]);
            for (int l = 0; l < mu.length; l++) penalized.bind(mus.get(l).name(), mu[l]);
            penalized.bind(rho.name(), rhoValue);
        }

        @Override
        public int dimension() {
            return packing.dimension();
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            bind();
            double v = penalized.valueAndGradient(x, gradient);
            if (remote == null || !Double.isFinite(v)) return v;
            double[] g = new double[gradient.length];
            double d = remote.valueAndGradient(x, g);
            for (int i = 0; i < g.length; i++) gradient[i] += g[i];
            return v + d;
        }

        @Override
        public boolean hasHessianVectorProduct() {
            if (remote != null) return false;           // the table's part has no Hessian-vector product
            return penalized.hasHessianVectorProduct();
        }

        @Override
        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            bind();
            penalized.hessianVectorProduct(x, v, out);
        }
    }
}
