package dev.matcalc.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the generated Python modules of the whole corpus in one interpreter (importing torch is
 * slow) and compares what {@code fAndG} returns with matcalc's own evaluator.
 */
final class GeneratedCode {
    static final Path DIR = Path.of("target", "codegen-tests");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String HARNESS = """
            import importlib.util, json, sys
            import numpy as np

            def plain(v):
                if hasattr(v, "detach"):
                    v = v.detach().cpu()
                a = np.asarray(v, dtype=float)
                return {"shape": list(a.shape), "data": a.reshape(-1).tolist()}

            results = []
            for i, case in enumerate(json.load(open(sys.argv[1]))):
                try:
                    spec = importlib.util.spec_from_file_location("generated_%d" % i, case["module"])
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
                    value, derivatives = module.fAndG(**case["values"])
                    derivatives = derivatives if case["several"] else (derivatives,)
                    results.append({"value": plain(value), "derivatives": [plain(d) for d in derivatives],
                                    "check": module.checkGradient(seed=3)})
                except Exception as e:
                    results.append({"error": repr(e)})
            print(json.dumps(results))
            """;

    private GeneratedCode() { }

    /** What one case's module returned (or the Python error it raised). */
    record Outcome(JsonNode json) {
        String error() {
            return json.has("error") ? json.get("error").asText() : null;
        }
    }

    /** Generates every case for {@code target}, runs them at their points with {@code python}; one outcome per case. */
    static List<Outcome> run(Path python, Target target, List<Corpus.Case> cases, Map<String, Map<String, DMatrixRMaj>> points) throws IOException {
        Files.createDirectories(DIR);
        List<Map<String, Object>> manifest = new ArrayList<>();
        for (Corpus.Case c : cases) {
            Path module = DIR.resolve(c.name() + "_" + target.label() + ".py");
            Files.writeString(module, CodeGen.generate(c.expression(), c.derivatives(), target));
            Map<String, Object> values = new LinkedHashMap<>();
            points.get(c.name()).forEach((k, m) -> values.put(k, nested(m)));
            manifest.add(Map.of("module", module.toAbsolutePath().toString(), "values", values, "several", c.wrt().size() > 1));
        }
        Path manifestFile = DIR.resolve("manifest_" + target.label() + ".json"), harness = DIR.resolve("harness.py");
        JSON.writeValue(manifestFile.toFile(), manifest);
        Files.writeString(harness, HARNESS);
        Python.Run r = Python.run(python, 600, harness.toString(), manifestFile.toString());
        assertThat(r.exit()).as("the harness failed: %s", r.err()).isZero();
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode n : JSON.readTree(r.out())) outcomes.add(new Outcome(n));
        return outcomes;
    }

    /** A value as JSON: a number, a list (vectors) or a list of rows. */
    static Object nested(DMatrixRMaj m) {
        if (m.numRows == 1 && m.numCols == 1) return m.get(0);
        if (m.numRows == 1 || m.numCols == 1) return m.data.clone();
        double[][] rows = new double[m.numRows][];
        for (int i = 0; i < m.numRows; i++) rows[i] = Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
        return rows;
    }

    /** The value and derivatives of the outcome agree with matcalc's evaluator, shapes included. */
    static void assertMatches(Corpus.Case c, Outcome o, Map<String, DMatrixRMaj> point) {
        assertThat(o.error()).as("%s raised", c.name()).isNull();
        assertClose(c.name() + " value", o.json().get("value"), c.expression().evaluate(point));
        List<DerivativeResult> ds = c.derivatives();
        assertThat(o.json().get("derivatives")).hasSize(ds.size());
        for (int i = 0; i < ds.size(); i++)
            assertClose(c.name() + " derivative " + c.wrt().get(i), o.json().get("derivatives").get(i), ds.get(i).evaluate(point));
        double tolerance = c.wrt().stream().anyMatch(w -> w.size() > 1) ? 1e-4 : 1e-6;
        assertThat(o.json().get("check").asDouble()).as("%s: checkGradient against central differences", c.name()).isLessThan(tolerance);
    }

    static void assertClose(String what, JsonNode actual, Tensor expected) {
        int[] shape = new int[actual.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = actual.get("shape").get(i).asInt();
        assertThat(shape).as("%s: shape", what).containsExactly(expected.shape());
        double[] data = new double[actual.get("data").size()];
        for (int i = 0; i < data.length; i++) data[i] = actual.get("data").get(i).asDouble();
        assertClose(what, data, expected.data());
    }

    static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as("%s: size", what).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++)
            assertThat(Math.abs(actual[i] - expected[i])).as("%s: entry %d is %s, matcalc says %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-9 * scale);
    }
}
