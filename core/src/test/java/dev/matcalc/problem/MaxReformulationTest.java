package dev.matcalc.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.optimization.Status;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * max and min terms made smooth by their epigraphs: a linear SVM (hinge loss + L2) and a Chebyshev
 * fit reach SciPy's optima (stored, and live when /usr/bin/python3 has SciPy); the rewritten
 * objective equals the original where the new variables are tight; max(x, 0) of a variable becomes
 * bounds with exact zeros; non-convex uses are refused with the term and the reason.
 */
class MaxReformulationTest {
    private static final Path DIR = Path.of("core/src/test/resources/problem");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String HINGE = "sum(max(1 - y.*(X*w), 0)) + lam*norm2(w)^2";
    private static final double RELATIVE = 1e-6;

    /** A CSV file of numbers as a matrix (a column for one number per line). */
    static double[][] csv(String name) {
        try {
            return Files.readAllLines(DIR.resolve(name)).stream().filter(l -> !l.isBlank())
                    .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double[] vector(String name) {
        return java.util.Arrays.stream(csv(name)).mapToDouble(r -> r[0]).toArray();
    }

    private static Solution svm(String data, String objective, boolean maximize) {
        var builder = maximize ? MatCalc.maximize(objective) : MatCalc.minimize(objective);
        return builder.over("w").data("X", csv("svm-" + data + "-X.csv")).data("y", vector("svm-" + data + "-y.csv"))
                .data("lam", 0.1).solve();
    }

    private static Solution chebyshev(String objective) {
        return MatCalc.minimize(objective).over("x").data("A", csv("chebyshev-A.csv")).data("b", vector("chebyshev-b.csv")).solve();
    }

    /** Our optima against a reference's: every form of each problem within 1e-6 relative of its objective. */
    private static void compare(JsonNode reference) {
        for (String data : List.of("separable", "overlap")) {
            double expected = reference.get("svm-" + data).get("objective").asDouble();
            for (String form : List.of(HINGE, "-sum(min(y.*(X*w) - 1, 0)) + lam*norm2(w)^2", "sum(max(0, 1 - y.*(X*w))) + lam*w'*w")) {
                Solution s = svm(data, form, false);
                assertThat(s.status()).as(data + ": " + form + ": " + s.message()).isEqualTo(Status.OPTIMAL);
                assertThat(s.objective()).as(data + ": " + form).isCloseTo(expected, within(RELATIVE * expected));
            }
            Solution s = svm(data, "-" + HINGE.replace(" + ", " - "), true);      // max -f, reported as -f
            assertThat(s.status()).isEqualTo(Status.OPTIMAL);
            assertThat(s.objective()).isCloseTo(-expected, within(RELATIVE * expected));
            double[] w = entries(s), ref = values(reference.get("svm-" + data).get("w"));
            for (int i = 0; i < w.length; i++) assertThat(w[i]).isCloseTo(ref[i], within(1e-4));
        }
        double expected = reference.get("chebyshev").get("objective").asDouble();
        for (String form : List.of("max(A*x - b)", "-min(b - A*x)", "2*max(A*x - b)/2 + 1 - 1")) {
            Solution s = chebyshev(form);
            assertThat(s.status()).as(form + ": " + s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(s.objective()).as(form).isCloseTo(expected, within(RELATIVE * expected));
        }
    }

    private static double[] entries(Solution s) {
        return java.util.Arrays.stream(s.matrix(s.solution().keySet().iterator().next())).mapToDouble(r -> r[0]).toArray();
    }

    private static double[] values(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    @Test
    void svmAndChebyshevMatchTheStoredScipyOptima() throws IOException {
        compare(new ObjectMapper().readTree(DIR.resolve("max-reference.json").toFile()));
    }

    @Test
    void svmAndChebyshevMatchScipyLive() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: the live SciPy comparison is skipped (the stored one still runs)");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import scipy, numpy").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
                "/usr/bin/python3 has no scipy/numpy: the live SciPy comparison is skipped (the stored one still runs)");
        Process p = new ProcessBuilder(PYTHON.toString(), DIR.resolve("scipy_max.py").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("scipy_max.py exit status").isZero();
        JsonNode live = new ObjectMapper().readTree(out);
        JsonNode stored = new ObjectMapper().readTree(DIR.resolve("max-reference.json").toFile());
        for (String name : List.of("svm-separable", "svm-overlap", "chebyshev"))
            assertThat(live.get(name).get("objective").asDouble()).as(name + ": live vs stored")
                    .isCloseTo(stored.get(name).get("objective").asDouble(), within(1e-8));
        compare(live);
    }

    private static final SplittableRandom DATA = new SplittableRandom(5);
    private static final DMatrixRMaj X = gaussian(DATA, 8, 3), Y = column(1, -1, 1, 1, -1, -1, 1, -1), C = column(2, 0.5, -0.3, -2, 0.1);

    private static CompiledProblem compile(String objective, String... constraints) {
        return CompiledProblem.compile(Problem.of(objective, Sense.MIN, List.of("w"), List.of(constraints))
                .withData(data("X", X, "y", Y, "lam", scalar(0.1), "c", C)));
    }

    @Test
    void aHingeLossGetsAnEpigraph() {
        CompiledProblem p = compile(HINGE);
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w", "t1");
        assertThat(p.reformulations()).containsExactly("sum(max(1 - y.*(X*w), 0)) → sum(t1) with t1 >= 1 - y.*(X*w), t1 >= 0");
        assertThat(p.generalConstraints()).extracting(TypedConstraint::text).containsExactly("t1 >= 1 - y.*(X*w)");
        assertThat(p.boundConstraints()).extracting(TypedConstraint::text).containsExactly("t1 >= 0");
        assertThat(p.bounds().lower()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0, 0, 0, 0, 0, 0, 0, 0);
        // where t = max(1 - y.*(X*w), 0) the rewritten objective is the hinge loss; t larger adds sum(t - tight)
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[11], w = randomVector(rng, 3, 1);
            System.arraycopy(w, 0, x, 0, 3);
            for (int i = 0; i < 8; i++) {
                double margin = 0;
                for (int j = 0; j < 3; j++) margin += X.get(i, j) * w[j];
                x[3 + i] = Math.max(1 - Y.get(i) * margin, 0);
            }
            double original = p.objectiveValue(x);
            assertThat(p.problem().objective().value(x)).isCloseTo(original, within(1e-12 * Math.max(1, original)));
            double[] g = new double[8];
            p.problem().constraints(x, g, new double[0]);
            for (int i = 0; i < 8; i++) assertThat(g[i]).isLessThanOrEqualTo(1e-12);
            x[5] += 0.25;
            assertThat(p.problem().objective().value(x)).isCloseTo(original + 0.25, within(1e-12 * Math.max(1, original)));
        }
        double[] g = new double[8];
        p.problem().constraints(p.start(), g, new double[0]);       // the start's t is max(1 - y.*(X*w), 0): feasible
        for (double v : g) assertThat(v).isLessThanOrEqualTo(1e-12);
        assertGradient(p.problem().objective(), p.start(), 1e-6);
    }

    @Test
    void theLargestEntryGetsAScalarBound() {
        CompiledProblem p = compile("max(X*w - y) + 0.5*norm2(w)^2");
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w", "s1");
        assertThat(p.reformulations()).containsExactly("max(X*w - y) → s1 with X*w - y <= s1");
        assertThat(p.generalConstraints()).extracting(TypedConstraint::text).containsExactly("X*w - y <= s1");
        CompiledProblem q = compile("0.5*norm2(w)^2 - 3*min(X*w - y)");
        assertThat(q.reformulations()).containsExactly("min(X*w - y) → -s1 with -(X*w - y) <= s1");
    }

    /** sum(max(w, 0)) and -sum(min(w, 0)) of a variable: a split into bounded parts, soft thresholds with exact zeros. */
    @Test
    void aReluOfAVariableIsASplitIntoBoundedParts() {
        double lam = 0.1;
        double[] c = C.data;
        CompiledProblem p = compile("0.5*norm2(w - c)^2 + lam*sum(max(w, 0))");
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w_pos", "w_neg");
        assertThat(p.generalConstraints()).isEmpty();
        assertThat(p.reformulations()).containsExactly("sum(max(w, 0)) → sum(w_pos) with w = w_pos - w_neg, w_pos >= 0, w_neg >= 0");
        assertSolution("0.5*norm2(w - c)^2 + lam*sum(max(w, 0))", v -> v > lam ? v - lam : v >= 0 ? 0 : v);
        assertSolution("0.5*norm2(w - c)^2 - lam*sum(min(0, w))", v -> v < -lam ? v + lam : v <= 0 ? 0 : v);
        // with norm1 as well: L1Reformulation splits w first, and max(w_pos - w_neg, 0) reads as w_pos
        CompiledProblem both = compile("0.5*norm2(w - c)^2 + norm1(w) + sum(max(w, 0))");
        assertThat(both.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w_pos", "w_neg");
        assertThat(both.reformulations()).hasSize(2).last().asString().startsWith("sum(max(w, 0)) → sum(w_pos)");
        assertSolution("0.5*norm2(w - c)^2 + norm1(w) + sum(max(w, 0))", v -> v > 2 ? v - 2 : v >= -1 ? 0 : v + 1);
        assertThat(c).contains(2.0, -2.0, 0.1);
    }

    private static void assertSolution(String objective, java.util.function.DoubleUnaryOperator closedForm) {
        Solution s = MatCalc.minimize(objective).over("w").data("c", C.data).data("lam", 0.1).tolerance(1e-10).solve();
        assertThat(s.status()).as(objective).isEqualTo(Status.OPTIMAL);
        double[] w = entries(s);
        for (int i = 0; i < w.length; i++) {
            double expected = closedForm.applyAsDouble(C.data[i]);
            if (expected == 0) assertThat(w[i]).as(objective + ": entry " + i).isEqualTo(0.0);
            else assertThat(w[i]).as(objective + ": entry " + i).isCloseTo(expected, within(1e-7));
        }
    }

    @Test
    void aMaxInAConstraintIsItsEpigraph() {
        Solution s = MatCalc.minimize("0.5*norm2(w - c)^2").over("w").data("c", C.data).subjectTo("max(w) <= 1").tolerance(1e-10).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] w = entries(s);
        for (int i = 0; i < w.length; i++) assertThat(w[i]).isCloseTo(Math.min(C.data[i], 1), within(1e-6));
    }

    @Test
    void nonConvexUsesAreRefused() {
        assertThat(error("0.5*norm2(w)^2 - lam*sum(max(1 - y.*(X*w), 0))").getMessage())
                .startsWith("sum(max(1 - y.*(X*w), 0)) in the objective is not supported there: max and min are reformulated "
                        + "exactly only where the problem stays convex")
                .contains("here it enters with the factor -lam = -0.1, which makes the problem non-convex");
        assertThat(error("0.5*norm2(w)^2 + sum(min(X*w, y))").getMessage())
                .startsWith("sum(min(X*w, y)) in the objective is not supported there").contains("with the factor 1 = 1.0");
        assertThat(errorMax("-0.5*norm2(w)^2 + max(X*w)").getMessage())
                .startsWith("max(X*w) in the objective is not supported there")
                .contains("the maximized objective, that is, the minimized -f, with the factor -1 = -1.0");
        assertThat(error("norm2(max(X*w, 0) - y)^2").getMessage())
                .startsWith("max(X*w, 0) is not supported inside norm2(max(X*w, 0) - y)^2 (in the objective)")
                .contains("inside another function the problem may be non-convex and its kinks would stay");
        assertThat(error("sum(max(exp(w), 1)) + w'*w").getMessage())
                .contains("exp(w) is not affine in w");
        assertThat(error("w'*w", "max(w) == 1").getMessage())
                .startsWith("max(w) in constraint 1 (max(w) == 1) is not supported: an equality with max or min is not convex");
        assertThat(error("w'*w", "max(w) >= 1").getMessage())
                .startsWith("max(w) in constraint 1 (max(w) >= 1) is not supported there");
        assertThat(error("w'*w*max(w)").getMessage()).startsWith("max(w) is not supported inside");
    }

    @Test
    void constantMaxIsLeftAlone() {
        CompiledProblem p = compile("w'*w + sum(X*w) + max(y) + sum(max(y, 0))");
        assertThat(p.reformulations()).isEmpty();
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w");
    }

    private static SourceError error(String objective, String... constraints) {
        return Fixtures.error(Problem.of(objective, Sense.MIN, List.of("w"), List.of(constraints))
                .withData(data("X", X, "y", Y, "lam", scalar(0.1))));
    }

    private static SourceError errorMax(String objective) {
        return Fixtures.error(Problem.of(objective, Sense.MAX, List.of("w"), List.of()).withData(data("X", X, "y", Y)));
    }
}
