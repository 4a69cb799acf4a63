package dev.matcalc.codegen;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.*;
import dev.matcalc.numeric.StableForms;
import dev.matcalc.shapes.Dim;
import dev.matcalc.syntax.SourceError;

import java.util.*;

/**
 * What every target needs to know about one function and its derivatives: the inputs, how each
 * symbolic dimension is read off an input, the expressions to compute, and which subterms are
 * shared (used twice or more across all of them) and so computed once.
 */
public final class Plan {

    /**
     * One derivative to return. {@code expr} is its matrix form, transposed by {@code transpose} into
     * the shape(f) + shape(wrt) convention, or for a {@code tensor} its differential in {@code directions};
     * {@code computed} is what the code computes for it: expr's {@link StableForms stable form}.
     */
    public record Output(Derivative derivative, Expr expr, Expr computed, boolean transpose, boolean tensor) {
        public List<Var> directions() {
            return derivative.directions();
        }
    }

    /** A symbolic dimension read off an input: {@code axis} 0 (rows) or 1 (columns) of variable {@code var}. */
    public record DimSource(Var var, int axis) { }

    private final Expr function;
    private final Expr computedFunction;
    private final List<Var> inputs;
    private final Map<String, DimSource> dims = new LinkedHashMap<>();
    private final List<Output> outputs;
    private final Map<Expr, Integer> uses = new HashMap<>();
    private final Map<Expr, Boolean> directional = new HashMap<>();

    public Plan(Expr function, List<Derivative> derivatives) {
        this.function = function;
        // f's variables, then any variable differentiated by that f does not mention (its derivative is
        // zero, but the caller passes it, and its sizes are those of the zero)
        Set<Var> inputs = new LinkedHashSet<>(Nodes.variables(function).stream().filter(v -> !v.isDifferential()).toList());
        for (Derivative d : derivatives) inputs.addAll(d.wrt());
        this.inputs = List.copyOf(inputs);
        StableForms stable = new StableForms();
        this.computedFunction = stable.of(function);
        DefinitionNames names = new DefinitionNames(computedFunction);
        this.outputs = derivatives.stream().map(d -> output(d, stable, names)).toList();
        for (Var v : inputs) {
            bindDim(v.shape().rows(), v, 0);
            bindDim(v.shape().cols(), v, 1);
        }
        count(computedFunction);
        for (Output o : outputs) count(o.computed());
        checkDimsBound();
    }

    /** How an input is declared, as the generated code's docs and errors say it: {@code symmetric(n)}, {@code vector(n)}, ... */
    static String declaration(Var v) {
        return v.kind() == Var.Kind.SYMMETRIC ? "symmetric(" + v.shape().rows() + ")" : v.shape().declaration();
    }

    /** Whether an input's value must be checked for symmetry at entry (its formulas take S' = S). */
    static boolean checksSymmetry(Var v) {
        return v.kind() == Var.Kind.SYMMETRIC && !v.shape().isScalar();
    }

    private static Output output(Derivative d, StableForms stable, DefinitionNames names) {
        if (!d.hasMatrixForm()) return new Output(d, d.differential(), names.apply(stable.of(d.differential())), false, true);
        // the same rule as DerivativeResult: gradients in the variable's shape, the rest in numerator layout
        boolean transposed = d.layout() == Layout.DENOMINATOR
                ? d.kind() != Derivative.Kind.GRADIENT
                : d.layout() == Layout.NUMERATOR && d.kind() == Derivative.Kind.GRADIENT;
        return new Output(d, d.matrix(), names.apply(stable.of(d.matrix())), transposed, false);
    }

    private void bindDim(Dim d, Var v, int axis) {
        if (d instanceof Dim.Sym s && isAtomic(s.name())) dims.putIfAbsent(s.name(), new DimSource(v, axis));
    }

    /** A plain symbol ({@code n}) rather than a sum of block sizes ({@code n+m}). */
    static boolean isAtomic(String dimName) {
        return !dimName.contains("+");
    }

    /** The atomic parts of a dimension: {@code n+m+2} → n, m, 2. */
    static List<String> parts(Dim d) {
        return List.of(d.toString().split("\\+"));
    }

    private void checkDimsBound() {
        List<Expr> all = new ArrayList<>(uses.keySet());
        for (Expr e : all)
            for (Dim d : List.of(e.shape().rows(), e.shape().cols()))
                for (String p : parts(d))
                    if (!p.chars().allMatch(Character::isDigit) && !dims.containsKey(p))
                        throw new SourceError("cannot generate code: the size " + p
                                + " is not the size of any input, so the generated function could not know it");
    }

    /** Reference counts over the DAG: a subterm reached again is counted, not walked again. */
    private void count(Expr e) {
        if (uses.merge(e, 1, Integer::sum) > 1) return;
        for (Expr c : Nodes.children(e)) count(c);
    }

    /** Worth a temporary: non-trivial and used more than once, and not inside a linear map's direction. */
    public boolean isShared(Expr e) {
        return uses.getOrDefault(e, 0) >= 2 && !isTrivial(e) && !dependsOnDirection(e);
    }

    /** Leaves, their transposes and number multiples: naming them would save nothing. */
    static boolean isTrivial(Expr e) {
        return dev.matcalc.expr.Refs.isTrivial(e) && !(e instanceof dev.matcalc.expr.Ref);
    }

    public boolean dependsOnDirection(Expr e) {
        Boolean known = directional.get(e);
        if (known != null) return known;
        boolean result = e instanceof Var v ? v.isDifferential()
                : Nodes.children(e).stream().anyMatch(this::dependsOnDirection);
        directional.put(e, result);
        return result;
    }

    /** The function as the user wrote it (what the generated code's documentation shows). */
    public Expr function() {
        return function;
    }

    /** What the generated code computes for the function: its {@link StableForms stable form}. */
    public Expr computedFunction() {
        return computedFunction;
    }

    public List<Var> inputs() {
        return inputs;
    }

    public Map<String, DimSource> dims() {
        return dims;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /**
     * Whether the outputs are one variable's derivatives of orders 1, 2, ... (the gradient and the
     * Hessian {@code --order 2} asks for): their kinds then name them without the variable.
     */
    public boolean successiveOrders() {
        for (int i = 0; i < outputs.size(); i++) {
            List<Var> wrt = outputs.get(i).derivative().wrt();
            if (wrt.size() != i + 1 || wrt.stream().distinct().count() != 1 || !wrt.get(0).equals(outputs.get(0).derivative().wrt().get(0)))
                return false;
        }
        return true;
    }

    /** The names of the variables each output differentiates by, in order (a Hessian names its variable twice). */
    public List<List<String>> wrtNames() {
        return outputs.stream().map(o -> o.derivative().wrt().stream().map(Var::name).toList()).toList();
    }
}
