package dev.matcalc.explain;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Differentiation;
import dev.matcalc.calculus.Forward;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.*;
import dev.matcalc.render.Render;
import dev.matcalc.simplify.Simplifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.explain.DerivationStep.*;

/**
 * Builds a derivation the way the notes teach the chain rule: (1) intermediate variables, (2)
 * the local derivative of each by its varying arguments, each computed by the engine on that one
 * operation (so it is right by construction), (3) the chain rule that combines them, as a product
 * of Jacobians summed over the paths from x to f, (4) substitution and the simplifier's named
 * rewrites, down to the engine's own answer.
 *
 * <p>Jacobians chain as matrices when x and every intermediate are scalars or columns. Otherwise
 * (matrices, whose derivatives are tensors) the same chain is written with differentials,
 * du = ∂u/∂a[da], and the answer is read off the composed differential.
 */
public final class Explainer {
    private Explainer() { }

    /** One derivation per variable. */
    public static List<Derivation> explain(Expr f, List<Var> wrt, Layout layout) {
        return wrt.stream().map(x -> explain(f, x, layout)).toList();
    }

    public static Derivation explain(Expr f, Var x, Layout layout) {
        f = dev.matcalc.expr.Refs.unwrap(f);        // the notes' intermediates stand for the user's names
        return new Build(f, x, layout).run();
    }

    private static final class Build {
        final Expr f;
        final Var x;
        final Layout layout;
        /** Jacobians chain in numerator layout, except in denominator layout, where the chain runs backwards. */
        final Layout chainLayout;
        final Derivative answer;
        final List<Intermediate> intermediates;
        final String fName;
        final Map<Var, Intermediate> byName = new LinkedHashMap<>();
        final List<LocalDerivative> locals = new ArrayList<>();
        final List<DerivationStep> steps = new ArrayList<>() {
            @Override
            public boolean add(DerivationStep step) {
                return step != null && super.add(step);
            }
        };

        Build(Expr f, Var x, Layout layout) {
            this.f = f;
            this.x = x;
            this.layout = layout;
            this.chainLayout = layout == Layout.DENOMINATOR ? Layout.DENOMINATOR : Layout.NUMERATOR;
            this.answer = Differentiation.derivative(f, List.of(x), layout);
            this.intermediates = Decomposer.decompose(f, x);
            List<String> names = Nodes.variables(f).stream().map(Var::name).toList();
            this.fName = List.of("f", "y", "F", "g").stream().filter(n -> !names.contains(n)).findFirst().orElse("f_");
            intermediates.forEach(i -> byName.put(i.name(), i));
        }

        Derivation run() {
            if (intermediates.isEmpty()) return trivial();
            Intermediate root = intermediates.getLast();
            for (Intermediate im : intermediates) {
                boolean last = im == root;
                steps.add(new DerivationStep(INTERMEDIATE, im.name().name(), Render.latex(im.name()),
                        operation(im.definition()), last ? fName + " = " + im.name().name() : null,
                        Render.text(im.definition()), Render.pretty(im.definition()), Render.latex(im.definition()),
                        im.name().shape().toString()));
            }
            for (Intermediate im : intermediates)
                for (Var a : im.args()) {
                    LocalDerivative local = new LocalDerivative(im, a, LocalRules.name(im.definition(), a),
                            Differentiation.derivative(im.definition(), List.of(a), chainLayout));
                    locals.add(local);
                    steps.add(localStep(local));
                }
            Expr chained = matrixChainable() ? matrixChain(root) : null;
            return chained != null ? finishMatrix(root, chained) : finishDifferential(root);
        }

        // ---- the matrix (Jacobian) chain ----

        private boolean matrixChainable() {
            if (!(x.isScalar() || x.shape().isColumn())) return false;
            for (Intermediate im : intermediates)
                if (im != intermediates.getLast() && !(im.name().isScalar() || im.name().shape().isColumn())) return false;
            return locals.stream().allMatch(LocalDerivative::hasMatrixForm);
        }

        /** The total derivative ∂u/∂x = Σₐ ∂u/∂a · ∂a/∂x as one expression, or null where shapes do not chain. */
        private Expr matrixChain(Intermediate root) {
            try {
                return total(root.name(), new HashMap<>());
            } catch (IllegalArgumentException notChainable) {
                return null;
            }
        }

        private Expr total(Var u, Map<Var, Expr> memo) {
            Expr known = memo.get(u);
            if (known != null) return known;
            List<Expr> terms = new ArrayList<>();
            for (LocalDerivative l : localsOf(u)) {
                Expr jacobian = l.derivative().matrix();
                if (l.wrt().equals(x)) terms.add(jacobian);                 // ∂x/∂x = I: nothing to multiply
                else {
                    Expr inner = total(l.wrt(), memo);
                    terms.add(chainLayout == Layout.NUMERATOR ? product(jacobian, inner) : product(inner, jacobian));
                }
            }
            Expr sum = Exprs.add(terms);
            memo.put(u, sum);
            return sum;
        }

        /**
         * The product as written in the chain, factors kept in their order (the simplifier then
         * shows how it reorders them); only multiplying by 1 or I and by 0 fold away at once.
         */
        private static Expr product(Expr a, Expr b) {
            if (Exprs.isZero(a) || Exprs.isZero(b) || Exprs.isOne(a) || Exprs.isOne(b)
                    || a instanceof Identity || b instanceof Identity) return Exprs.mul(a, b);
            List<Expr> factors = new ArrayList<>();
            for (Expr e : List.of(a, b)) {
                if (e instanceof MatMul m) factors.addAll(m.factors());
                else factors.add(e);
            }
            return new MatMul(factors, Exprs.chainShape(factors));
        }

        private Derivation finishMatrix(Intermediate root, Expr chained) {
            List<List<LocalDerivative>> paths = ChainText.paths(root.name(), x, this::localsOf);
            String rule = chainRuleName(paths.size());
            steps.add(ChainText.step(rule, fName, x, paths, chainLayout));
            steps.add(substitute("local derivatives", "plug each local derivative into the chain", chained));
            Expr expanded = expand(chained);
            steps.add(substitute("intermediate variables", intermediates.stream()
                    .map(i -> i.name().name() + " = " + Render.text(i.original())).reduce((a, b) -> a + ", " + b).orElse(""), expanded));
            if (layout == Layout.MIXED && answer.kind() == Derivative.Kind.GRADIENT) {
                expanded = Exprs.transpose(expanded);
                steps.add(substitute("mixed layout", "the gradient of a scalar takes x's shape: the transpose of the numerator row", expanded));
            }
            return finish(rule, expanded, answer.matrix());
        }

        // ---- the differential chain, for matrices and tensors ----

        private Derivation finishDifferential(Intermediate root) {
            Var dx = answer.directions().get(0);
            Expr composed = differential(root.name(), dx, new HashMap<>());
            String rule = "vector chain rule, in differentials (d" + root.name().name() + " = Σ ∂" + root.name().name()
                    + "/∂a [da]: some Jacobians here are tensors with no matrix form)";
            steps.add(new DerivationStep(CHAIN, "d" + fName, "\\mathrm{d}" + fName, rule,
                    "compose the local differentials from x outwards", Render.text(composed), Render.pretty(composed),
                    Render.latex(composed), f.shape().toString()));
            Expr expanded = expand(composed);
            steps.add(substitute("intermediate variables", "each intermediate replaced by what it stands for", expanded));
            Expr result = finishSteps(expanded, answer.differential());
            if (answer.hasMatrixForm()) {
                steps.add(new DerivationStep(RESULT, lhs(), lhsLatex(), readOff(), layoutNote(),
                        Render.text(answer.matrix()), Render.pretty(answer.matrix()), Render.latex(answer.matrix()),
                        answer.shape().toString()));
                result = answer.matrix();
            } else {
                steps.add(new DerivationStep(RESULT, "d" + fName, "\\mathrm{d}" + fName,
                        "tensor: the derivative of a " + f.shape().kind() + " by a " + x.shape().kind()
                                + " has no matrix form; the answer is the differential (layout-free)", null,
                        Render.text(result), Render.pretty(result), Render.latex(result), f.shape().toString()));
            }
            return new Derivation(f, x, layout, rule, intermediates, locals, steps, expanded, result, answer);
        }

        private Expr differential(Var u, Var dx, Map<Var, Expr> memo) {
            if (u.equals(x)) return dx;
            Expr known = memo.get(u);
            if (known != null) return known;
            List<Expr> terms = new ArrayList<>();
            for (LocalDerivative l : localsOf(u)) {
                Expr local = l.derivative().differential();
                Var direction = l.derivative().directions().get(0);
                terms.add(Nodes.substitute(local, direction, differential(l.wrt(), dx, memo)));
            }
            Expr sum = Exprs.add(terms);
            memo.put(u, sum);
            return sum;
        }

        private String readOff() {
            return switch (answer.kind()) {
                case GRADIENT -> "read off the gradient: d" + fName + " = ⟨G, dX⟩ = tr(G'·dX) ⇒ ∂" + fName + "/∂" + x.name() + " = G";
                case JACOBIAN -> "read off the Jacobian: d" + fName + " = J·dx ⇒ ∂" + fName + "/∂" + x.name() + " = J";
                default -> "read off the derivative: d" + fName + " = D·d" + x.name() + " ⇒ ∂" + fName + "/∂" + x.name() + " = D";
            };
        }

        // ---- shared ----

        private Derivation finish(String rule, Expr start, Expr expected) {
            Expr result = finishSteps(start, expected);
            steps.add(new DerivationStep(RESULT, lhs(), lhsLatex(), answer.kind().label(), layoutNote(),
                    Render.text(result), Render.pretty(result), Render.latex(result), result.shape().toString()));
            return new Derivation(f, x, layout, rule, intermediates, locals, steps, start, result, answer);
        }

        /** The simplifier's named steps from {@code start}; ends at {@code expected}, the engine's form. */
        private Expr finishSteps(Expr start, Expr expected) {
            Expr current = start;
            for (SimplificationTrace.Shown s : SimplificationTrace.run(start)) {
                current = s.after();
                steps.add(new DerivationStep(SIMPLIFY, null, null, s.rule(), s.law(), Render.text(current),
                        Render.pretty(current), Render.latex(current), current.shape().toString()));
            }
            if (!current.equals(expected)) {
                Expr blocks = BlockAlgebra.distribute(current);
                if (!blocks.equals(current)) {
                    current = blocks;
                    steps.add(new DerivationStep(SIMPLIFY, null, null, "blockAlgebra", BlockAlgebra.LAW,
                            Render.text(current), Render.pretty(current), Render.latex(current), current.shape().toString()));
                    Expr simplified = Simplifier.simplify(current);
                    if (!simplified.equals(current)) {
                        current = simplified;
                        steps.add(new DerivationStep(SIMPLIFY, null, null, "simplify", "the rules above, entry by entry",
                                Render.text(current), Render.pretty(current), Render.latex(current), current.shape().toString()));
                    }
                }
            }
            if (!current.equals(expected)) {
                // the same linear map, reached by another order of rewrites: show the engine's normal form
                steps.add(new DerivationStep(SIMPLIFY, null, null, "normalForm",
                        "the same value, in the form the engine's derivative takes", Render.text(expected),
                        Render.pretty(expected), Render.latex(expected), expected.shape().toString()));
                current = expected;
            }
            return current;
        }

        private Derivation trivial() {
            Expr result = answer.hasMatrixForm() ? answer.matrix() : answer.differential();
            String why = f.equals(x) ? "∂x/∂x = I" : fName + " does not depend on " + x.name() + ": its derivative is 0";
            steps.add(new DerivationStep(RESULT, lhs(), lhsLatex(), why, layoutNote(), Render.text(result),
                    Render.pretty(result), Render.latex(result), result.shape().toString()));
            return new Derivation(f, x, layout, why, intermediates, locals, steps, result, result, answer);
        }

        private List<LocalDerivative> localsOf(Var u) {
            return locals.stream().filter(l -> l.of().name().equals(u)).toList();
        }

        private String chainRuleName(int paths) {
            boolean scalars = x.isScalar() && intermediates.stream().allMatch(i -> i.name().isScalar());
            if (scalars) return paths == 1 ? "single-variable chain rule" : "single-variable total-derivative chain rule";
            return paths == 1 ? "vector chain rule" : "vector chain rule, total derivative (a sum over the paths from " + x.name() + " to " + fName + ")";
        }

        private String layoutNote() {
            if (!answer.hasMatrixForm()) return "no matrix form (layout-free)";
            return layout.label() + " layout: " + answer.shape();
        }

        private String lhs() {
            return "∂" + fName + "/∂" + x.name();
        }

        private String lhsLatex() {
            return "\\frac{\\partial " + fName + "}{\\partial " + Render.latex(x) + "}";
        }

        /** A substitution step; null (and skipped by {@link #add}) when it changes nothing shown. */
        private DerivationStep substitute(String rule, String law, Expr e) {
            if (!steps.isEmpty() && steps.getLast().kind().equals(SUBSTITUTE) && Render.text(e).equals(steps.getLast().expression()))
                return null;
            return new DerivationStep(SUBSTITUTE, null, null, rule, law, Render.text(e), Render.pretty(e),
                    Render.latex(e), e.shape().toString());
        }

        private DerivationStep localStep(LocalDerivative l) {
            Derivative d = l.derivative();
            String of = l.of().name().name(), by = l.wrt().name();
            if (d.hasMatrixForm())
                return new DerivationStep(LOCAL, "∂" + of + "/∂" + by, ChainText.partialLatex(l.of().name(), l.wrt()),
                        l.rule(), null, Render.text(d.matrix()), Render.pretty(d.matrix()), Render.latex(d.matrix()),
                        d.shape().toString());
            return new DerivationStep(LOCAL, "d" + of, Render.latex(Forward.differentialOf(l.of().name())), l.rule(),
                    "a tensor (no matrix form): its differential in the direction d" + by,
                    Render.text(d.differential()), Render.pretty(d.differential()), Render.latex(d.differential()), "tensor");
        }

        private static String operation(Expr def) {
            return switch (def) {
                case Add a -> "sum";
                case MatMul m -> Exprs.unbroadcast(m).isPresent() ? "implicit expansion" : "product";
                case Transpose t -> "transpose";
                case Hadamard h -> "element-wise product";
                case Power p -> p.exponent() instanceof Num n && n.value() == -1 ? "reciprocal" : "power";
                case Apply a -> a.fn().fnName();
                case Call c -> c.fn().fnName();
                case MaxMin m -> "element-wise " + m.op().fnName();
                case Block b -> "stacking";
                default -> "value";
            };
        }

        /** Each intermediate replaced by the subexpression it stands for. */
        private Expr expand(Expr e) {
            return Nodes.mapBottomUp(e, n -> n instanceof Var v && byName.containsKey(v) ? byName.get(v).original() : n);
        }
    }
}
