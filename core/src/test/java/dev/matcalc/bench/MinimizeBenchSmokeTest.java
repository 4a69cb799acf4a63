package dev.matcalc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.data.DataSource;
import dev.matcalc.problem.Solution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps bench/minimize.sh honest without timing anything: the script's problems at the quick sizes
 * (logistic regression, ridge, lasso, NNLS; seeded data written as .npy by NumPy) solved through
 * the library with the arguments the script gives matcalc, reach the objective SciPy's L-BFGS-B
 * reaches (the exact solution for ridge), as the script computes it. Skipped when Debian's
 * python3 lacks NumPy, SciPy or scikit-learn.
 */
class MinimizeBenchSmokeTest {
    @Test
    void theBenchmarkProblemsSolveToSciPysObjective(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy, scipy, sklearn").start();
        Assumptions.assumeTrue(probe.waitFor() == 0, "Debian's python3 lacks numpy, scipy or scikit-learn: the minimize benchmark cannot run");
        Process p = new ProcessBuilder(python.toString(), "bench/minimize.py", "--check", dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode problems = new ObjectMapper().readTree(out.strip().lines().reduce((a, b) -> b).orElse("[]"));
        assertThat(problems.size()).isEqualTo(5);
        for (JsonNode problem : problems) {
            List<String> args = new ArrayList<>();
            problem.get("arguments").forEach(a -> args.add(a.asText()));
            List<String> over = new ArrayList<>(), data = new ArrayList<>(), constraints = new ArrayList<>(), start = new ArrayList<>();
            Double tolerance = null;
            for (int i = 1; i < args.size(); i += 2) {
                switch (args.get(i)) {
                    case "--over" -> over.add(args.get(i + 1));
                    case "--data" -> data.add(args.get(i + 1));
                    case "--subject-to" -> constraints.add(args.get(i + 1));
                    case "--start" -> start.add(args.get(i + 1));
                    case "--tolerance" -> tolerance = Double.parseDouble(args.get(i + 1));
                    default -> throw new AssertionError("unexpected argument " + args.get(i));
                }
            }
            Solution s = MinimizeBenchmark.problem(args.get(0), over, DataSource.parseAll(data, dir), constraints,
                    DataSource.parseAll(start, dir), tolerance).solve();
            double reference = problem.get("reference").asDouble();
            String what = problem.get("problem").asText() + ": " + args.get(0);
            assertThat(s.optimal()).as(what + " " + s.message()).isTrue();
            assertThat(Math.abs(s.objective() - reference)).as(what + " objective %s, SciPy %s", s.objective(), reference)
                    .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(reference)));
        }
    }
}
