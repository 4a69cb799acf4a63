package dev.matcalc.explain;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Differentiation;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Derivatives;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.FiniteDifferences;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every derivation is checked, not only read: each local derivative against finite differences
 * of its own intermediate at random points, the substituted chain against the engine's answer
 * numerically, and the final answer against the engine's exactly, in every layout.
 */
class DerivationCheckTest {
    static final List<WorkedExamples> EXAMPLES = WorkedExamples.ALL;

    /** More shapes of problem: matrices (the chain in differentials), tensors, several paths. */
    static final List<WorkedExamples> MORE = List.of(
            new WorkedExamples("quadratic-form", "x'*A*x", List.of(), List.of("x", "A")),
            new WorkedExamples("softplus-layer", "sum(exp(W*x + b))", List.of(), List.of("W", "x", "b")),
            new WorkedExamples("layer-output", "sigmoid(W*x + b)", List.of(), List.of("x", "W", "b")),
            new WorkedExamples("logdet", "logdet(X) + tr(inv(X)*A)", List.of(), List.of("X")),
            new WorkedExamples("repeated-subterm", "sin(x'*x) * cos(x'*x) + norm2(x)^2", List.of(), List.of("x")),
            new WorkedExamples("softmax-ce", "logsumexp(A*x) - y'*A*x", List.of(), List.of("x")),
            new WorkedExamples("max-min", "sum(max(x, y)) + min(A*x) + max(x'*y, c)", List.of("c:scalar"), List.of("x", "y")),
            new WorkedExamples("min-expanded", "sum(min(W*X, b)) + max(X)", List.of("b:vector(m)"), List.of("b", "X")),
            new WorkedExamples("scalar-paths", "x*y + sin(x*y) + x^3", List.of("x:scalar", "y:scalar"), List.of("x")));

    @ParameterizedTest
    @FieldSource({"EXAMPLES", "MORE"})
    void everyLocalDerivativeMatchesFiniteDifferences(WorkedExamples example) {
        for (Derivation d : derivations(example, Layout.NUMERATOR)) {
            assertThat(d.locals()).as("locals of %s", d.wrt()).hasSizeGreaterThanOrEqualTo(
                    d.intermediates().isEmpty() ? 0 : d.intermediates().size());
            for (LocalDerivative local : d.locals()) checkLocal(local, Layout.NUMERATOR);
        }
        for (Derivation d : derivations(example, Layout.DENOMINATOR))
            for (LocalDerivative local : d.locals()) checkLocal(local, Layout.DENOMINATOR);
    }

    @ParameterizedTest
    @FieldSource({"EXAMPLES", "MORE"})
    void finalAnswerIsTheEnginesAndTheChainAgreesNumerically(WorkedExamples example) {
        for (Layout layout : Layout.values())
            for (Derivation d : derivations(example, layout)) {
                Derivative engine = Differentiation.derivative(d.function(), List.of(d.wrt()), layout);
                Expr expected = engine.hasMatrixForm() ? engine.matrix() : engine.differential();
                assertThat(d.result()).as("%s by %s, %s", example, d.wrt().name(), layout).isEqualTo(expected);
                assertThat(d.steps().getLast().kind()).isEqualTo(DerivationStep.RESULT);
                assertThat(d.steps().getLast().expression()).isEqualTo(dev.matcalc.render.Render.text(expected));
                checkChain(d, engine);
            }
    }

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void workedExamplesReachTheAnswerByNamedRulesAlone(WorkedExamples example) {
        for (Layout layout : Layout.values())
            for (Derivation d : derivations(example, layout))
                assertThat(d.steps()).as("%s by %s, %s", example, d.wrt().name(), layout)
                        .noneMatch(s -> "normalForm".equals(s.rule()));
    }

    @Test
    void chainRulesAreNamedAsTheNotesNameThem() {
        assertThat(explain("sin(x^2)", "x", "x:scalar").chainRule()).isEqualTo("single-variable chain rule");
        assertThat(explain("x*y + sin(x*y)", "x", "x:scalar", "y:scalar").chainRule())
                .isEqualTo("single-variable total-derivative chain rule");
        assertThat(explain("relu(w'*x + b)", "w", "b:scalar").chainRule()).isEqualTo("vector chain rule");
        assertThat(explain("sum(exp(W*x))", "W").chainRule()).startsWith("vector chain rule, in differentials");
    }

    @Test
    void intermediatesAreInnermostFirstWithOneForARepeatedSubterm() {
        Derivation d = explain("sin(x'*x) * cos(x'*x)", "x");
        List<String> defs = d.intermediates().stream().map(i -> dev.matcalc.render.Render.text(i.definition())).toList();
        assertThat(defs).containsExactly("x'*x", "sin(u1)", "cos(u1)", "u2*u3");
        assertThat(d.locals()).extracting(l -> ChainText.partial(l))
                .containsExactly("∂u1/∂x", "∂u2/∂u1", "∂u3/∂u1", "∂u4/∂u2", "∂u4/∂u3");
        assertThat(d.steps()).filteredOn(s -> s.kind().equals(DerivationStep.CHAIN)).singleElement()
                .satisfies(s -> assertThat(s.expression()).isEqualTo("∂u4/∂u2 · ∂u2/∂u1 · ∂u1/∂x + ∂u4/∂u3 · ∂u3/∂u1 · ∂u1/∂x"));
    }

    @Test
    void constantsAreNotSplitAndNamesAvoidTheUsersVariables() {
        Derivation d = explain("u1' * exp(A*B*x)", "x");
        assertThat(d.intermediates()).extracting(i -> i.name().name()).containsExactly("v1", "v2", "v3");
        assertThat(dev.matcalc.render.Render.text(d.intermediates().getFirst().definition())).isEqualTo("A*B*x");
    }

    @Test
    void aTensorSaysSoAndEndsAtTheDifferential() {
        Derivation d = explain("W*x", "W");
        assertThat(d.answer().hasMatrixForm()).isFalse();
        assertThat(d.result()).isEqualTo(d.answer().differential());
        assertThat(d.toText()).contains("no matrix form");
    }

    @Test
    void trivialDerivationsNeedNoIntermediates() {
        assertThat(explain("x", "x").intermediates()).isEmpty();
        assertThat(explain("x", "x").toText()).contains("∂x/∂x = I");
    }

    // ---- helpers ----

    static List<Derivation> derivations(WorkedExamples example, Layout layout) {
        Expression e = MatCalc.parse(example.expr(), example.lets().toArray(String[]::new));
        return e.explain(layout, example.wrt().toArray(String[]::new));
    }

    static Derivation explain(String source, String wrt, String... lets) {
        return MatCalc.parse(source, lets).explain(Layout.NUMERATOR, wrt).getFirst();
    }

    /** The local Jacobian (or differential, for a tensor) against central differences of its one operation. */
    private static void checkLocal(LocalDerivative local, Layout layout) {
        Expr op = local.of().definition();
        Derivative d = local.derivative();
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, DMatrixRMaj> values = RandomPoints.draw(op, new SplittableRandom(seed)).values();
            Tensor numeric = FiniteDifferences.derivative(op, local.wrt(), values);
            Tensor symbolic;
            if (d.hasMatrixForm()) {
                DMatrixRMaj m = new Evaluator(values).bind(op).eval(d.matrix());
                // the tensor's order is shape(f) + shape(x): a Jacobian is stored as the numerator layout
                // writes it, a gradient (of a scalar) as the denominator layout does, in x's shape
                boolean gradient = op.isScalar() && !local.wrt().isScalar();
                if (layout == Layout.DENOMINATOR != gradient) m = CommonOps_DDRM.transpose(m, null);
                symbolic = new Tensor(numeric.shape(), m.getData().clone());
            } else {
                symbolic = Derivatives.fromLinear(d.differential(), d.directions().getFirst(), op.shape(),
                        new Evaluator(values).bind(op));
            }
            assertThat(symbolic.allClose(numeric, 1e-5, 1e-6))
                    .as("%s = %s: ∂/∂%s = %s vs %s", local.of().name().name(), op, local.wrt().name(), symbolic, numeric)
                    .isTrue();
        }
    }

    /** The substituted, unsimplified chain evaluates to the engine's answer. */
    private static void checkChain(Derivation d, Derivative engine) {
        Map<String, DMatrixRMaj> values = RandomPoints.draw(d.function(), new SplittableRandom(7)).values();
        Evaluator at = new Evaluator(values).bind(d.function());
        Tensor expected, actual;
        if (d.substituted() == d.result() || d.intermediates().isEmpty()) return;
        boolean differentialChain = d.chainRule().contains("in differentials");
        if (differentialChain) {
            Var dx = engine.directions().getFirst();
            expected = Derivatives.fromLinear(engine.differential(), dx, d.function().shape(), at);
            actual = Derivatives.fromLinear(d.substituted(), dx, d.function().shape(), at);
        } else {
            DMatrixRMaj e = at.eval(engine.matrix()), a = at.eval(d.substituted());
            expected = new Tensor(new int[]{e.numRows, e.numCols}, e.getData());
            actual = new Tensor(new int[]{a.numRows, a.numCols}, a.getData());
        }
        assertThat(actual.allClose(expected, 1e-9, 1e-9)).as("chain of %s by %s: %s vs %s",
                d.function(), d.wrt().name(), actual, expected).isTrue();
    }
}
