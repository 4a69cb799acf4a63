package dev.matcalc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps bench/autodiff.sh working without running it: every benchmark job at n = 10 through the
 * JMH state (no JMH), and the Python peers (NumPy closed forms, PyTorch autograd) at n = 10. No
 * timings are asserted.
 */
class AutodiffBenchSmokeTest {
    private static final List<String> JOBS = List.of("xAx:gradient:10", "xAx:hessian:10", "logistic:gradient:10",
            "logistic:hessian:10", "logistic:hvp:10", "mf:gradient:10", "mf:hessian:10", "mf:hvp:10",
            "mlp:gradient:10", "mlp:hessian:10", "mlp:hvp:10");
    /** The Hessian written into a kept array: matcalc's derivativeAt(values, into) and NumPy's out=. */
    private static final List<String> INTO = List.of("xAx:hessian-into:10", "logistic:hessian-into:10");

    @Test
    void everyJavaJobRuns() {
        for (String job : java.util.stream.Stream.concat(JOBS.stream(), INTO.stream()).toList()) {
            AutodiffBenchmark b = new AutodiffBenchmark();
            b.job = job;
            b.compile();
            assertThat(b.run()).as(job).isNotNull();
        }
    }

    @Test
    void pythonPeersRunAtTinySizes() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        for (String framework : List.of("numpy", "torch")) {
            Process probe = new ProcessBuilder(python.toString(), "-c", "import " + framework).start();
            Assumptions.assumeTrue(probe.waitFor() == 0, "Debian's python3 has no " + framework);
            List<String> jobs = framework.equals("numpy")
                    ? java.util.stream.Stream.concat(JOBS.stream(), INTO.stream()).toList() : JOBS;
            Process p = new ProcessBuilder(python.toString(), "bench/peers.py", framework,
                    new ObjectMapper().writeValueAsString(jobs)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
            @SuppressWarnings("unchecked")
            Map<String, Object> times = new ObjectMapper().readValue(last, Map.class);
            assertThat(times).containsKeys(jobs.toArray(String[]::new));
            // every job a peer can do gives a time (NumPy has no closed form for the dense MLP Hessian)
            times.forEach((job, t) -> {
                if (!(framework.equals("numpy") && job.equals("mlp:hessian:10")))
                    assertThat(t).as(framework + " " + job).isInstanceOf(Number.class);
            });
        }
    }
}
