package dev.matcalc.optimization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.matcalc.optimization.TestProblems.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our L-BFGS-B beside SciPy's (the reference Fortran, L-BFGS-B 3.0) on identical problems with
 * the same settings (m = 10, projected gradient 1e-6, relative decrease 1e-12, 20 evaluations
 * per line search). The problems are built from {@link TestProblems.Lcg} data, which
 * {@code scipy_lbfgsb.py} reproduces bit for bit. One test compares with the stored output of that
 * script (always runs); the other runs the script when /usr/bin/python3 has SciPy.
 */
class ScipyComparisonTest {
    private static final Path SCRIPT = Path.of("core/src/test/resources/optimization/scipy_lbfgsb.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Options OPTIONS = Options.defaults().withMethod(Method.LBFGSB).withTolerance(1e-6).withDecreaseTolerance(1e-12).withMemory(10);

    record Problem(DifferentiableFunction f, double[] x0, Bounds bounds) {
    }

    /** Must match problems() in scipy_lbfgsb.py. */
    static Map<String, Problem> problems() {
        Map<String, Problem> out = new LinkedHashMap<>();
        out.put("rosenbrock2", new Problem(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2)));
        double[] x0 = new double[100];
        for (int i = 0; i < 100; i++) x0[i] = i % 2 == 0 ? -1.2 : 1;
        out.put("rosenbrock100", new Problem(rosenbrock(100, false), x0, Bounds.none(100)));

        int n = 50;
        Lcg lcg = new Lcg(1);
        double[][] gram = gramPlus(lcg.matrix(n, n), 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) gram[i][j] *= Math.pow(10, 2.0 * i / (n - 1)) * Math.pow(10, 2.0 * j / (n - 1));
        }
        out.put("illConditionedQuadratic", new Problem(quadratic(gram, lcg.vector(n, -0.5, 1), false), new double[n], Bounds.none(n)));

        lcg = new Lcg(2);
        double[][] a = gramPlus(lcg.matrix(n, n), 0.1);
        out.put("boxQuadratic", new Problem(quadratic(a, lcg.vector(n, -1, 2), false), new double[n], Bounds.box(n, -0.5, 0.5)));

        lcg = new Lcg(3);
        double[][] m = lcg.matrix(60, 40);
        double[] ones = new double[40];
        Arrays.fill(ones, 1);
        out.put("nonNegativeLeastSquares", new Problem(leastSquares(m, lcg.vector(60, -0.5, 1), 0), ones, Bounds.nonNegative(40)));

        lcg = new Lcg(4);
        double[][] half = lcg.matrix(40, 30), split = new double[40][60];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 30; j++) {
                split[i][j] = half[i][j];
                split[i][30 + j] = -half[i][j];
            }
        }
        out.put("lassoSplit", new Problem(leastSquares(split, lcg.vector(40, -1.5, 3), 0.5), new double[60], Bounds.nonNegative(60)));

        lcg = new Lcg(5);
        double[] start = new double[20];
        Arrays.fill(start, 5);
        out.put("negativeLog", new Problem(negativeLog(lcg.vector(20, 0.5, 1)), start, Bounds.none(20)));
        return out;
    }

    /** G'G/n + shift·I, n = G's size. */
    private static double[][] gramPlus(double[][] g, double shift) {
        int n = g.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += g[k][i] * g[k][j];
                a[i][j] = s / n + (i == j ? shift : 0);
            }
        }
        return a;
    }

    @Test
    void storedScipyReference() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/optimization/scipy-lbfgsb-reference.json")) {
            assertThat(in).as("stored reference").isNotNull();
            compare(new ObjectMapper().readTree(in), "stored reference");
        }
    }

    @Test
    void liveScipy() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: the live SciPy comparison is skipped (the stored one still runs)");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import scipy, numpy").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
                "/usr/bin/python3 has no scipy/numpy: the live SciPy comparison is skipped (the stored one still runs)");
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("scipy_lbfgsb.py exit status").isZero();
        compare(new ObjectMapper().readTree(out), "SciPy " + new ObjectMapper().readTree(out).get("scipy").asText());
    }

    private static void compare(JsonNode reference, String source) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "L-BFGS-B vs %s%n%-24s %15s %6s %6s %22s %6s %6s%n",
                source, "problem", "status", "iter", "evals", "objective", "scipy", "evals"));
        for (Map.Entry<String, Problem> e : problems().entrySet()) {
            String name = e.getKey();
            Problem p = e.getValue();
            JsonNode s = reference.get("problems").get(name);
            Result r = LbfgsB.minimize(p.f(), p.x0(), p.bounds(), OPTIONS);
            double scipyF = s.get("fun").asDouble(Double.NaN);
            int scipyIterations = s.get("nit").asInt(), scipyEvaluations = s.get("nfev").asInt();
            table.append(String.format(Locale.ROOT, "%-24s %15s %6d %6d %22.15g %6d %6d  %s%n", name, r.status(), r.iterations(), r.evaluations(),
                    r.objective(), scipyIterations, scipyEvaluations, Double.isFinite(scipyF) ? String.format(Locale.ROOT, "%.15g", scipyF) : s.get("message").asText()));
            assertThat(r.status()).as("%s: %s", name, r).isEqualTo(Status.OPTIMAL);
            if (Double.isFinite(scipyF)) {
                double scale = Math.max(1, Math.abs(scipyF));
                assertThat(r.objective()).as("%s: f no worse than SciPy's", name).isLessThanOrEqualTo(scipyF + 1e-9 * scale);
                assertThat(r.iterations()).as("%s: iterations comparable to SciPy's %d", name, scipyIterations).isLessThanOrEqualTo(2 * scipyIterations + 10);
                assertThat(r.evaluations()).as("%s: evaluations comparable to SciPy's %d", name, scipyEvaluations).isLessThanOrEqualTo(2 * scipyEvaluations + 10);
            }
        }
        System.out.print(table);
    }
}
