package dev.matcalc.codegen;

import dev.matcalc.api.DerivativeResult;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compiles the generated EJML classes in-process, runs them, and compares with matcalc's evaluator. */
class GeneratedJavaTest {

    @TestFactory
    Stream<DynamicTest> javaClassesAgreeWithTheEvaluator() {
        long[] seed = {11};
        return Corpus.CASES.stream()
                .filter(c -> c.derivatives().stream().allMatch(d -> d.derivative().hasMatrixForm()))
                .map(c -> DynamicTest.dynamicTest(c.name() + " (java)", () -> check(c, c.point(seed[0]++))));
    }

    private static void check(Corpus.Case c, Map<String, DMatrixRMaj> point) throws Exception {
        String source = CodeGen.generate(c.expression(), c.derivatives(), Target.JAVA);
        Object result = compileAndRun(c.name(), source, point);
        DMatrixRMaj value = (DMatrixRMaj) result.getClass().getMethod("value").invoke(result);
        GeneratedCode.assertClose(c.name() + " value", value.data, c.expression().evaluate(point).data());
        @SuppressWarnings("unchecked")
        List<DMatrixRMaj> derivatives = (List<DMatrixRMaj>) result.getClass().getMethod("derivatives").invoke(result);
        List<DerivativeResult> expected = c.derivatives();
        assertThat(derivatives).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Tensor e = expected.get(i).evaluate(point);
            DMatrixRMaj d = derivatives.get(i);
            int[] shape = e.shape();
            // the convention: [n] as n×1, [m, n] as m×n, a scalar as 1×1
            assertThat(new int[]{d.numRows, d.numCols}).as("%s derivative %d: shape", c.name(), i)
                    .containsExactly(shape.length == 0 ? 1 : shape[0], shape.length < 2 ? 1 : shape[1]);
            GeneratedCode.assertClose(c.name() + " derivative " + c.wrt().get(i), d.data, e.data());
        }
    }

    static Object compileAndRun(String name, String source, Map<String, DMatrixRMaj> point) throws Exception {
        Path dir = Files.createDirectories(GeneratedCode.DIR.resolve("java").resolve(name));
        Path file = dir.resolve(JavaModule.CLASS_NAME + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = Path.of(DMatrixRMaj.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()
                + File.pathSeparator + System.getProperty("java.class.path");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-classpath", classpath, "-d", dir.toString(), "-Xlint:none", file.toString());
        assertThat(status).as("javac on %s:\n%s\n%s", file, errors, source).isZero();
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[]{dir.toUri().toURL()}, GeneratedJavaTest.class.getClassLoader())) {
            Method fAndG = loader.loadClass(JavaModule.CLASS_NAME).getMethod("fAndG", Map.class);
            return fAndG.invoke(null, point);
        }
    }

    @Test
    void aTensorHasNoJavaCodeYetAndSaysWhy() {
        Corpus.Case inverse = Corpus.CASES.stream().filter(c -> c.name().equals("inverseTensor")).findFirst().orElseThrow();
        assertThatThrownBy(() -> CodeGen.generate(inverse.expression(), inverse.derivatives(), Target.JAVA))
                .isInstanceOf(SourceError.class).hasMessageContaining("needs a matrix form").hasMessageContaining("numpy");
    }

    @Test
    void wrongInputShapesAreRejectedWithTheVariablesName() {
        Corpus.Case quadratic = Corpus.CASES.get(0);
        String source = CodeGen.generate(quadratic.expression(), quadratic.derivatives(), Target.JAVA);
        assertThatThrownBy(() -> compileAndRun("badShape", source, Map.of("x", new DMatrixRMaj(3, 1), "A", new DMatrixRMaj(2, 2))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("A must be 3×3");
    }

    /** Issue 14: the generated class refuses a value of a symmetric input that is not symmetric, as matcalc does. */
    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() throws Exception {
        Corpus.Case quadratic = Corpus.CASES.stream().filter(c -> c.name().equals("quadraticSymmetricByA")).findFirst().orElseThrow();
        String source = CodeGen.generate(quadratic.expression(), quadratic.derivatives(), Target.JAVA);
        DMatrixRMaj x = new DMatrixRMaj(2, 1, true, 1, 2);
        assertThatThrownBy(() -> compileAndRun("skewedSymmetric", source,
                Map.of("x", x, "A", new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause()
                .hasMessageStartingWith("A is declared symmetric(n) but its value is not symmetric: A.get(1, 0) = 3.0 but A.get(0, 1) = 2.0, "
                        + "a difference of 1.0 (at most 1e-10 × max|A|");
        Object rounded = compileAndRun("roundedSymmetric", source, Map.of("x", x, "A", new DMatrixRMaj(new double[][] {{1, 0.1 + 0.2}, {0.3, 4}})));
        DMatrixRMaj value = (DMatrixRMaj) rounded.getClass().getMethod("value").invoke(rounded);
        assertThat(value.get(0)).isCloseTo(18.2, org.assertj.core.api.Assertions.within(1e-12));
        // a class without symmetric inputs carries no such check
        Corpus.Case plain = Corpus.CASES.get(0);
        assertThat(CodeGen.generate(plain.expression(), plain.derivatives(), Target.JAVA)).doesNotContain("requireSymmetric");
    }
}
