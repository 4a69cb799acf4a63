package dev.matcalc.api;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Differentiation;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Typed;
import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A parsed, typed expression: differentiate it, evaluate it, render it. */
public final class Expression {
    private final Typed typed;

    public Expression(Typed typed) {
        Limits.checkExpression(typed.expr(), typed.source());
        this.typed = typed;
    }

    public Typed typed() {
        return typed;
    }

    public Expr expr() {
        return typed.expr();
    }

    /** The variables a user can differentiate by, in order of first appearance. */
    public List<Var> variables() {
        return typed.variables();
    }

    /**
     * The variable {@code name}: one that occurs, or one declared that does not (f is constant in
     * it, so a derivative by it is the zero of its shape). An undeclared name that does not occur
     * is an error: it is more likely a typo than a question.
     */
    public Var variable(String name) {
        return typed.variable(name).or(() -> typed.absent(name)).orElseThrow(() -> new SourceError("'" + name
                + "' does not occur in the expression"
                + (typed.variables().isEmpty() ? "" : "; its variables are " + String.join(", ",
                typed.variables().stream().map(Var::name).toList()))
                + " (declare its shape to differentiate by it all the same: the derivative is zero)"));
    }

    /** Whether {@code v} is a declared variable that does not occur in the expression. */
    public boolean isAbsent(Var v) {
        return typed.absent().contains(v);
    }

    /** The first derivative by one variable, or a higher one: {@code derivative("x", "x")} is the Hessian. */
    public DerivativeResult derivative(String... wrt) {
        return derivative(Layout.NUMERATOR, wrt);
    }

    public DerivativeResult derivative(Layout layout, String... wrt) {
        List<Var> vars = new ArrayList<>();
        for (String name : wrt) vars.add(variable(name));
        return derivative(layout, vars);
    }

    public DerivativeResult derivative(Layout layout, List<Var> wrt) {
        Limits.checkOrder(wrt.size());
        Derivative d = Work.call(typed.source(), () -> Differentiation.derivative(typed.expr(), wrt, layout));
        Limits.checkAnswer(d.differential());
        if (d.hasMatrixForm()) Limits.checkAnswer(d.matrix());
        return new DerivativeResult(this, d);
    }

    /** Step-by-step derivations of the first derivative, one per variable. */
    public List<dev.matcalc.explain.Derivation> explain(Layout layout, String... wrt) {
        List<Var> vars = new ArrayList<>();
        for (String name : wrt) vars.add(variable(name));
        return dev.matcalc.explain.Explainer.explain(typed.expr(), vars, layout);
    }

    /** The k-th derivative by one variable. */
    public DerivativeResult derivative(Layout layout, String wrt, int order) {
        if (order < 1) throw new SourceError("the order of a derivative must be at least 1, got " + order);
        return derivative(layout, Collections.nCopies(order, variable(wrt)));
    }

    /** The value at a point; values are numbers, double[] (vectors), double[][] (rows), EJML matrices or {@link dev.matcalc.data.DataValue}s. */
    public Tensor evaluate(Map<String, ?> values) {
        Map<String, org.ejml.data.DMatrixRMaj> matrices = Points.toMatrices(values, typed.variables());
        Limits.checkValues(matrices);
        Evaluator at = new Evaluator(matrices).bind(typed.expr());
        Limits.checkEntries(Limits.entries(at.size(typed.expr().shape())), "the value");
        return Points.toTensor(at.eval(typed.expr()), typed.expr().shape());
    }

    public String toText() {
        return Render.text(typed.expr());
    }

    public String toLatex() {
        return Render.latex(typed.expr());
    }

    @Override
    public String toString() {
        return toText();
    }
}
