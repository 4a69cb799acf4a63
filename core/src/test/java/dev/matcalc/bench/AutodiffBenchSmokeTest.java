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
import static org.assertj.core.api.Assertions.within;

/**
 * Keeps bench/autodiff.sh working without running it: every benchmark job at n = 10 through the
 * JMH state (no JMH), and the Python peers (NumPy closed forms, PyTorch autograd) at n = 10; the
 * layer families' gradients agree with the peers'. No timings are asserted.
 */
class AutodiffBenchSmokeTest {
    private static final List<String> JOBS = List.of("xAx:gradient:10", "xAx:hessian:10", "logistic:gradient:10",
            "logistic:hessian:10", "logistic:hvp:10", "mf:gradient:10", "mf:hessian:10", "mf:hvp:10",
            "mlp:gradient:10", "mlp:hessian:10", "mlp:hvp:10", "mlp-ce:gradient:10", "attention:gradient:10");
    /** The layer families: f and the gradient by every parameter, compared with PyTorch's. */
    private static final List<String> LAYERS = List.of("mlp-ce:gradient:10", "attention:gradient:10");
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

    /**
     * The layer families' value and gradients from matcalc's joint plan agree with PyTorch autograd's
     * and with the hand-written NumPy backward pass, on the same data (Layers.java and peers.py
     * generate the same numbers): the three compute one function, so what the benchmark times is the
     * same work.
     */
    @Test
    void layerGradientsAgreeWithPyTorchAndNumPy() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: layer gradients not compared");
        for (String framework : List.of("numpy", "torch")) {
            Process probe = new ProcessBuilder(python.toString(), "-c", "import " + framework).start();
            Assumptions.assumeTrue(probe.waitFor() == 0, "Debian's python3 has no " + framework
                    + ": layer gradients not compared with it");
            Map<String, Object> peer = peerOutput(python, framework, LAYERS, "--values");
            for (String job : LAYERS) {
                String[] p = job.split(":");
                AutodiffProblems problem = AutodiffProblems.of(p[0], Integer.parseInt(p[2]), 42);
                List<org.ejml.data.DMatrixRMaj> mine = new JointGradient(problem).run(problem.values());
                @SuppressWarnings("unchecked")
                List<List<Number>> theirs = (List<List<Number>>) peer.get(job);
                assertThat(theirs).as(framework + " " + job).hasSize(mine.size());
                for (int i = 0; i < mine.size(); i++) {
                    String what = framework + " " + job + (i == 0 ? " value" : " gradient by " + problem.wrt().get(i - 1));
                    double[] m = java.util.Arrays.copyOf(mine.get(i).data, mine.get(i).getNumElements());
                    List<Number> t = theirs.get(i);
                    assertThat(t).as(what).hasSize(m.length);
                    double scale = 0;
                    for (Number x : t) scale = Math.max(scale, Math.abs(x.doubleValue()));
                    assertThat(scale).as(what + ": a gradient that is not zero").isGreaterThan(1e-6);
                    for (int k = 0; k < m.length; k++)
                        assertThat(m[k]).as(what + " entry " + k).isCloseTo(t.get(k).doubleValue(), within(1e-11 * scale));
                }
            }
        }
    }

    private static Map<String, Object> peerOutput(Path python, String framework, List<String> jobs, String... more) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(python.toString(), "bench/peers.py", framework,
                new ObjectMapper().writeValueAsString(jobs)));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(last, Map.class);
        return parsed;
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
            Map<String, Object> times = peerOutput(python, framework, jobs);
            assertThat(times).containsKeys(jobs.toArray(String[]::new));
            // every job a peer can do gives a time (NumPy has no closed form for the dense MLP Hessian)
            times.forEach((job, t) -> {
                if (!(framework.equals("numpy") && job.equals("mlp:hessian:10")))
                    assertThat(t).as(framework + " " + job).isInstanceOf(Number.class);
            });
        }
    }
}
