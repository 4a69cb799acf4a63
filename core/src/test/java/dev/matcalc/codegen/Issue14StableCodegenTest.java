package dev.matcalc.codegen;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.testing.StableReferences.Reference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

import static dev.matcalc.testing.StableReferences.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14 in generated code: the logistic loss at w = [-800, 3], log-sum-exp of entries near 1000
 * and log(sigmoid(u)) at u = -800, with gradients and Hessians, come out finite and right from the
 * generated NumPy (with overflow, invalid and divide-by-zero raised as errors, and runtime warnings
 * as errors), PyTorch, JAX (where importable) and Java; the modules document f as the user wrote it.
 */
class Issue14StableCodegenTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** f, its gradient and its Hessian by one variable, at a point where f as written overflows. */
    record Case(String name, String expr, String wrt, Map<String, Object> point, Reference expected) {
        Expression expression() {
            return MatCalc.parse(expr);
        }

        List<DerivativeResult> derivatives() {
            return List.of(expression().derivative(wrt), expression().derivative(wrt, wrt));
        }
    }

    private static final double[] Z = {1000, 999, -5}, U = {-800, 800, 0.5};

    static final List<Case> CASES = List.of(
            new Case("logisticStable", LOGISTIC, "w", logisticPoint(), logistic()),
            new Case("logSumExpStable", "log(sum(exp(z)))", "z", Map.of("z", Z), logSumExp(Z)),
            new Case("logSigmoidStable", "sum(log(sigmoid(u)))", "u", Map.of("u", U), logSigmoid(U)));

    /** Σ log σ(u_i) = -Σ softplus(-u_i); gradient σ(-u); Hessian diag(-σ(u) σ(-u)). */
    private static Reference logSigmoid(double[] u) {
        int n = u.length;
        double value = 0;
        double[] g = new double[n], h = new double[n * n];
        for (int i = 0; i < n; i++) {
            value -= softplus(-u[i]);
            g[i] = sigmoid(-u[i]);
            h[i * n + i] = -sigmoid(u[i]) * sigmoid(-u[i]);
        }
        return new Reference(value, g, h);
    }

    private static final String HARNESS = """
            import importlib.util, json, sys, warnings
            import numpy as np

            def plain(v):
                if hasattr(v, "detach"):
                    v = v.detach().cpu()
                return np.asarray(v, dtype=float).reshape(-1).tolist()

            results = []
            for i, case in enumerate(json.load(open(sys.argv[1]))):
                try:
                    spec = importlib.util.spec_from_file_location("stable_%d" % i, case["module"])
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
                    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
                        warnings.simplefilter("error", RuntimeWarning)  # an overflow warning is a failure; underflow to 0 is right
                        value, (gradient, hessian) = module.fAndG(**case["values"])
                    results.append({"value": plain(value), "gradient": plain(gradient), "hessian": plain(hessian)})
                except Exception as e:
                    results.append({"error": repr(e)})
            print(json.dumps(results))
            """;

    @Test
    void numpy() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "numpy"), "/usr/bin/python3 lacks numpy");
        runPython(Python.DEBIAN, Target.NUMPY);
    }

    @Test
    void pytorch() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "torch"), "/usr/bin/python3 lacks torch");
        runPython(Python.DEBIAN, Target.PYTORCH);
    }

    @Test
    void jax() throws IOException {
        Path python = Python.has(Python.DEBIAN, "jax") ? Python.DEBIAN
                : Python.has(GeneratedPythonTest.JAX_VENV_PYTHON, "jax") ? GeneratedPythonTest.JAX_VENV_PYTHON : null;
        assumeTrue(python != null, "JAX is not importable");
        runPython(python, Target.JAX);
    }

    @Test
    void java() throws Exception {
        for (Case c : CASES) {
            Map<String, DMatrixRMaj> point = matrices(c.point());
            Object result = GeneratedJavaTest.compileAndRun(c.name(), CodeGen.generate(c.expression(), c.derivatives(), Target.JAVA), point);
            DMatrixRMaj value = (DMatrixRMaj) result.getClass().getMethod("value").invoke(result);
            @SuppressWarnings("unchecked")
            List<DMatrixRMaj> derivatives = (List<DMatrixRMaj>) result.getClass().getMethod("derivatives").invoke(result);
            assertMatches(c.name() + " (java)", value.data, derivatives.get(0).data, derivatives.get(1).data, c.expected());
        }
    }

    /** Every target computes the stable forms and documents the forms written. */
    @Test
    void modulesComputeStableFormsAndShowTheWrittenOnes() {
        Case logistic = CASES.get(0);
        Map<Target, List<String>> expected = Map.of(
                Target.NUMPY, List.of("np.logaddexp(0.0, u)", "value = np.sum(softplus("),
                Target.PYTORCH, List.of("torch.logaddexp(u, torch.zeros_like(u))", "value = torch.sum(softplus("),
                Target.JAX, List.of("jax.nn.softplus(u)", "value = jnp.sum(softplus("),
                Target.JAVA, List.of("Math.log1p(Math.exp(-Math.abs(u)))", "MatcalcFunction::softplus"));
        expected.forEach((target, stable) -> {
            String code = CodeGen.generate(logistic.expression(), logistic.derivatives(), target);
            assertThat(code).as(target.label()).contains("f = " + LOGISTIC).contains(stable).doesNotContain("log(1.0 + ", "Math::log)");
        });
        String jax = CodeGen.generate(CASES.get(1).expression(), CASES.get(1).derivatives(), Target.JAX);
        assertThat(jax).contains("f = log(sum(exp(z)))", "jax.nn.logsumexp(v, axis=0)", "jax.nn.softmax(v, axis=0)");
    }

    private static void runPython(Path python, Target target) throws IOException {
        Files.createDirectories(GeneratedCode.DIR);
        List<Map<String, Object>> manifest = new ArrayList<>();
        for (Case c : CASES) {
            Path module = GeneratedCode.DIR.resolve(c.name() + "_" + target.label() + ".py");
            Files.writeString(module, CodeGen.generate(c.expression(), c.derivatives(), target));
            manifest.add(Map.of("module", module.toAbsolutePath().toString(), "values", c.point()));
        }
        Path manifestFile = GeneratedCode.DIR.resolve("stable_" + target.label() + ".json"), harness = GeneratedCode.DIR.resolve("stable_harness.py");
        JSON.writeValue(manifestFile.toFile(), manifest);
        Files.writeString(harness, HARNESS);
        Python.Run r = Python.run(python, 600, harness.toString(), manifestFile.toString());
        assertThat(r.exit()).as("the harness failed: %s", r.err()).isZero();
        JsonNode results = JSON.readTree(r.out());
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonNode o = results.get(i);
            assertThat(o.has("error") ? o.get("error").asText() : null).as("%s (%s) raised", c.name(), target.label()).isNull();
            assertMatches(c.name() + " (" + target.label() + ")", numbers(o.get("value")), numbers(o.get("gradient")), numbers(o.get("hessian")), c.expected());
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    private static void assertMatches(String what, double[] value, double[] gradient, double[] hessian, Reference expected) {
        assertFiniteAndClose(what + " value", value, new double[] {expected.value()});
        assertFiniteAndClose(what + " gradient", gradient, expected.gradient());
        assertFiniteAndClose(what + " Hessian", hessian, expected.hessian());
    }

    private static void assertFiniteAndClose(String what, double[] actual, double[] expected) {
        for (int i = 0; i < actual.length; i++) assertThat(actual[i]).as("%s: entry %d", what, i).isFinite();
        GeneratedCode.assertClose(what, actual, expected);
    }

    private static Map<String, DMatrixRMaj> matrices(Map<String, Object> point) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        point.forEach((name, v) -> out.put(name, v instanceof double[][] rows ? new DMatrixRMaj(rows)
                : new DMatrixRMaj(((double[]) v).length, 1, true, (double[]) v)));
        return out;
    }
}
