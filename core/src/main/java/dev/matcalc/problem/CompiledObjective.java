package dev.matcalc.problem;

import dev.matcalc.api.Work;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Differentiation;
import dev.matcalc.calculus.Layout;
import dev.matcalc.compile.Plan;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scalar expression as a {@link DifferentiableFunction} of the packed variables ({@link Packing}):
 * its gradient by every variable is derived symbolically once (in the variable's shape), and the
 * value and all the gradients are compiled into one {@link Plan} (shared subterms computed once, the
 * same machinery as {@link dev.matcalc.api.CompiledDerivative}), evaluated together at every call.
 * An evaluation copies x into the variables' matrices and the gradients out of the plan's buffers,
 * and allocates nothing.
 *
 * <p>Hessian-vector products come from the differential of the gradient with the direction bound
 * (as {@link dev.matcalc.api.CompiledDerivative#hvp} computes them, here for every pair of
 * variables in one plan): H·v = Σⱼ d(∇ᵢf)[vⱼ], the Hessian never formed. They are derived on first
 * use.
 *
 * <p>Outside the function's domain (a value or gradient that is NaN or infinite, or a matrix the
 * function inverts that is singular) the value is +Inf and the gradient NaN: a line search backs
 * off, nothing is thrown. Parameters (data, multipliers) are bound by reference and may be replaced
 * between evaluations ({@link #bind}). Not thread-safe: the plan's buffers are reused.
 */
public final class CompiledObjective implements DifferentiableFunction {
    private final Expr function;
    private final Packing packing;
    private final List<Expr> gradients = new ArrayList<>();
    private final Map<String, DMatrixRMaj> parameters;
    private final DMatrixRMaj[] point;
    private final Plan plan;
    private Plan hvpPlan;
    private DMatrixRMaj[] directions;
    private boolean hvpSought;

    /**
     * @param function   a scalar expression of the packed variables and the parameters
     * @param parameters a value for every other variable of {@code function}, kept by reference
     */
    public CompiledObjective(Expr function, Packing packing, Map<String, DMatrixRMaj> parameters) {
        if (!function.isScalar()) throw new IllegalArgumentException("a function to minimize is a scalar, got " + function.shape());
        this.function = function;
        this.packing = packing;
        this.parameters = new LinkedHashMap<>(parameters);
        this.point = packing.buffers();
        Work.call(() -> {
            for (Packing.Slot s : packing.slots())
                gradients.add(Differentiation.derivative(function, List.of(s.variable()), Layout.MIXED).matrix());
            return null;
        });
        List<Expr> roots = new ArrayList<>();
        roots.add(function);
        roots.addAll(gradients);
        this.plan = Plan.compile(roots, sized(values(Map.of())));
        plan.setAll(this.parameters);
        for (int k = 0; k < point.length; k++) plan.set(packing.slots().get(k).variable().name(), point[k]);
    }

    /**
     * An evaluator with every variable's sizes bound, also of a variable the function does not
     * contain (its gradient is a zero of its shape: the objective {@code s} of a minimax after
     * {@link MaxReformulation}, where the original variables occur only in constraints).
     */
    private Evaluator sized(Map<String, DMatrixRMaj> values) {
        Evaluator at = new Evaluator(values);
        for (Packing.Slot s : packing.slots()) at.bind(s.variable());
        return at;
    }

    /** The parameters and the variables' buffers (and {@code more}), by name, for compiling a plan. */
    private Map<String, DMatrixRMaj> values(Map<String, DMatrixRMaj> more) {
        Map<String, DMatrixRMaj> all = new HashMap<>(parameters);
        for (int k = 0; k < point.length; k++) all.put(packing.slots().get(k).variable().name(), point[k]);
        all.putAll(more);
        return all;
    }

    public Expr function() {
        return function;
    }

    /** The gradient by each variable, in the variable's shape (the projection (G + G')/2 for a symmetric one). */
    public List<Expr> gradients() {
        return List.copyOf(gradients);
    }

    public Packing packing() {
        return packing;
    }

    @Override
    public int dimension() {
        return packing.dimension();
    }

    /** Replaces a parameter's value (same size), read by reference from the next evaluation on. */
    void bind(String name, DMatrixRMaj value) {
        if (!parameters.containsKey(name)) throw new IllegalArgumentException("no parameter " + name);
        parameters.put(name, value);
        plan.set(name, value);
        if (hvpPlan != null) hvpPlan.set(name, value);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        checkLength(x, "x");
        checkLength(gradient, "the gradient");
        packing.unpack(x, point);
        try {
            plan.run();
        } catch (SourceError outsideDomain) {           // a singular matrix under inv
            Arrays.fill(gradient, Double.NaN);
            return Double.POSITIVE_INFINITY;
        }
        double value = plan.result(0).data[0];
        for (int k = 0; k < gradients.size(); k++) packing.packGradient(k, plan.result(k + 1), 1, gradient);
        if (!Double.isFinite(value) || !allFinite(gradient)) {
            Arrays.fill(gradient, Double.NaN);
            return Double.POSITIVE_INFINITY;
        }
        return value;
    }

    /** The value alone (+Inf outside the domain); for reports, not for a solver's inner loop. */
    public double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }

    @Override
    public boolean hasHessianVectorProduct() {
        if (!hvpSought) {
            hvpSought = true;
            try {
                hvpPlan = Work.call(this::compileHessianVectorProduct);
            } catch (SourceError tooLarge) {          // an UnsupportedDerivative: no second derivative to use
                hvpPlan = null;
            }
        }
        return hvpPlan != null;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        if (!hasHessianVectorProduct())
            throw new UnsupportedOperationException("no Hessian-vector product for " + dev.matcalc.render.Render.text(function));
        checkLength(x, "x");
        checkLength(v, "v");
        checkLength(out, "the product");
        packing.unpack(x, point);
        packing.unpack(v, directions);
        try {
            hvpPlan.run();
        } catch (SourceError outsideDomain) {
            Arrays.fill(out, Double.NaN);
            return;
        }
        for (int k = 0; k < gradients.size(); k++) packing.packGradient(k, hvpPlan.result(k), 1, out);
    }

    /** Σⱼ d(∇ᵢf)[dxⱼ] for each variable i, compiled with the directions as inputs; null where names collide. */
    private Plan compileHessianVectorProduct() {
        List<Packing.Slot> slots = packing.slots();
        Set<String> taken = new HashSet<>(values(Map.of()).keySet());
        Map<String, DMatrixRMaj> dirs = new LinkedHashMap<>();
        List<Var> directionVars = new ArrayList<>();
        directions = packing.buffers();
        List<Expr> roots = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            List<Expr> terms = new ArrayList<>();
            for (int j = 0; j < slots.size(); j++) {
                Derivative d = Differentiation.derivative(gradients.get(i), List.of(slots.get(j).variable()), Layout.MIXED);
                Var dir = d.directions().get(0);
                if (i == 0) {
                    if (taken.contains(dir.name())) return null;   // a variable named like the direction (x and dx)
                    directionVars.add(dir);
                    dirs.put(dir.name(), directions[j]);
                }
                terms.add(d.differential());
            }
            Expr sum = Exprs.add(terms);
            roots.add(sum.shape().equals(gradients.get(i).shape()) ? sum : Nodes.expand(sum, gradients.get(i)));
        }
        Plan p = Plan.compile(roots, sized(values(dirs)));
        p.setAll(parameters);
        for (int k = 0; k < point.length; k++) p.set(slots.get(k).variable().name(), point[k]);
        p.setAll(dirs);
        return p;
    }

    private void checkLength(double[] a, String what) {
        if (a.length != packing.dimension())
            throw new IllegalArgumentException(what + " has " + a.length + " entries; the function has " + packing.dimension() + " variables");
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }
}
