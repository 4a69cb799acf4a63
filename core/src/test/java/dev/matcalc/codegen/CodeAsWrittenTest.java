package dev.matcalc.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Generated code reads as a person would have written it, and each option is run, not only printed:
 * a subterm shared by the value and the gradient computed once in one orientation, the user's
 * definition names kept, the gradient with the Hessian at order 2, the function's name, the
 * self-test left out, Java's class, package and typed parameters with its own checkGradient.
 * Python runs in /usr/bin/python3 and each result is compared with matcalc's evaluator.
 */
@SuppressWarnings("try")   // class loaders held open only to be closed once the generated code has run
class CodeAsWrittenTest {
    private static final Path DIR = GeneratedCode.DIR.resolve("written");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void directory() throws Exception {
        Files.createDirectories(DIR);
    }

    private static String code(String expr, String wrt, int order, Target target, CodeOptions options, String... lets) {
        Map<String, String> let = new LinkedHashMap<>();
        for (String l : lets) let.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1));
        return Service.code(new Request(expr, List.of(wrt), let, order, Layout.NUMERATOR, Request.ALL_FORMATS, false, null), target, options);
    }

    private static int count(String text, String piece) {
        Matcher m = Pattern.compile(Pattern.quote(piece)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /**
     * Runs {@code function} of the module at {@code point} in /usr/bin/python3: the value, each
     * derivative (as {@code shape} and row-major {@code data}), and checkGradient's result when the module has one.
     */
    private static JsonNode runPython(String name, String module, String function, Map<String, DMatrixRMaj> point, String library) throws Exception {
        assumeTrue(Python.has(Python.DEBIAN, library), "/usr/bin/python3 lacks " + library);
        Path file = DIR.resolve(name + ".py");
        Files.writeString(file, module);
        Map<String, Object> values = new LinkedHashMap<>();
        point.forEach((k, m) -> values.put(k, GeneratedCode.nested(m)));
        Path valuesFile = DIR.resolve(name + ".json");
        JSON.writeValue(valuesFile.toFile(), values);
        String script = """
                import importlib.util, json, sys
                import numpy as np
                def plain(v):
                    if hasattr(v, "detach"):
                        v = v.detach().cpu()
                    a = np.asarray(v, dtype=float)
                    return {"shape": list(a.shape), "data": a.reshape(-1).tolist()}
                spec = importlib.util.spec_from_file_location("m", sys.argv[1])
                m = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(m)
                value, derivatives = getattr(m, sys.argv[2])(**json.load(open(sys.argv[3])))
                derivatives = derivatives if isinstance(derivatives, tuple) else (derivatives,)
                out = {"value": plain(value), "derivatives": [plain(d) for d in derivatives]}
                if hasattr(m, "checkGradient"):
                    out["check"] = m.checkGradient(seed=5)
                print(json.dumps(out))
                """;
        Path scriptFile = DIR.resolve("run_" + name + ".py");
        Files.writeString(scriptFile, script);
        Python.Run r = Python.run(Python.DEBIAN, 300, scriptFile.toString(), file.toString(), function, valuesFile.toString());
        assertThat(r.exit()).as("python on %s:\n%s\n%s", file, r.err(), module).isZero();
        return JSON.readTree(r.out());
    }

    private static void assertAgrees(JsonNode result, Expression f, Map<String, DMatrixRMaj> point, List<List<String>> wrt) {
        GeneratedCode.assertClose("value", result.get("value"), f.evaluate(point));
        assertThat(result.get("derivatives")).hasSize(wrt.size());
        for (int i = 0; i < wrt.size(); i++) {
            Tensor expected = f.derivative(Layout.NUMERATOR, wrt.get(i).toArray(String[]::new)).evaluate(point);
            GeneratedCode.assertClose("derivative " + wrt.get(i), result.get("derivatives").get(i), expected);
        }
    }

    private static Map<String, DMatrixRMaj> point(Object... nameAndRows) {
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (int i = 0; i < nameAndRows.length; i += 2) {
            Object v = nameAndRows[i + 1];
            p.put((String) nameAndRows[i], v instanceof double[][] rows ? new DMatrixRMaj(rows)
                    : v instanceof double[] col ? new DMatrixRMaj(col.length, 1, true, col) : new DMatrixRMaj(1, 1, true, (Double) v));
        }
        return p;
    }

    private static final Map<String, DMatrixRMaj> FACTORS = point(
            "T", new double[][]{{1, 2, 0.5}, {0, -1, 3}},
            "U", new double[][]{{0.3, -0.2}, {1.1, 0.4}},
            "V", new double[][]{{0.5, 1}, {-0.7, 0.2}, {0.1, 0.9}});

    @Test
    void aSubtermOfTheValueAndTheGradientIsComputedOnceInOneOrientation() throws Exception {
        String py = code("norm2(T - U*V')^2", "U", 1, Target.NUMPY, CodeOptions.DEFAULT.withName("loss").withoutCheck());
        assertThat(count(py, "T - U @ V.T")).as(py).isEqualTo(1);
        assertThat(py).contains("    t0 = T - U @ V.T\n", "    value = np.linalg.norm(t0) ** 2\n", "    gradient = -2.0 * (t0 @ V)\n")
                .doesNotContain("T.T").doesNotContain(").T");
        // --name and --no-check: the function is loss, and no self-test comes with it
        assertThat(py).contains("def loss(T, U, V):").doesNotContain("def fAndG").doesNotContain("checkGradient")
                .doesNotContain("randomInputs").doesNotContain("__main__").doesNotContain("import math");
        JsonNode r = runPython("factorsNumpy", py, "loss", FACTORS, "numpy");
        assertThat(r.has("check")).isFalse();
        assertAgrees(r, MatCalc.parse("norm2(T - U*V')^2"), FACTORS, List.of(List.of("U")));
        // whatever layout the derivative was asked in
        Expression f = MatCalc.parse("norm2(T - U*V')^2");
        String denominator = CodeGen.generate(f, List.of(f.derivative(Layout.DENOMINATOR, "U")), Target.PYTORCH);
        assertThat(denominator).contains("gradient = -2.0 * (t0 @ V)").doesNotContain("T.T");
        JsonNode t = runPython("factorsTorch", denominator, "fAndG", FACTORS, "torch");
        assertThat(t.get("check").asDouble()).isLessThan(1e-6);
        assertAgrees(t, f, FACTORS, List.of(List.of("U")));
    }

    @Test
    void theUsersDefinitionNamesSurvive() throws Exception {
        String py = code("mu = mean(x); sum((x - mu).^2)", "x", 1, Target.NUMPY, CodeOptions.DEFAULT);
        assertThat(py).contains("    mu = np.sum(x) * (1.0 / n)\n", "    t0 = x - mu\n", "    value = np.sum(t0 ** 2)\n");
        assertThat(count(py, "np.sum(x)")).isEqualTo(1);
        Map<String, DMatrixRMaj> p = point("x", new double[]{1, 2, 4, -3});
        JsonNode r = runPython("mean", py, "fAndG", p, "numpy");
        assertAgrees(r, MatCalc.parse("mu = mean(x); sum((x - mu).^2)"), p, List.of(List.of("x")));
        assertThat(r.get("check").asDouble()).isLessThan(1e-6);

        String nested = code("Y1 = X'*A1*X; Y2 = Y1'*A2*Y1; tr(Y2)", "X", 1, Target.PYTORCH, CodeOptions.DEFAULT);
        assertThat(nested).contains("    Y1 = X.T @ A1 @ X\n", "    Y2 = Y1.T @ A2 @ Y1\n", "    G_Y1 = (A2 + A2.T) @ Y1\n");
        assertThat(count(nested, "X.T @ A1 @ X")).as("Y1 computed once").isEqualTo(1);
        Map<String, DMatrixRMaj> q = point("X", new double[][]{{0.5, 1}, {-0.3, 0.2}, {0.8, -0.6}},
                "A1", new double[][]{{1, 0.2, 0}, {0.1, 0.7, 0.3}, {0, -0.4, 1.2}}, "A2", new double[][]{{0.9, -0.1}, {0.3, 0.5}});
        JsonNode t = runPython("nested", nested, "fAndG", q, "torch");
        assertAgrees(t, MatCalc.parse("Y1 = X'*A1*X; Y2 = Y1'*A2*Y1; tr(Y2)"), q, List.of(List.of("X")));
        assertThat(t.get("check").asDouble()).isLessThan(1e-6);
    }

    @Test
    void orderTwoReturnsTheValueTheGradientAndTheHessian() throws Exception {
        String f = "sum(log(1 + exp(-y.*(X*w)))) + lam*w'*w";
        Map<String, DMatrixRMaj> p = point("y", new double[]{1, -1, 1}, "X", new double[][]{{1, 2}, {0.5, -1}, {-2, 0.3}},
                "w", new double[]{0.4, -0.7}, "lam", 0.1);
        for (Target target : List.of(Target.NUMPY, Target.PYTORCH)) {
            String py = code(f, "w", 2, target, CodeOptions.DEFAULT, "lam:scalar");
            assertThat(py).contains("Returns (value, (gradient, hessian))").contains("    return value, (gradient, hessian)\n");
            JsonNode r = runPython("newton_" + target.label(), py, "fAndG", p, target == Target.NUMPY ? "numpy" : "torch");
            assertAgrees(r, MatCalc.parse(f, "lam:scalar"), p, List.of(List.of("w"), List.of("w", "w")));
            assertThat(r.get("check").asDouble()).as("checkGradient, Hessian included").isLessThan(1e-4);
        }
    }

    @Test
    void helperNamesDoNotLookLikeEntriesOfAUserVariable() throws Exception {
        String py = code("t'*softmax(x)", "x", 1, Target.NUMPY, CodeOptions.DEFAULT.withoutCheck());
        assertThat(py).contains("    s0 = softmax(x)\n").doesNotContain("t0");
        Map<String, DMatrixRMaj> p = point("t", new double[]{1, 0, 2}, "x", new double[]{0.3, -1, 2});
        assertAgrees(runPython("besideT", py, "fAndG", p, "numpy"), MatCalc.parse("t'*softmax(x)"), p, List.of(List.of("x")));
    }

    @Test
    void optionsAreCheckedAsIdentifiers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeOptions("my-loss", true, "C", null))
                .hasMessageContaining("--name must be an identifier");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeOptions("f", true, "C", "com..x"))
                .hasMessageContaining("--package must be a Java package name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodeOptions("lambda", true, "C", null))
                .hasMessageContaining("reserved");
    }

    // ---- Java: a named class in a package, typed parameters, its own checkGradient ----

    private record Compiled(Class<?> type, URLClassLoader loader) { }

    private static Compiled compile(String name, String source, String qualified) throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("java").resolve(name));
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        Path file = dir.resolve(simple + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = Path.of(DMatrixRMaj.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + System.getProperty("java.class.path");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-classpath", classpath, "-d", dir.toString(), "-Xlint:none", file.toString());
        assertThat(status).as("javac on %s:\n%s\n%s", file, errors, source).isZero();
        URLClassLoader loader = new URLClassLoader(new java.net.URL[]{dir.toUri().toURL()}, CodeAsWrittenTest.class.getClassLoader());
        return new Compiled(loader.loadClass(qualified), loader);
    }

    @Test
    void javaClassIsNamedPackagedTypedAndChecksItself() throws Exception {
        String f = "sum(log(1 + exp(-y.*(X*w)))) + lam*w'*w";
        String java = code(f, "w", 2, Target.JAVA, new CodeOptions("lossAndDerivatives", true, "Logistic", "com.example.model"), "lam:scalar");
        assertThat(java).startsWith("package com.example.model;\n").contains("public final class Logistic {")
                .contains("public static Result lossAndDerivatives(DMatrixRMaj y, DMatrixRMaj X, DMatrixRMaj w, double lam) {");
        // products as EJML writes them, into the workspace, a transposed factor read transposed
        assertThat(java).contains("CommonOps_DDRM.mult(X, w, ").contains("CommonOps_DDRM.multTransA(X, ")
                .contains("private static final ThreadLocal<DMatrixRMaj[]> WORKSPACE").doesNotContain("mul(X, w)");
        Compiled c = compile("logistic", java, "com.example.model.Logistic");
        try (URLClassLoader ignored = c.loader()) {
            Map<String, DMatrixRMaj> p = point("y", new double[]{1, -1, 1}, "X", new double[][]{{1, 2}, {0.5, -1}, {-2, 0.3}},
                    "w", new double[]{0.4, -0.7}, "lam", 0.1);
            Method typed = c.type().getMethod("lossAndDerivatives", DMatrixRMaj.class, DMatrixRMaj.class, DMatrixRMaj.class, double.class);
            Object result = typed.invoke(null, p.get("y"), p.get("X"), p.get("w"), 0.1);
            // a second call reuses the workspace: the first call's result must stay as it was
            Map<String, DMatrixRMaj> other = point("y", new double[]{-1, 1, 1}, "X", new double[][]{{3, 1}, {2, 2}, {1, -1}},
                    "w", new double[]{-1, 2}, "lam", 0.5);
            Object second = typed.invoke(null, other.get("y"), other.get("X"), other.get("w"), 0.5);
            DMatrixRMaj value = (DMatrixRMaj) result.getClass().getMethod("value").invoke(result);
            @SuppressWarnings("unchecked")
            List<DMatrixRMaj> ds = (List<DMatrixRMaj>) result.getClass().getMethod("derivatives").invoke(result);
            Expression e = MatCalc.parse(f, "lam:scalar");
            GeneratedCode.assertClose("value", value.data, e.evaluate(p).data());
            GeneratedCode.assertClose("gradient", ds.get(0).data, e.derivative("w").evaluate(p).data());
            GeneratedCode.assertClose("Hessian", ds.get(1).data, e.derivative("w", "w").evaluate(p).data());
            @SuppressWarnings("unchecked")
            List<DMatrixRMaj> ds2 = (List<DMatrixRMaj>) second.getClass().getMethod("derivatives").invoke(second);
            GeneratedCode.assertClose("second call's gradient", ds2.get(0).data, e.derivative("w").evaluate(other).data());
            GeneratedCode.assertClose("second call's Hessian", ds2.get(1).data, e.derivative("w", "w").evaluate(other).data());
            double check = (double) c.type().getMethod("checkGradient", long.class).invoke(null, 3L);
            assertThat(check).as("the class's own checkGradient").isLessThan(1e-4);
        }
    }

    @Test
    void javaCheckGradientCoversSymmetricInputsAndJacobiansAndCatchesAWrongDerivative() throws Exception {
        for (String[] c : List.of(new String[]{"logdet(S) + x'*inv(S)*x", "S", "S:symmetric(n)"},
                new String[]{"softmax(W*x)", "x", null}, new String[]{"exp(a*x)", "a", "a:scalar"})) {
            String java = code(c[0], c[1], 1, Target.JAVA, new CodeOptions("fAndG", true, "Checked", null),
                    c[2] == null ? new String[0] : new String[]{c[2]});
            Compiled compiled = compile("checked_" + c[1] + c[0].length(), java, "Checked");
            try (URLClassLoader ignored = compiled.loader()) {
                double check = (double) compiled.type().getMethod("checkGradient", long.class).invoke(null, 1L);
                assertThat(check).as("checkGradient of %s", c[0]).isLessThan(1e-6);
            }
            if (c[2] == null) {
                // the check can fail: a class whose derivative is off by a factor is caught
                String broken = java.replaceFirst("return new Result\\(value.copy\\(\\), List.of\\(output\\((.*)\\)\\)\\);",
                        "return new Result(value.copy(), List.of(output(scaled(2.0, $1))));");
                assertThat(broken).isNotEqualTo(java);
                Compiled b = compile("broken", broken, "Checked");
                try (URLClassLoader ignored = b.loader()) {
                    assertThat((double) b.type().getMethod("checkGradient", long.class).invoke(null, 1L)).isGreaterThan(1e-3);
                }
            }
        }
        String plain = code("x'*x", "x", 1, Target.JAVA, CodeOptions.DEFAULT.withoutCheck());
        assertThat(plain).doesNotContain("checkGradient").doesNotContain("randomInputs").doesNotContain("void main");
        try (URLClassLoader ignored = compile("plain", plain, "MatcalcFunction").loader()) {
            // compiles and runs without the self-test
        }
    }
}
