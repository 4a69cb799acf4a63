package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notes' first rule, d/dx c = 0: a declared variable that the expression does not mention is
 * a variable like any other, f is constant in it, and its derivative is the zero of shape(f) +
 * shape(x) in every layout and order (issue 14). Only an undeclared name that does not occur is
 * an error.
 */
class ConstantRuleTest {
    private static final double[] X3 = {1, 2, 3};
    private static final double[][] M23 = {{1, 2, 3}, {4, 5, 6}};

    /**
     * f, the declaration of x (which f does not mention), the point, the numbers' axes there, and
     * the matrix form's shape in numerator, denominator and mixed layout (null: a tensor).
     */
    record Row(String f, String let, Map<String, Object> at, int[] axes, String numerator, String denominator,
               String mixed) {
        @Override
        public String toString() {
            return "d(" + f + ")/d" + let;
        }
    }

    static Stream<Arguments> rows() {
        Map<String, Object> vectors = Map.of("a", 2.0, "y", new double[]{1, 2});
        return Stream.of(
                new Row("99", "x:scalar", Map.of("x", 5.0), new int[0], "1×1", "1×1", "1×1"),
                new Row("99", "x:vector(n)", Map.of("x", X3), new int[]{3}, "1×n", "n×1", "n×1"),
                new Row("a*y", "x:scalar", with(vectors, "x", 5.0), new int[]{2}, "n×1", "1×n", "n×1"),
                new Row("a*y", "x:vector(n)", with(vectors, "x", X3), new int[]{2, 3}, "m×n", "n×m", "m×n"),
                new Row("tr(A)", "X:matrix(p,q)", Map.of("A", new double[][]{{1, 2}, {3, 4}}, "X", M23),
                        new int[]{2, 3}, "q×p", "p×q", "p×q"),
                new Row("x'*A*x", "S:symmetric(k)", Map.of("x", new double[]{1, 2}, "A", new double[][]{{1, 2}, {3, 4}},
                        "S", new double[][]{{1, 2, 3}, {2, 4, 5}, {3, 5, 6}}), new int[]{3, 3}, "k×k", "k×k", "k×k"),
                new Row("a*y", "X:matrix(p,q)", with(vectors, "X", M23), new int[]{2, 2, 3}, null, null, null))
                .flatMap(r -> Stream.of(Layout.values()).map(l -> Arguments.of(r, l)));
    }

    private static Map<String, Object> with(Map<String, Object> values, String name, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.put(name, value);
        return out;
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("rows")
    void constantRule_declaredVariableNotOccurring_issue14(Row row, Layout layout) {
        String x = row.let().substring(0, row.let().indexOf(':'));
        Expression f = MatCalc.parse(row.f(), row.let());
        assertThat(f.variables()).as("x is not one of f's variables").noneMatch(v -> v.name().equals(x));
        DerivativeResult d = f.derivative(layout, x);

        String shape = switch (layout) {
            case NUMERATOR -> row.numerator();
            case DENOMINATOR -> row.denominator();
            case MIXED -> row.mixed();
        };
        assertThat(d.derivative().hasMatrixForm()).isEqualTo(shape != null);
        if (shape != null) assertThat(d.shape()).hasToString(shape);

        Tensor numbers = d.evaluate(row.at());
        assertThat(numbers.shape()).containsExactly(row.axes());
        assertAllZero(numbers);
        assertThat(d.evaluateDifferential(row.at()).relativeError(numbers)).isZero();
        CompiledDerivative.Evaluation compiled = d.compile().evaluate(row.at());
        assertThat(compiled.derivative().shape()).containsExactly(row.axes());
        assertThat(compiled.derivative().relativeError(numbers)).isZero();

        // and against finite differences, as every rule is
        Map<String, String> let = Map.of(x, row.let().substring(row.let().indexOf(':') + 1));
        CheckReport check = Checker.check(row.f(), List.of(x), let, 1, layout, 3, 7, 1e-9);
        assertThat(check.passed()).as(String.join("\n", check.lines())).isTrue();
    }

    @Test
    void constantRule_undeclaredAbsentNameStaysAnError_issue14() {
        assertThatThrownBy(() -> MatCalc.parse("99").derivative("x"))
                .isInstanceOf(SourceError.class).hasMessageStartingWith("'x' does not occur in the expression");
        // a declaration of another name does not make x a variable
        assertThatThrownBy(() -> MatCalc.parse("a*y", "z:scalar").derivative("x"))
                .isInstanceOf(SourceError.class).hasMessageContaining("'x' does not occur in the expression; its variables are a, y");
        // a defined name is not a variable, declared or not
        assertThatThrownBy(() -> MatCalc.parse("Y = X'*X; tr(Y)", "Y:matrix(n,n)").derivative("Y"))
                .isInstanceOf(SourceError.class).hasMessageContaining("'Y' does not occur");
    }

    @Test
    void constantRule_higherOrdersAndMixedDerivatives_issue14() {
        Map<String, String> lets = Map.of("z", "vector(k)", "X", "matrix(p,q)");
        for (List<String> wrt : List.of(List.of("z", "z"), List.of("x", "z"), List.of("z", "x"), List.of("X", "X"))) {
            CheckReport check = Checker.check("x'*A*x + sum(exp(x))", wrt, lets, 2, Layout.NUMERATOR, 2, 3, 1e-9);
            assertThat(check.passed()).as("%s: %s", wrt, check.lines()).isTrue();
        }
        Expression f = MatCalc.parse("x'*A*x", "z:vector(k)");
        Map<String, Object> at = Map.of("x", new double[]{1, 2}, "A", new double[][]{{1, 2}, {3, 4}}, "z", X3);
        Tensor mixed = f.derivative(Layout.NUMERATOR, "z", "x").evaluate(at);
        assertThat(mixed.shape()).containsExactly(3, 2);
        assertAllZero(mixed);
        assertThat(f.derivative(Layout.NUMERATOR, "x", "z").evaluate(at).shape()).containsExactly(2, 3);
    }

    @Test
    void constantRule_answerNotesItAndSizesComeFromThePoint_issue14() {
        Request partials = new Request("x^2", List.of("x", "y"), Map.of("x", "scalar", "y", "scalar"), 1,
                Layout.NUMERATOR, null, false, Map.of("x", 3, "y", 1));
        Answer a = Service.derive(partials);
        assertThat(a.notes()).containsExactly("y does not occur in the expression: the derivative by y is zero");
        assertThat(a.variables()).containsKeys("x", "y");
        assertThat(a.variables().get("y").origin()).isEqualTo("declared");
        assertThat(a.derivatives().get(1).text()).isEqualTo("0");
        assertThat(a.stacked().text()).isEqualTo("[2*x, 0]");

        // x's size is its value's, shared with nothing in f
        Request request = new Request("sum(A*y)", List.of("x"), Map.of("x", "vector(n)"), 1, Layout.MIXED, null, false,
                Map.of("A", new double[][]{{1, 2}}, "y", new double[]{1, 1}, "x", new double[]{1, 2, 3, 4}));
        Answer.Part part = Service.derive(request).derivatives().get(0);
        assertThat(part.shape()).containsExactly(4);
        assertThat(part.value()).isEqualTo(List.of(0.0, 0.0, 0.0, 0.0));
        assertThat(Service.derive(new Request("sum(A*y)", List.of("y"), Map.of("x", "vector(n)"), 1, Layout.MIXED,
                null, false, null)).notes()).as("no note when every variable differentiated by occurs").isNull();

        Map<String, Object> noX = Map.of("A", new double[][]{{1, 2}}, "y", new double[]{1, 1});
        assertThatThrownBy(() -> Service.derive(new Request("sum(A*y)", List.of("x"), Map.of("x", "vector(n)"), 1,
                Layout.MIXED, null, false, noX))).isInstanceOf(SourceError.class).hasMessage("no value for x");
        Map<String, Object> wrongSize = with(noX, "x", new double[]{1, 2});
        assertThatThrownBy(() -> Service.derive(new Request("sum(A*y)", List.of("x"), Map.of("x", "vector(3)"), 1,
                Layout.MIXED, null, false, wrongSize))).isInstanceOf(SourceError.class)
                .hasMessageContaining("the value given for x is 2×1, but x is declared as 3×1");
    }

    private static void assertAllZero(Tensor t) {
        assertThat(t.data()).isNotEmpty();
        for (double v : t.data()) assertThat(Math.abs(v)).as("an entry of %s", t).isZero();
    }
}
