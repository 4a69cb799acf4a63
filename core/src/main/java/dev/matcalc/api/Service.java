package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Stacking;
import dev.matcalc.codegen.CodeGen;
import dev.matcalc.codegen.Target;
import dev.matcalc.data.DataValue;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.render.CommonSubexpressions;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.shapes.Typed;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers a {@link Request}: the one code path behind the CLI's output and the HTTP API. */
public final class Service {
    private Service() { }

    public static Answer derive(Request request) {
        return Work.call(() -> answer(request));
    }

    private static Answer answer(Request request) {
        if (request.expr() == null || request.expr().isBlank()) throw new SourceError("empty expression");
        if (request.order() < 1) throw new SourceError("the order must be at least 1, got " + request.order());
        Map<String, Declaration> lets = declarations(request.let());
        Limits.checkOrder(request.order());
        Map<String, DataValue> given = request.at() == null ? Map.of() : Points.fromJsonObject(request.at());
        Map<String, DMatrixRMaj> point = request.at() == null ? null : DataValue.matrices(given);
        if (point != null) Limits.checkValues(point);
        Expression expression = MatCalc.parse(request.expr(), lets, DataValue.shapes(given));
        Typed typed = expression.typed();
        List<DerivativeResult> results = derivatives(expression, request);
        Tensor fValue = point == null ? null : expression.evaluate(point);
        // where f is not defined (log of a negative number, logdet of a singular matrix) neither is
        // its derivative, whatever number the derivative's formula gives there: report NaN
        boolean defined = fValue == null || allFinite(fValue);
        List<Answer.Part> parts = new ArrayList<>();
        for (DerivativeResult r : results) {
            Answer.Part p = part(expression, r, request, defined ? point : null);
            parts.add(defined ? p : undefined(p, r, point));
        }

        Answer.Part stacked = null;
        if (results.size() > 1) {
            Expr s = Stacking.stack(results.stream().map(DerivativeResult::derivative).toList());
            if (s != null) stacked = stackedPart(s, results, request);
        }
        Answer.Numbers value = null;
        if (fValue != null) value = new Answer.Numbers(fValue.toNested(), fValue.shape());
        Map<String, Answer.VariableInfo> vars = new LinkedHashMap<>();
        for (Var v : typed.variables())
            vars.put(v.name(), new Answer.VariableInfo(declaration(v), typed.isDeclared(v.name()) ? "declared" : "inferred"));
        List<String> notes = new ArrayList<>();
        for (DerivativeResult r : results)
            for (Var v : r.derivative().wrt())
                if (expression.isAbsent(v) && !vars.containsKey(v.name())) {
                    vars.put(v.name(), new Answer.VariableInfo(declaration(v), "declared"));
                    notes.add(v.name() + " does not occur in the expression: the derivative by " + v.name() + " is zero");
                }
        return new Answer(program(typed), Render.latex(typed.expr()), vars, notes.isEmpty() ? null : notes,
                typed.dimensionValues().isEmpty() ? null : typed.dimensionValues(), value, parts, stacked);
    }

    /** One module computing f and every derivative the request asks for, as {@code --format numpy} etc. print it. */
    public static String code(Request request, Target target) {
        return code(request, target, dev.matcalc.codegen.CodeOptions.DEFAULT);
    }

    /**
     * The same, named and packaged as {@code options} say. At order k by one variable the code returns
     * every order up to k (the gradient with the Hessian: what Newton's method needs), not the k-th alone.
     */
    public static String code(Request request, Target target, dev.matcalc.codegen.CodeOptions options) {
        if (request.expr() == null || request.expr().isBlank()) throw new SourceError("empty expression");
        Expression expression = MatCalc.parse(request.expr(), declarations(request.let()), Map.of());
        List<String> wrt = request.wrt().isEmpty() ? defaultWrt(expression) : request.wrt();
        List<DerivativeResult> results = new ArrayList<>();
        if (request.order() > 1 && wrt.size() == 1)
            for (int k = 1; k < request.order(); k++) results.addAll(derivatives(expression, wrt, k, request.layout()));
        results.addAll(derivatives(expression, wrt, request.order(), request.layout()));
        return CodeGen.generate(expression, results, target, options);
    }

    private static List<DerivativeResult> derivatives(Expression expression, Request request) {
        List<String> wrt = request.wrt().isEmpty() ? defaultWrt(expression) : request.wrt();
        return derivatives(expression, wrt, request.order(), request.layout());
    }

    /**
     * The derivatives asked for: at order 1 one per variable (the partials); at order k, one
     * variable k times or k variables once each (a mixed derivative).
     */
    static List<DerivativeResult> derivatives(Expression expression, List<String> wrt, int order, dev.matcalc.calculus.Layout layout) {
        if (order < 1) throw new SourceError("the order must be at least 1, got " + order);
        List<List<String>> orders = new ArrayList<>();
        if (order == 1) wrt.forEach(w -> orders.add(List.of(w)));
        else if (wrt.size() == 1) orders.add(Collections.nCopies(order, wrt.get(0)));
        else if (wrt.size() == order) orders.add(wrt);
        else throw new SourceError("a derivative of order " + order + " takes one variable (repeated) or "
                + order + " variables, got " + wrt.size());
        List<DerivativeResult> results = new ArrayList<>();
        for (List<String> names : orders) results.add(expression.derivative(layout, names.toArray(String[]::new)));
        return results;
    }

    /** {@code --let} declarations ({@code "A" → "symmetric(n)"}), parsed. */
    static Map<String, Declaration> declarations(Map<String, String> let) {
        Map<String, Declaration> lets = new LinkedHashMap<>();
        let.forEach((name, shape) -> lets.put(name, Declaration.parse(shape)));
        return lets;
    }

    /** The input as typed: its definitions, then the expression ({@code Y = X'*X; tr(Y)}). */
    private static String program(Typed typed) {
        StringBuilder sb = new StringBuilder();
        for (Typed.Definition d : typed.definitions())
            sb.append(d.name()).append(" = ").append(Render.text(d.expr())).append("; ");
        return sb.append(Render.text(typed.expr())).toString();
    }

    /** Without --wrt: the only variable, else an error listing them. */
    private static List<String> defaultWrt(Expression e) {
        if (e.variables().size() == 1) return List.of(e.variables().get(0).name());
        throw new SourceError("say which variable to differentiate by (--wrt): the expression has "
                + (e.variables().isEmpty() ? "no variables" : String.join(", ", e.variables().stream().map(Var::name).toList())));
    }

    private static boolean allFinite(Tensor t) {
        for (double d : t.data()) if (!Double.isFinite(d)) return false;
        return true;
    }

    /** The part with its value at the point set to NaN in every entry, in the derivative's shape. */
    private static Answer.Part undefined(Answer.Part p, DerivativeResult r, Map<String, DMatrixRMaj> point) {
        dev.matcalc.numeric.Evaluator at = DerivativeResult.at(r.derivative(), point);
        List<Integer> axes = new ArrayList<>();
        for (Expr e : java.util.stream.Stream.concat(java.util.stream.Stream.of(r.derivative().function()),
                r.derivative().wrt().stream()).toList()) {
            int[] size = at.size(e.shape());
            if (!e.shape().rows().isOne()) axes.add(size[0]);
            if (!e.shape().cols().isOne()) axes.add(size[1]);
        }
        int[] shape = axes.stream().mapToInt(Integer::intValue).toArray();
        Limits.checkEntries(Limits.entries(shape), "the derivative at this point");
        double[] nan = new double[(int) Limits.entries(shape)];
        java.util.Arrays.fill(nan, Double.NaN);
        Tensor t = new Tensor(shape, nan);
        return new Answer.Part(p.wrt(), p.order(), p.kind(), p.layout(), p.matrixShape(), p.description(), p.text(),
                p.pretty(), p.latex(), p.definitions(), p.differential(), t.toNested(), t.shape(), p.steps(), p.code(),
                p.tensor(), p.index());
    }

    static String declaration(Var v) {
        if (v.kind() == Var.Kind.SYMMETRIC) return "symmetric(" + v.shape().rows() + ")";
        return v.shape().declaration();
    }

    private static Answer.Part part(Expression expression, DerivativeResult r, Request request, Map<String, DMatrixRMaj> point) {
        Derivative d = r.derivative();
        CommonSubexpressions.Named named = r.named();
        Object value = null;
        int[] shape = null;
        if (point != null) {
            Tensor t = r.evaluate(point);
            value = t.toNested();
            shape = t.shape();
        }
        boolean text = request.formats().contains("text"), pretty = request.formats().contains("pretty"),
                latex = request.formats().contains("latex");
        List<Answer.Definition> defs = named.definitions().stream().map(def -> new Answer.Definition(def.name(),
                text ? Render.text(def.value()) : null, pretty ? Render.pretty(def.value()) : null,
                latex ? Render.latex(def.value()) : null)).toList();
        return new Answer.Part(d.wrt().stream().map(Var::name).toList(), d.order(), d.kind().label(), d.layout().label(),
                d.hasMatrixForm() ? d.shape().toString() : null, r.describe(),
                text ? Render.text(named.body()) : null, pretty ? Render.pretty(named.body()) : null,
                latex ? Render.latex(named.body()) : null, defs.isEmpty() ? null : defs,
                Render.text(d.differential()), value, shape,
                request.steps() && d.order() == 1 ? List.<Object>copyOf(r.steps().steps()) : null,
                code(expression, r, request), tensorForms(r), indexForm(r));
    }

    private static Answer.TensorForms tensorForms(DerivativeResult r) {
        dev.matcalc.tensor.KroneckerForm k = r.kronecker();
        return k == null ? null : new Answer.TensorForms(dev.matcalc.tensor.KroneckerForm.convention(),
                k.toText(), k.toPretty(), k.toLatex());
    }

    private static Answer.IndexForm indexForm(DerivativeResult r) {
        dev.matcalc.tensor.IndexNotation.Form f = r.indexNotation();
        return f == null ? null : new Answer.IndexForm(f.toText(), f.toLatex());
    }

    /** The asked code formats for f and this one derivative; null when none is asked. */
    private static Map<String, String> code(Expression expression, DerivativeResult r, Request request) {
        Map<String, String> code = new LinkedHashMap<>();
        for (String format : request.formats())
            Target.byLabel(format).ifPresent(t -> code.put(t.label(), CodeGen.generate(expression, List.of(r), t)));
        return code.isEmpty() ? null : code;
    }

    private static Answer.Part stackedPart(Expr s, List<DerivativeResult> results, Request request) {
        Derivative first = results.get(0).derivative();
        List<String> names = results.stream().map(r -> r.derivative().wrt().get(0).name()).toList();
        String kind = first.function().isScalar() ? "gradient" : "Jacobian";
        return new Answer.Part(names, 1, kind, first.layout().label(), s.shape().toString(),
                "stacked " + kind + " w.r.t. (" + String.join(", ", names) + "), " + first.layout().label() + " layout: " + s.shape(),
                Render.text(s), Render.pretty(s), Render.latex(s), null, null, null, null, null, null, null, null);
    }
}
