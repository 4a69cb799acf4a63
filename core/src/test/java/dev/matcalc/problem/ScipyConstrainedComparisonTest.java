package dev.matcalc.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Optimization;
import dev.matcalc.optimization.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The small constrained problems of the tests and the README (simplex projections, a QP with
 * linear inequalities and bounds, a linear objective on the ball, maximum entropy with a mean,
 * NNLS, the lasso) solved at the default tolerance agree with SciPy's SLSQP at its tightest
 * tolerance to 1e-8: the polished answers carry the digits a first-order solve at 1e-6 does not.
 * The problems and SciPy's answers come from {@code scipy_constrained.py}; skipped, saying why,
 * without SciPy in {@code /usr/bin/python3}.
 */
class ScipyConstrainedComparisonTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("core/src/test/resources/problem/scipy_constrained.py");

    @Test
    void defaultToleranceAnswersMatchSlsqp() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: the SciPy comparison is skipped");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import scipy, numpy").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0, "/usr/bin/python3 has no scipy: the comparison is skipped");
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("scipy_constrained.py exit status").isZero();
        JsonNode problems = new ObjectMapper().readTree(out).get("problems");
        assertThat(problems.size()).isEqualTo(7);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %6s %6s %12s%n", "problem", "status", "iter", "evals", "max |Δx|"));
        for (Iterator<Map.Entry<String, JsonNode>> it = problems.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode q = e.getValue();
            String var = q.get("over").asText();
            Optimization o = q.get("sense").asText().equals("max") ? MatCalc.maximize(q.get("objective").asText())
                    : MatCalc.minimize(q.get("objective").asText());
            o.over(var);
            q.get("constraints").forEach(c -> o.subjectTo(c.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> d = q.get("data").properties().iterator(); d.hasNext(); ) {
                Map.Entry<String, JsonNode> value = d.next();
                o.data(value.getKey(), value(value.getValue()));
            }
            Solution s = o.solve();
            double[] got = s.solution().get(var).data(), scipy = (double[]) value(q.get("x"));
            double worst = 0;
            for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - scipy[i]) / Math.max(1, Math.abs(scipy[i])));
            table.append(String.format(Locale.ROOT, "%-16s %10s %6d %6d %12.2e%n", e.getKey(), s.status(), s.iterations(), s.evaluations(), worst));
            assertThat(s.status()).as("%s: %s", e.getKey(), s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(got).as(e.getKey()).hasSameSizeAs(scipy);
            assertThat(worst).as("%s: %s vs SciPy's %s", e.getKey(), java.util.Arrays.toString(got), java.util.Arrays.toString(scipy))
                    .isLessThan(1e-8);
            assertThat(s.violation()).as("%s: violation", e.getKey()).isLessThan(1e-12);
        }
        System.out.print(table);
    }

    private static Object value(JsonNode v) {
        if (v.isNumber()) return v.asDouble();
        if (v.get(0).isArray()) {
            double[][] rows = new double[v.size()][];
            for (int i = 0; i < v.size(); i++) rows[i] = (double[]) value(v.get(i));
            return rows;
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < v.size(); i++) out[i] = v.get(i).asDouble();
        return out;
    }
}
