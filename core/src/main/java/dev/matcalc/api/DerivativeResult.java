package dev.matcalc.api;

import dev.matcalc.explain.Derivation;
import dev.matcalc.explain.Explainer;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Refs;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Derivatives;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.render.CommonSubexpressions;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A derivative, ready to show (text, Unicode, LaTeX) and to evaluate. */
public final class DerivativeResult {
    private final Expression of;
    private final Derivative derivative;

    DerivativeResult(Expression of, Derivative derivative) {
        this.of = of;
        this.derivative = derivative;
    }

    public Derivative derivative() {
        return derivative;
    }

    public Layout layout() {
        return derivative.layout();
    }

    public Derivative.Kind kind() {
        return derivative.kind();
    }

    /** The matrix form, or for a tensor the differential dF = ... it is read from. */
    public Expr expr() {
        return derivative.hasMatrixForm() ? derivative.matrix() : derivative.differential();
    }

    /**
     * The step-by-step derivation of this first derivative (intermediates, local derivatives,
     * chain rule, simplification), ending at this answer.
     */
    public Derivation steps() {
        if (derivative.order() != 1)
            throw new SourceError("step-by-step derivations are shown for first derivatives, not order " + derivative.order());
        return Explainer.explain(of.expr(), derivative.wrt().get(0), derivative.layout());
    }

    /** The shape of the matrix form, or null for a tensor. */
    public Shape shape() {
        return derivative.shape();
    }

    /** The answer with its named parts: the named subterms (Y1, dY1, G_Y1) first, then repeated ones (t0). */
    public CommonSubexpressions.Named named() {
        List<CommonSubexpressions.Definition> definitions = new ArrayList<>();
        for (Ref r : Refs.definitions(expr())) definitions.add(new CommonSubexpressions.Definition(r.name(), r.value()));
        CommonSubexpressions.Named repeated = CommonSubexpressions.name(expr());
        definitions.addAll(repeated.definitions());
        return new CommonSubexpressions.Named(repeated.body(), definitions);
    }

    /** Valid matcalc input: the definitions of named subterms (one per line), then the answer. */
    public String toText() {
        CommonSubexpressions.Named n = named();
        StringBuilder sb = new StringBuilder();
        for (CommonSubexpressions.Definition d : n.definitions())
            sb.append(d.name()).append(" = ").append(Render.text(d.value())).append('\n');
        return sb.append(Render.text(n.body())).toString();
    }

    /** Unicode: the answer, then {@code where t0 = ...}. */
    public String toPretty() {
        CommonSubexpressions.Named n = named();
        StringBuilder sb = new StringBuilder(Render.pretty(n.body()));
        for (CommonSubexpressions.Definition d : n.definitions())
            sb.append("\n  where ").append(d.name()).append(" = ").append(Render.pretty(d.value()));
        return sb.toString();
    }

    public String toLatex() {
        CommonSubexpressions.Named n = named();
        StringBuilder sb = new StringBuilder(Render.latex(n.body()));
        if (!n.definitions().isEmpty()) {
            sb.append(",\\quad\\text{where } ");
            sb.append(n.definitions().stream()
                    .map(d -> Render.latex(new Var(d.name(), d.value().shape())) + " = " + Render.latex(d.value()))
                    .collect(Collectors.joining(",\\ ")));
        }
        return sb.toString();
    }

    /**
     * The vec / Kronecker form of a derivative with no matrix form (one direction), or null:
     * d vec(F)/d vec(X)' read off the differential.
     */
    public dev.matcalc.tensor.KroneckerForm kronecker() {
        if (derivative.hasMatrixForm() || derivative.directions().size() != 1
                || !Refs.definitions(derivative.differential()).isEmpty()) return null;
        return dev.matcalc.tensor.KroneckerForm.of(Refs.unwrap(derivative.differential()), derivative.directions().get(0));
    }

    /**
     * The entries in index notation; null for block literals and for differentials with named
     * parts (written out, those would lose the sharing that keeps them small).
     */
    public dev.matcalc.tensor.IndexNotation.Form indexNotation() {
        if (!Refs.definitions(derivative.differential()).isEmpty()) return null;
        return dev.matcalc.tensor.IndexNotation.of(derivative.base(), Refs.unwrap(derivative.differential()),
                derivative.directions());
    }

    /** What the answer is: "gradient of a scalar w.r.t. x (n×1), numerator layout: 1×n". */
    public String describe() {
        String wrt = derivative.wrt().stream().map(v -> v.name() + " (" + v.shape() + ")")
                .distinct().collect(Collectors.joining(", "));
        String what = derivative.kind().label() + " of a " + derivative.function().shape().kind()
                + " (" + derivative.function().shape() + ") w.r.t. " + wrt;
        if (!derivative.hasMatrixForm())
            return what + ": a tensor of order " + derivative.numericAxes().size() + " ("
                    + dev.matcalc.shapes.Shape.times(derivative.numericAxes().toArray(String[]::new)) + ") with no matrix form, shown as its differential "
                    + differentialName() + " (layout-free)";
        return what + ", " + derivative.layout().label() + " layout: " + shape();
    }

    /**
     * What the differential shown is the differential of: dF for a first derivative, else of the
     * derivative one order down, named with its variables: {@code d(∂f/∂U)}, {@code d(∂²f/∂x∂y)}.
     */
    private String differentialName() {
        int below = derivative.order() - 1;
        if (below == 0) return "dF";
        String by = derivative.wrt().subList(0, below).stream().map(v -> "∂" + v.name()).collect(Collectors.joining());
        String power = below == 1 ? "" : String.valueOf("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(Math.min(below, 9)));
        return "d(∂" + power + "f/" + by + ")";
    }

    /**
     * The derivative's numbers in the convention shape(f) + shape(wrt₁) + …, whatever the layout.
     * Computed from the matrix form when there is one (so the shown answer is what is checked).
     */
    public Tensor evaluate(Map<String, ?> values) {
        Map<String, DMatrixRMaj> matrices = Points.toMatrices(values, of.variables());
        Limits.checkValues(matrices);
        Evaluator at = at(derivative, matrices);
        long entries = Limits.entries(at.size(derivative.function().shape()));
        for (Var v : derivative.wrt()) entries = Limits.times(entries, Limits.entries(at.size(v.shape())));
        Limits.checkEntries(entries, "the derivative at this point");
        if (derivative.hasMatrixForm()) return fromMatrix(at.bind(derivative.matrix()).eval(derivative.matrix()), at);
        return evaluateDifferential(at);
    }

    /**
     * This derivative compiled into an evaluation plan, to evaluate many times fast (shared subterms
     * once, products ordered by cost and sent to BLAS, buffers reused); see {@link CompiledDerivative}.
     */
    public CompiledDerivative compile() {
        return new CompiledDerivative(derivative);
    }

    /** The numbers read off the differential on basis directions: an independent path to the same tensor. */
    public Tensor evaluateDifferential(Map<String, ?> values) {
        return evaluateDifferential(at(derivative, Points.toMatrices(values, of.variables())));
    }

    /**
     * An evaluator at {@code values}, its sizes bound from f's variables and from the variables
     * differentiated by: a declared variable that f does not mention has sizes of its own.
     */
    static Evaluator at(Derivative derivative, Map<String, DMatrixRMaj> values) {
        Evaluator at = new Evaluator(values).bind(derivative.function());
        for (Var v : derivative.wrt()) at.bind(v);
        return at;
    }

    private Tensor evaluateDifferential(Evaluator at) {
        List<Var> dirs = derivative.directions();
        Shape base = derivative.base().shape();
        return switch (dirs.size()) {
            case 1 -> Derivatives.fromLinear(derivative.differential(), dirs.get(0), base, at);
            case 2 -> Derivatives.fromLinear2(derivative.differential(), dirs.get(0), dirs.get(1), base, at);
            default -> throw new SourceError("numbers for this derivative of order " + dirs.size()
                    + " are not available: it has no matrix form at order " + (dirs.size() - 1));
        };
    }

    /** Undo the layout: the numerator-layout entries, in the shape(f)+shape(wrt) order. */
    private Tensor fromMatrix(DMatrixRMaj m, Evaluator at) {
        // the last differentiation step was a gradient when it took a scalar to a non-scalar
        boolean gradientStep = derivative.base().isScalar() && !derivative.wrt().get(derivative.order() - 1).isScalar();
        boolean transposed = derivative.layout() == Layout.DENOMINATOR ? !gradientStep
                : derivative.layout() == Layout.NUMERATOR && gradientStep;
        DMatrixRMaj numerator = transposed ? org.ejml.dense.row.CommonOps_DDRM.transpose(m, null) : m;
        List<Integer> axes = new ArrayList<>();
        int[] fSize = at.size(derivative.function().shape());
        addAxes(derivative.function().shape(), fSize, axes);
        for (Var v : derivative.wrt()) addAxes(v.shape(), at.size(v.shape()), axes);
        return new Tensor(axes.stream().mapToInt(Integer::intValue).toArray(), numerator.getData().clone());
    }

    private static void addAxes(Shape s, int[] size, List<Integer> axes) {
        if (!s.rows().isOne()) axes.add(size[0]);
        if (!s.cols().isOne()) axes.add(size[1]);
    }

    @Override
    public String toString() {
        return toText();
    }
}
