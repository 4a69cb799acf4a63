package dev.matcalc.api;

import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact answers a person would write, for the notes' worked examples and Matrix Cookbook
 * identities ({@code golden/derivatives.txt}), and each one checked numerically at random points,
 * against central finite differences and by {@code check} (dual numbers): a golden text alone could
 * pin a wrong answer.
 */
class GoldenDerivativesTest {

    record Case(String name, String expr, Map<String, String> lets, List<String> wrt, Layout layout, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = GoldenDerivativesTest.class.getResourceAsStream("/golden/derivatives.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\|", -1);
                Map<String, String> lets = new LinkedHashMap<>();
                for (String let : f[2].trim().split(",")) {
                    if (let.isBlank()) continue;
                    String[] kv = let.trim().split(":", 2);
                    lets.put(kv[0], kv[1]);
                }
                out.add(new Case(f[0].trim(), f[1].trim(), lets, Arrays.stream(f[3].trim().split(",")).map(String::trim).toList(),
                        Layout.parse(f[4]), f[5].trim()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compactAnswer(Case c) {
        Answer answer = Service.derive(new Request(c.expr(), c.wrt(), c.lets(), 1, c.layout(), List.of("text"), false, null));
        String text = c.wrt().size() == 1
                ? answer.derivatives().get(0).text()
                : answer.stacked().text();
        if (c.wrt().size() == 1 && answer.derivatives().get(0).definitions() != null) {
            StringBuilder sb = new StringBuilder();
            for (Answer.Definition d : answer.derivatives().get(0).definitions())
                sb.append(d.name()).append(" = ").append(d.text()).append("; ");
            text = sb + text;
        }
        assertThat(text).isEqualTo(c.expected());
    }

    /** Central differences, computed apart from the checker (which compares with dual numbers). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithFiniteDifferences(Case c) {
        String[] lets = c.lets().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toArray(String[]::new);
        Expression f = dev.matcalc.MatCalc.parse(c.expr(), lets);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(c.name().hashCode());
        for (String wrt : c.wrt()) {
            DerivativeResult d = f.derivative(c.layout(), wrt);
            for (int p = 0; p < 3; p++) {
                dev.matcalc.testing.NumericCheck.Comparison cmp = dev.matcalc.testing.NumericCheck.compare(f, d, rng);
                assertThat(cmp.error()).as("d/d%s = %s\n%s", wrt, d.toText(), cmp.describe()).isLessThan(1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesTheCheck(Case c) {
        CheckReport report = Checker.check(c.expr(), c.wrt(), c.lets(), 1, c.layout(), 3, 7, 1e-6);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.worstError()).isLessThan(1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerReparsesToTheSameValue(Case c) {
        if (c.wrt().size() != 1) return;
        Answer answer = Service.derive(new Request(c.expr(), c.wrt(), c.lets(), 1, c.layout(), List.of("text"), false, null));
        Answer.Part part = answer.derivatives().get(0);
        StringBuilder program = new StringBuilder();
        if (part.definitions() != null)
            for (Answer.Definition d : part.definitions()) program.append(d.name()).append(" = ").append(d.text()).append('\n');
        program.append(part.text());
        String[] lets = c.lets().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toArray(String[]::new);
        Expression original = dev.matcalc.MatCalc.parse(c.expr(), lets);
        DerivativeResult derivative = original.derivative(c.layout(), c.wrt().get(0));
        Expression reparsed;
        try {
            reparsed = dev.matcalc.MatCalc.parse(program.toString(), lets);
        } catch (SourceError e) {
            throw new AssertionError("answer does not re-parse:\n" + program + "\n" + e.format());
        }
        var point = dev.matcalc.numeric.RandomPoints.draw(original.expr(), new java.util.SplittableRandom(11));
        var evaluator = new dev.matcalc.numeric.Evaluator(point.values()).bind(original.expr());
        var expected = evaluator.bind(derivative.expr()).eval(derivative.expr());
        org.ejml.data.DMatrixRMaj actual;
        try {
            actual = new dev.matcalc.numeric.Evaluator(point.values()).bind(reparsed.expr()).eval(reparsed.expr());
        } catch (SourceError sizeUnknown) {
            // eye, vector(1): constants whose size no variable fixes; then the text must read back unchanged
            assertThat(dev.matcalc.render.Render.text(reparsed.expr())).isEqualTo(part.text());
            return;
        }
        assertThat(actual.numRows * actual.numCols).isEqualTo(expected.numRows * expected.numCols);
        for (int i = 0; i < expected.getNumElements(); i++)
            assertThat(actual.get(i)).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(expected.get(i)))));
    }
}
