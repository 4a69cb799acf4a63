package dev.matcalc.explain;

import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chain rule written out as the notes write it: a product of Jacobians per path from x to f,
 * {@code ∂f/∂x = ∂u3/∂u2 · ∂u2/∂u1 · ∂u1/∂x}, with the shapes {@code (1×m)(m×m)(m×n) = 1×n}, and
 * a sum over the paths when x reaches f along several (the total derivative).
 */
final class ChainText {
    /** Beyond this many paths the sum is written per intermediate instead of per path. */
    static final int MAX_PATHS = 8;

    private ChainText() { }

    /** Every path from {@code u} down to {@code x}, each as its local derivatives from the outside in (capped). */
    static List<List<LocalDerivative>> paths(Var u, Var x, Function<Var, List<LocalDerivative>> localsOf) {
        List<List<LocalDerivative>> out = new ArrayList<>();
        walk(u, x, localsOf, new ArrayList<>(), out);
        return out;
    }

    private static void walk(Var u, Var x, Function<Var, List<LocalDerivative>> localsOf,
                             List<LocalDerivative> prefix, List<List<LocalDerivative>> out) {
        if (out.size() > MAX_PATHS) return;
        for (LocalDerivative l : localsOf.apply(u)) {
            List<LocalDerivative> path = new ArrayList<>(prefix);
            path.add(l);
            if (l.wrt().equals(x)) out.add(path);
            else walk(l.wrt(), x, localsOf, path, out);
        }
    }

    static DerivationStep step(String rule, String fName, Var x, List<List<LocalDerivative>> paths, Layout layout) {
        String lhs = "∂" + fName + "/∂" + x.name();
        String lhsLatex = "\\frac{\\partial " + fName + "}{\\partial " + Render.latex(x) + "}";
        String law = layout == Layout.NUMERATOR
                ? "numerator layout: Jacobians multiply from the outside in, ∂f/∂x = ∂f/∂u · ∂u/∂x"
                : "denominator layout: each Jacobian transposed, so they multiply from the inside out, ∂f/∂x = ∂u/∂x · ∂f/∂u";
        if (paths.size() > MAX_PATHS) {
            return new DerivationStep(DerivationStep.CHAIN, lhs, lhsLatex, rule, law + "; for each intermediate u, "
                    + "∂u/∂x = Σ over its arguments a of ∂u/∂a · ∂a/∂x (too many paths to list)", null, null, null, null);
        }
        List<List<LocalDerivative>> ordered = paths.stream().map(p -> layout == Layout.NUMERATOR ? p : reversed(p)).toList();
        String text = ordered.stream().map(p -> p.stream().map(ChainText::partial).collect(Collectors.joining(" · ")))
                .collect(Collectors.joining(" + "));
        String latex = ordered.stream().map(p -> p.stream().map(l -> partialLatex(l.of().name(), l.wrt()))
                .collect(Collectors.joining("\\,"))).collect(Collectors.joining(" + "));
        String shapes = ordered.stream().map(ChainText::shapes).collect(Collectors.joining(" + "));
        return new DerivationStep(DerivationStep.CHAIN, lhs, lhsLatex, rule, law, text, text, latex, shapes);
    }

    private static List<LocalDerivative> reversed(List<LocalDerivative> p) {
        List<LocalDerivative> r = new ArrayList<>(p);
        java.util.Collections.reverse(r);
        return r;
    }

    /** {@code (1×m)(m×n) = 1×n}. */
    private static String shapes(List<LocalDerivative> path) {
        String product = path.stream().map(l -> "(" + l.derivative().shape() + ")").collect(Collectors.joining());
        String rows = path.getFirst().derivative().shape().rows().toString();
        String cols = path.getLast().derivative().shape().cols().toString();
        return product + " = " + dev.matcalc.shapes.Shape.times(rows, cols);
    }

    static String partial(LocalDerivative l) {
        return "∂" + l.of().name().name() + "/∂" + l.wrt().name();
    }

    static String partialLatex(Var of, Var by) {
        return "\\frac{\\partial " + Render.latex(of) + "}{\\partial " + Render.latex(by) + "}";
    }
}
