package dev.matcalc.codegen;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.testing.StableAlongDimension;
import dev.matcalc.testing.StableAlongDimension.Case;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Softmax and log-sum-exp along rows and columns at logits near 1000 in generated code: NumPy (with
 * overflow, invalid and divide-by-zero raised as errors, runtime warnings as errors), PyTorch and
 * Java compute the value and gradient finite and right, and document f as the user wrote it.
 */
class StableAlongDimensionCodegenTest {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

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
                    spec = importlib.util.spec_from_file_location("along_%d" % i, case["module"])
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
                    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
                        warnings.simplefilter("error", RuntimeWarning)
                        value, gradient = module.fAndG(**case["values"])
                    results.append({"value": plain(value), "gradient": plain(gradient)})
                except Exception as e:
                    results.append({"error": repr(e)})
            print(json.dumps(results))
            """;

    private static String generate(Case c, Target target) {
        Expression f = MatCalc.parse(c.expr());
        return CodeGen.generate(f, List.of(f.derivative(Layout.MIXED, "Z")), target);
    }

    @Test
    void numpy() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "numpy"), "/usr/bin/python3 lacks numpy");
        runPython(Target.NUMPY);
    }

    @Test
    void pytorch() throws IOException {
        assumeTrue(Python.has(Python.DEBIAN, "torch"), "/usr/bin/python3 lacks torch");
        runPython(Target.PYTORCH);
    }

    @Test
    void java() throws Exception {
        for (Case c : StableAlongDimension.CASES) {
            Map<String, DMatrixRMaj> point = new LinkedHashMap<>();
            c.point().forEach((name, v) -> point.put(name, new DMatrixRMaj((double[][]) v)));
            Object result = GeneratedJavaTest.compileAndRun("along_" + c.name(), generate(c, Target.JAVA), point);
            DMatrixRMaj value = (DMatrixRMaj) result.getClass().getMethod("value").invoke(result);
            @SuppressWarnings("unchecked")
            List<DMatrixRMaj> derivatives = (List<DMatrixRMaj>) result.getClass().getMethod("derivatives").invoke(result);
            assertFiniteAndClose(c.name() + " (java) value", value.data, new double[] {c.value()});
            assertFiniteAndClose(c.name() + " (java) gradient", derivatives.get(0).data, c.gradient());
        }
    }

    /** The modules say what f is as written, and compute the stable forms (no exp of the logits left in the value). */
    @Test
    void modulesDocumentTheWrittenFormAndComputeTheStableOne() {
        Case rows = StableAlongDimension.CASES.get(0);
        String numpy = generate(rows, Target.NUMPY);
        assertThat(numpy).contains("f = " + rows.expr()).contains("value = np.sum(Z - ").contains("logsumexp(Z.T)");
        assertThat(numpy).doesNotContain("np.log(softmax(");
    }

    private static void runPython(Target target) throws IOException {
        Files.createDirectories(GeneratedCode.DIR);
        List<Map<String, Object>> manifest = new ArrayList<>();
        for (Case c : StableAlongDimension.CASES) {
            Path module = GeneratedCode.DIR.resolve("along_" + c.name() + "_" + target.label() + ".py");
            Files.writeString(module, generate(c, target));
            manifest.add(Map.of("module", module.toAbsolutePath().toString(), "values", c.point()));
        }
        Path manifestFile = GeneratedCode.DIR.resolve("along_" + target.label() + ".json"),
                harness = GeneratedCode.DIR.resolve("along_harness.py");
        JSON.writeValue(manifestFile.toFile(), manifest);
        Files.writeString(harness, HARNESS);
        Python.Run r = Python.run(Python.DEBIAN, 600, harness.toString(), manifestFile.toString());
        assertThat(r.exit()).as("the harness failed: %s", r.err()).isZero();
        JsonNode results = JSON.readTree(r.out());
        for (int i = 0; i < StableAlongDimension.CASES.size(); i++) {
            Case c = StableAlongDimension.CASES.get(i);
            JsonNode o = results.get(i);
            String what = c.name() + " (" + target.label() + ")";
            assertThat(o.has("error") ? o.get("error").asText() : null).as("%s raised", what).isNull();
            assertFiniteAndClose(what + " value", numbers(o.get("value")), new double[] {c.value()});
            assertFiniteAndClose(what + " gradient", numbers(o.get("gradient")), c.gradient());
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    private static void assertFiniteAndClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as("%s: size", what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) assertThat(actual[i]).as("%s: entry %d", what, i).isFinite();
        GeneratedCode.assertClose(what, actual, expected);
    }
}
