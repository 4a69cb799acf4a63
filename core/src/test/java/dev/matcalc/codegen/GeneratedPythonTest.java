package dev.matcalc.codegen;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Executes the generated NumPy, PyTorch and JAX modules on the corpus and compares them with
 * matcalc's evaluator; each module's own {@code checkGradient} must agree with central differences.
 * NumPy and PyTorch run in Debian's python3 (CI installs python3-numpy and python3-torch; without
 * them these tests are skipped); JAX, which Debian does not package, runs where it is importable.
 */
class GeneratedPythonTest {
    static final Path JAX_VENV_PYTHON = Path.of("target", "jax-venv", "bin", "python");

    private static Map<String, Map<String, DMatrixRMaj>> points() {
        Map<String, Map<String, DMatrixRMaj>> points = new HashMap<>();
        long seed = 11;
        for (Corpus.Case c : Corpus.CASES) points.put(c.name(), c.point(seed++));
        return points;
    }

    private static Stream<DynamicTest> corpus(Path python, Target target) throws IOException {
        Map<String, Map<String, DMatrixRMaj>> points = points();
        List<GeneratedCode.Outcome> outcomes = GeneratedCode.run(python, target, Corpus.CASES, points);
        assertThat(outcomes).hasSameSizeAs(Corpus.CASES);
        return Corpus.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (" + target.label() + ")",
                () -> GeneratedCode.assertMatches(c, outcomes.get(Corpus.CASES.indexOf(c)), points.get(c.name()))));
    }

    @TestFactory
    Stream<DynamicTest> numpyModulesAgreeWithTheEvaluator() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "numpy"), "/usr/bin/python3 lacks numpy (apt-get install python3-numpy)");
        return corpus(Python.DEBIAN, Target.NUMPY);
    }

    @TestFactory
    Stream<DynamicTest> pytorchModulesAgreeWithTheEvaluator() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "torch"), "/usr/bin/python3 lacks torch (apt-get install python3-torch)");
        return corpus(Python.DEBIAN, Target.PYTORCH);
    }

    @TestFactory
    Stream<DynamicTest> jaxModulesAgreeWithTheEvaluator() throws IOException {
        Path python = Python.has(Python.DEBIAN, "jax") ? Python.DEBIAN : Python.has(JAX_VENV_PYTHON, "jax") ? JAX_VENV_PYTHON : null;
        assumeTrue(python != null, "JAX is not importable: Debian packages no JAX, and there is no " + JAX_VENV_PYTHON
                + " with it (create it with: /usr/bin/python3 -m venv target/jax-venv && target/jax-venv/bin/pip install jax jaxlib)");
        return corpus(python, Target.JAX);
    }

    /** Whatever the interpreter has installed, every generated module is valid Python. */
    @Test
    void everyGeneratedModuleCompiles() throws IOException {
        assumeTrue(java.nio.file.Files.isExecutable(Python.DEBIAN), "no /usr/bin/python3");
        java.nio.file.Files.createDirectories(GeneratedCode.DIR);
        List<String> args = new ArrayList<>(List.of("-m", "py_compile"));
        for (Target t : List.of(Target.NUMPY, Target.PYTORCH, Target.JAX))
            for (Corpus.Case c : Corpus.CASES) {
                Path p = GeneratedCode.DIR.resolve("compile_" + c.name() + "_" + t.label() + ".py");
                java.nio.file.Files.writeString(p, CodeGen.generate(c.expression(), c.derivatives(), t));
                args.add(p.toString());
            }
        Python.Run r = Python.run(Python.DEBIAN, 120, args.toArray(String[]::new));
        assertThat(r.exit()).as("py_compile: %s", r.err()).isZero();
    }

    /**
     * Issue 14: each generated Python module refuses, at entry, a value of a symmetric input that is
     * not symmetric (naming the entries, in Python's indexing), accepts one symmetric up to rounding,
     * and (JAX) still runs under {@code jax.jit}, where values are not known while tracing.
     */
    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() throws IOException {
        Path jax = Python.has(Python.DEBIAN, "jax") ? Python.DEBIAN : Python.has(JAX_VENV_PYTHON, "jax") ? JAX_VENV_PYTHON : null;
        Map<Target, Path> pythons = new LinkedHashMap<>();
        if (Python.has(Python.DEBIAN, "numpy")) pythons.put(Target.NUMPY, Python.DEBIAN);
        if (Python.has(Python.DEBIAN, "torch")) pythons.put(Target.PYTORCH, Python.DEBIAN);
        if (jax != null) pythons.put(Target.JAX, jax);
        assumeTrue(!pythons.isEmpty(), "no Python with numpy, torch or jax");
        Corpus.Case quadratic = Corpus.CASES.stream().filter(c -> c.name().equals("quadraticSymmetricByA")).findFirst().orElseThrow();
        java.nio.file.Files.createDirectories(GeneratedCode.DIR);
        Path script = GeneratedCode.DIR.resolve("symmetric_issue14.py");
        java.nio.file.Files.writeString(script, """
                import importlib.util, sys
                spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
                m = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(m)
                try:
                    m.fAndG(x=[1.0, 2.0], A=[[1.0, 2.0], [3.0, 4.0]])
                    print("accepted")
                except ValueError as e:
                    print("refused:", e)
                print("rounded:", float(m.fAndG(x=[1.0, 2.0], A=[[1.0, 0.1 + 0.2], [0.3, 4.0]])[0]))
                if sys.argv[2] == "jax":
                    import jax, jax.numpy as jnp
                    print("jit:", float(jax.jit(m.fAndG)(jnp.array([1.0, 2.0]), jnp.array([[1.0, 2.0], [2.0, 4.0]]))[0]))
                """);
        for (Map.Entry<Target, Path> p : pythons.entrySet()) {
            Path module = GeneratedCode.DIR.resolve("symmetric_issue14_" + p.getKey().label() + ".py");
            java.nio.file.Files.writeString(module, CodeGen.generate(quadratic.expression(), quadratic.derivatives(), p.getKey()));
            Python.Run r = Python.run(p.getValue(), 300, script.toString(), module.toString(), p.getKey().label());
            assertThat(r.exit()).as("%s: %s", p.getKey(), r.err()).isZero();
            assertThat(r.out()).as("%s", p.getKey())
                    .contains("refused: A is declared symmetric(n) but its value is not symmetric: A[1, 0] = 3.0 but A[0, 1] = 2.0, "
                            + "a difference of 1.0 (at most 1e-10 * max|A| = 4e-10 is allowed)")
                    .contains("rounded: 18.2");
            if (p.getKey() == Target.JAX) assertThat(r.out()).contains("jit: 25.0");
        }
    }
}
