package dev.matcalc.codegen;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Shape;

import java.util.*;

/**
 * A whole Python module: imports, helpers, {@code fAndG} (or the name asked for), and unless left
 * out, random inputs and {@code checkGradient}.
 */
final class PythonModule {
    private final Plan plan;
    private final PythonFlavor flavor;
    private final Identifiers ids;
    private final Map<String, String> dimNames = new LinkedHashMap<>();
    private final PythonExprs exprs;
    private final CodeOptions options;

    PythonModule(Plan plan, PythonFlavor flavor, CodeOptions options) {
        this.plan = plan;
        this.flavor = flavor;
        this.options = options;
        this.ids = new Identifiers(Identifiers.PYTHON_RESERVED, List.of(options.functionName()));
        for (Var v : plan.inputs()) ids.of(v.name());
        for (String d : plan.dims().keySet()) dimNames.put(d, ids.fresh(d));
        this.exprs = new PythonExprs(plan, ids, flavor, dimNames);
    }

    String generate() {
        List<String> body = new ArrayList<>();
        String params = String.join(", ", plan.inputs().stream().map(v -> ids.of(v.name())).toList());
        if (flavor == PythonFlavor.PYTORCH)
            body.add("device = next((v.device for v in (" + params + (plan.inputs().size() == 1 ? "," : "")
                    + ") if isinstance(v, torch.Tensor)), torch.device(\"cpu\"))  # compute where the inputs are");
        for (Var v : plan.inputs()) body.add(ids.of(v.name()) + " = " + flavor.asArray(ids.of(v.name())));
        for (Var v : plan.inputs()) checkShape(v, body);
        for (Var v : plan.inputs())
            if (Plan.checksSymmetry(v)) body.add("_requireSymmetric(\"" + ids.of(v.name()) + "\", " + ids.of(v.name()) + ", \""
                    + Plan.declaration(v) + "\")");

        PythonExprs.Code value = exprs.ref(plan.computedFunction());
        exprs.statement("value = " + value.text());
        List<String> outputNames = new ArrayList<>();
        boolean tensors = false;
        for (Plan.Output o : plan.outputs()) {
            String name = ids.fresh(outputName(o));
            outputNames.add(name);
            if (o.tensor()) {
                tensors = true;
                tensor(o, name);
            } else {
                PythonExprs.Code c = exprs.ref(o.computed());
                boolean t = o.transpose() && o.expr().shape().isMatrix();
                exprs.statement(name + " = " + (t ? c.at(PythonExprs.ATOM) + ".T" : c.text()));
            }
        }
        body.addAll(exprs.statements());
        body.add("return value, " + (outputNames.size() == 1 ? outputNames.get(0) : "(" + String.join(", ", outputNames) + ")"));

        String fn = options.functionName();
        StringBuilder sb = new StringBuilder();
        sb.append(docstring(outputNames)).append('\n');
        sb.append(options.selfCheck() || tensors ? "import itertools\n" : "").append(options.selfCheck() ? "import math\n" : "")
                .append(options.selfCheck() || tensors ? "\n" : "").append(flavor.imports()).append("\n\n\n");
        for (String h : exprs.helpers) sb.append(PythonSupport.helper(flavor, h)).append("\n\n");
        if (plan.inputs().stream().anyMatch(Plan::checksSymmetry)) sb.append(PythonSupport.requireSymmetric(flavor)).append("\n\n");
        sb.append("def ").append(fn).append("(").append(params).append("):\n");
        sb.append("    \"\"\"Returns (value, ").append(outputNames.size() == 1 ? outputNames.get(0) : "(" + String.join(", ", outputNames) + ")")
                .append("); call it with keyword arguments named after the variables.\"\"\"\n");
        for (String line : body) sb.append(indent(line)).append('\n');
        if (tensors) sb.append("\n\n").append(PythonSupport.tensorBuilder(flavor));
        if (!options.selfCheck()) return sb.toString();
        sb.append("\n\n").append(randomInputs());
        sb.append("\n\n").append(PythonSupport.sampling(flavor));
        sb.append("\n\n").append(constants());
        sb.append("\n\n").append(PythonSupport.CHECK.replace("fAndG", fn));
        return sb.toString();
    }

    private void checkShape(Var v, List<String> body) {
        String x = ids.of(v.name());
        Shape s = v.shape();
        int rank = s.isScalar() ? 0 : s.isMatrix() ? 2 : 1;
        String what = rank == 0 ? "a scalar" : rank == 1 ? "a vector (1-d array)" : "a matrix (2-d array)";
        body.add("assert " + x + ".ndim == " + rank + ", \"" + x + " must be " + what + ", got shape %s\" % (tuple(" + x + ".shape),)");
        if (rank == 0) return;
        plan.dims().forEach((d, src) -> {
            if (!src.var().equals(v)) return;
            int axis = rank == 2 ? src.axis() : 0;
            body.add(dimNames.get(d) + " = " + x + ".shape[" + axis + "]");
        });
        String expected = exprs.shapeAsTuple(s);
        body.add("assert tuple(" + x + ".shape) == " + expected + ", \"" + x + " must have shape " + expected.replace("\"", "")
                + ", got %s\" % (tuple(" + x + ".shape),)");
    }

    /** A derivative without a matrix form, built from its differential: see {@code _fromDifferential}. */
    private void tensor(Plan.Output o, String name) {
        PythonExprs.Code linear = exprs.ref(o.computed());
        List<String> dirs = o.directions().stream().map(d -> ids.of(d.name())).toList();
        String fn = ids.fresh("d_" + name);
        exprs.statement("# " + o.derivative().kind().label() + " with no matrix form: built from the differential "
                + Render.text(o.expr()) + "\ndef " + fn + "(" + String.join(", ", dirs) + "):\n    return " + linear.text());
        String shapes = "[" + String.join(", ", o.directions().stream().map(d -> exprs.shapeAsTuple(d.shape())).toList()) + "]";
        exprs.statement(name + " = _fromDifferential(" + fn + ", " + exprs.shapeAsTuple(o.derivative().base().shape()) + ", " + shapes
                + ", " + ids.of(plan.inputs().get(0).name()) + ")");
    }

    private String outputName(Plan.Output o) {
        String base = switch (o.derivative().kind()) {
            case GRADIENT -> "gradient";
            case JACOBIAN -> "jacobian";
            case HESSIAN -> "hessian";
            case SECOND_DERIVATIVE -> "secondDerivative";
            case DERIVATIVE, TENSOR -> "derivative";
        };
        return plan.outputs().size() == 1 || plan.successiveOrders() ? base
                : base + "_" + String.join("_", o.derivative().wrt().stream().map(Var::name).toList());
    }

    private String docstring(List<String> outputNames) {
        StringBuilder sb = new StringBuilder("\"\"\"Generated by matcalc (" + flavor.name().toLowerCase() + "): f = "
                + Render.text(plan.function()).replace("\\", "\\\\") + "\n\n");
        sb.append("Inputs: ").append(String.join(", ", plan.inputs().stream().map(v -> ids.of(v.name()) + " "
                + Plan.declaration(v)).toList())).append(".\n");
        sb.append("Vectors are 1-d arrays, matrices 2-d; each derivative has shape shape(f) + shape(wrt...).\n");
        for (int i = 0; i < outputNames.size(); i++) {
            Plan.Output o = plan.outputs().get(i);
            Derivative d = o.derivative();
            sb.append(outputNames.get(i)).append(": the ").append(d.kind().label()).append(" w.r.t. ")
                    .append(String.join(", ", d.wrt().stream().map(Var::name).toList()))
                    .append(o.tensor() ? " (no matrix form: built from the differential)" : ", from " + Render.text(o.expr()).replace("\\", "\\\\")
                            + (o.transpose() ? " transposed" : ""))
                    .append(".\n");
        }
        return sb.append("\"\"\"\n").toString();
    }

    /** {@code randomInputs(seed)}: inputs of random sizes 2, 3, 4..., distinct per symbol, drawn where f is defined. */
    private String randomInputs() {
        StringBuilder sb = new StringBuilder("def randomInputs(seed=0):\n");
        sb.append("    \"\"\"Random inputs of the declared shapes, sizes drawn distinct so that a mix-up shows.\"\"\"\n");
        sb.append("    rng = _rng(seed)\n");
        List<String> names = new ArrayList<>(dimNames.values());
        if (!names.isEmpty()) {
            int pool = Math.max(3, names.size());
            sb.append("    sizes = [2 + i for i in _permutation(rng, ").append(pool).append(")]\n");
            for (int i = 0; i < names.size(); i++) sb.append("    ").append(names.get(i)).append(" = sizes[").append(i).append("]\n");
        }
        Map<Var, Set<String>> kinds = Sampling.kinds(plan.function(), plan.inputs());
        sb.append("    return {\n");
        for (Var v : plan.inputs()) {
            List<String> k = new ArrayList<>(kinds.getOrDefault(v, Set.of()));
            sb.append("        \"").append(ids.of(v.name())).append("\": _draw(rng, ").append(exprs.shapeAsTuple(v.shape())).append(", (")
                    .append(String.join(", ", k.stream().map(s -> "\"" + s + "\"").toList())).append(k.size() == 1 ? ",))" : "))").append(",\n");
        }
        return sb.append("    }\n").toString();
    }

    /** What checkGradient needs to know: the variables of each derivative, and which are symmetric. */
    private String constants() {
        StringBuilder sb = new StringBuilder("WRT = [");
        sb.append(String.join(", ", plan.wrtNames().stream().map(w -> "(" + String.join(", ", w.stream().map(n -> "\"" + ids.of(n) + "\"").toList())
                + (w.size() == 1 ? ",)" : ")")).toList()));
        sb.append("]  # the variables of each derivative fAndG returns\n");
        sb.append("SYMMETRIC = {").append(String.join(", ", plan.inputs().stream().filter(v -> v.kind() == Var.Kind.SYMMETRIC)
                .map(v -> "\"" + ids.of(v.name()) + "\"").toList())).append("}").append(plan.inputs().stream().noneMatch(v -> v.kind() == Var.Kind.SYMMETRIC) ? "  # none" : "").append('\n');
        return sb.toString().replace("SYMMETRIC = {}  # none", "SYMMETRIC = set()  # none");
    }

    private static String indent(String statement) {
        return "    " + statement.replace("\n", "\n    ");
    }
}
