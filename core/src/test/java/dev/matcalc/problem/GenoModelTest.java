package dev.matcalc.problem;

import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** GENO model files as geno-project.org writes them, read unchanged; errors with the file's line and column. */
class GenoModelTest {
    private static final SplittableRandom DATA = new SplittableRandom(13);

    @Test
    void theLinearProgramOfTheIssue() {
        Problem p = GenoModel.parse("""
                parameters
                  matrix A
                  vector b, c
                variables
                  vector x
                min
                  c'*x
                st
                  A*x <= b
                  x >= 0
                """);
        assertThat(p.sense()).isEqualTo(Sense.MIN);
        assertThat(p.objective().strip()).isEqualTo("c'*x");
        assertThat(p.over()).containsExactly("x");
        assertThat(p.constraints()).extracting(String::strip).containsExactly("A*x <= b", "x >= 0");
        assertThat(p.declarations()).containsEntry("A", Declaration.ofKind(Declaration.Kind.MATRIX))
                .containsEntry("b", Declaration.ofKind(Declaration.Kind.VECTOR))
                .containsEntry("c", Declaration.ofKind(Declaration.Kind.VECTOR));
        CompiledProblem c = CompiledProblem.compile(p.withData(data("A", gaussian(DATA, 2, 3), "b", column(1, 2),
                "c", column(1, -1, 2))));
        assertThat(c.boundConstraints()).extracting(TypedConstraint::text).containsExactly("x >= 0");
        assertThat(c.generalConstraints()).extracting(TypedConstraint::text).containsExactly("A*x <= b");
        assertThat(c.problem().inequalities()).isEqualTo(2);
    }

    /** genosolver's README examples: capitalized types, a symmetric parameter, a strict inequality, a multi-line objective. */
    @Test
    void theGenoReadmeModels() {
        Problem svm = GenoModel.parse("""
                parameters
                   Matrix K symmetric
                   Scalar c
                   Vector y
                variables
                   Vector a
                min
                   0.5 * (a.*y)' * K * (a.*y) - sum(a)
                st
                   a >= 0
                   y' * a == 0
                """);
        assertThat(svm.declarations().get("K").kind()).isEqualTo(Declaration.Kind.SYMMETRIC);
        CompiledProblem s = CompiledProblem.compile(svm.withData(data("K", spd(DATA, 4), "c", scalar(1),
                "y", column(1, -1, 1, -1))));
        assertThat(s.packing().dimension()).isEqualTo(4);
        assertThat(s.problem().equalities()).isEqualTo(1);
        assertGradient(s.problem().lagrangian(new double[0], new double[] {0.5}, 3), new double[] {0.1, 0.2, 0.3, 0.4}, 1e-6);

        Problem nnls = GenoModel.parse("""
                parameters
                   Matrix A
                   Vector b
                variables
                   Vector x
                min
                   norm2(A*x - b).^2
                st
                   x > 0
                """);
        CompiledProblem n = CompiledProblem.compile(nnls.withData(data("A", gaussian(DATA, 5, 3), "b", gaussian(DATA, 5, 1))));
        assertThat(n.bounds().lower()).containsOnly(0);

        Problem logistic = GenoModel.parse("""
                parameters
                   Matrix X
                   Scalar c
                   Vector y
                variables
                   Vector w
                min
                   0.5 * w' * w
                   + c * sum(log(exp((-y) .* (X * w))
                   + vector(1)))
                """);
        DMatrixRMaj x = gaussian(DATA, 6, 2);
        CompiledProblem l = CompiledProblem.compile(logistic.withData(data("X", x, "c", scalar(2), "y", column(1, -1, 1, 1, -1, 1))));
        assertThat(l.problem().objective().value(new double[2])).isCloseTo(2 * 6 * Math.log(2), within(1e-12));
        assertGradient(l.problem().objective(), new double[] {0.3, -0.7}, 1e-6);
    }

    /** Models as geno-project.org's generated solvers quote them: vector(0), norm1, constants on the left, max. */
    @Test
    void generatedSolverHeaders() {
        Problem zero = GenoModel.parse("""
                parameters
                  matrix K symmetric
                  matrix Y
                  scalar c
                variables
                  vector a
                min
                  0.5*a'*(K.*(Y'*Y))*a-sum(a)
                st
                  a >= 0
                  a <= c
                  Y*a == vector(0)
                """);
        CompiledProblem z = CompiledProblem.compile(zero.withData(data("K", spd(DATA, 3), "Y", gaussian(DATA, 2, 3), "c", scalar(1))));
        assertThat(z.bounds().lower()).containsOnly(0);
        assertThat(z.bounds().upper()).containsOnly(1);
        assertThat(z.problem().equalities()).isEqualTo(2);

        Problem l1 = GenoModel.parse("""
                parameters
                  matrix A
                variables
                  vector x
                min
                  -sum(tanh(A*x))+norm1(x)
                st
                  sum(x) >= 2
                  sum(x) <= 10
                  0 <= x
                  1 >= x
                """);
        CompiledProblem one = CompiledProblem.compile(l1.withData(data("A", gaussian(DATA, 4, 3))));
        assertThat(one.reformulations()).hasSize(1);
        assertThat(one.solution(one.start()).get("x").numRows).isEqualTo(3);

        Problem max = GenoModel.parse("parameters\n  vector s\nvariables\n  vector h\nmax\n  sum(log(h)) - s'*h\nst\n  h >= 0\n  sum(h) == 1\n");
        assertThat(max.sense()).isEqualTo(Sense.MAX);
        CompiledProblem m = CompiledProblem.compile(max.withData(data("s", column(1, 2, 3))));
        assertThat(m.startSentence()).isEqualTo("Starting from h = ones (h is under log).");
    }

    @Test
    void commentsListsAndProperties() {
        Problem p = GenoModel.parse("""
                # a model with comments
                parameters   # the data
                  matrix A, B symmetric  # two symmetric matrices
                  matrix K psd
                  scalar lam

                variables
                  matrix S symmetric
                  vector x
                min  # the objective
                  tr(S*A) + x'*B*x  # a comment inside the objective
                  + lam*tr(K*S)
                st
                  x >= 0  # a bound
                """);
        assertThat(p.declarations().get("A").kind()).isEqualTo(Declaration.Kind.SYMMETRIC);
        assertThat(p.declarations().get("B").kind()).isEqualTo(Declaration.Kind.SYMMETRIC);
        assertThat(p.psd()).containsExactly("K");
        assertThat(p.over()).containsExactly("S", "x");
        assertThat(p.objective()).doesNotContain("#", "\n");
        CompiledProblem c = CompiledProblem.compile(p.withData(data("A", spd(DATA, 2), "B", spd(DATA, 2),
                "K", spd(DATA, 2), "lam", scalar(0.5))));
        assertThat(c.packing().dimension()).isEqualTo(3 + 2);
        assertThat(c.bounds().lower()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0, 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "vector x\\nvariables\\n  vector x\\nmin\\n  x'*x                 | 1 | 1 | expected a section: parameters, variables, min or max, got 'vector x'",
            "variables\\n  vec x\\nmin\\n  x'*x                            | 2 | 3 | unknown type 'vec'; expected scalar, vector or matrix",
            "variables\\n  vector\\nmin\\n  x'*x                           | 2 | 3 | expected a name after 'vector'",
            "variables\\n  vector x, \\nmin\\n  x'*x                       | 2 | 3 | expected a name after ','",
            "variables\\n  matrix X sym\\nmin\\n  sum(X)                     | 2 | 12 | unknown property 'sym'; a matrix may be symmetric or psd",
            "variables\\n  vector x symmetric\\nmin\\n  x'*x                 | 2 | 12 | only a matrix can be symmetric, not a vector",
            "variables\\n  vector x\\n  scalar x\\nmin\\n  x'*x             | 3 | 10 | x is declared twice (first on line 2)",
            "variables\\n  vector sum\\nmin\\n  sum'*sum                     | 2 | 10 | 'sum' is a function's name; choose another",
            "variables\\n  vector x\\nvariables\\n  vector y\\nmin\\n  x'*y  | 3 | 1 | a second 'variables' section",
            "variables\\n  vector x\\nst\\n  x >= 0\\nmin\\n  x'*x         | 3 | 1 | the constraints ('st') come after the objective ('min' or 'max')",
            "variables\\n  vector x\\nmin\\n  x'*x\\nparameters\\n  scalar a  | 5 | 1 | 'parameters' comes after the objective; declare parameters and variables first",
            "variables\\n  vector x\\nmin\\n  x'*x\\nmax\\n  x'*x          | 5 | 1 | a second objective ('max'): a model has one",
            "variables\\n  vector x\\nmin\\nst\\n  x >= 0                       | 3 | 1 | 'min' is followed by no objective",
    })
    void errorsNameTheLine(String model, int line, int column, String message) {
        String text = model.replace("\\n", "\n");
        SourceError e = catchThrowableOfType(SourceError.class, () -> GenoModel.parse(text));
        assertThat(e.getMessage()).startsWith(message);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.source()).isEqualTo(text);
    }

    @Test
    void windowsLineEndings() {
        Problem p = GenoModel.parse("parameters\r\n  matrix A\r\n  vector b\r\nvariables\r\n  vector x\r\nmin\r\n"
                + "  norm2(A*x - b)^2\r\n  + sum(x)\r\nst\r\n  x >= 0\r\n");
        CompiledProblem c = CompiledProblem.compile(p.withData(data("A", gaussian(DATA, 2, 3), "b", column(1, 2))));
        assertThat(c.bounds().lower()).containsOnly(0);
    }

    @Test
    void aModelNeedsVariablesAndAnObjective() {
        assertThat(catchThrowableOfType(SourceError.class, () -> GenoModel.parse("parameters\n  matrix A\nmin\n  sum(A)\n"))
                .getMessage()).startsWith("the model declares no variables");
        assertThat(catchThrowableOfType(SourceError.class, () -> GenoModel.parse("variables\n  vector x\n"))
                .getMessage()).startsWith("the model has no objective");
    }

    /** An error in an expression, found when the problem is compiled, points at the file's line and column. */
    @Test
    void expressionErrorsPointIntoTheFile() {
        String model = """
                parameters
                  matrix A
                  vector b
                variables
                  vector x
                min
                  norm2(A*x - b)^2
                  + sum(x)
                st
                  x >= 0
                  A*x <= b b
                """;
        SourceError e = catchThrowableOfType(SourceError.class, () -> CompiledProblem.compile(GenoModel.parse(model)
                .withData(data("A", new DMatrixRMaj(2, 3), "b", column(1, 2)))));
        assertThat(e.getMessage()).startsWith("unexpected 'b' after 'b'");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.format()).contains("  A*x <= b b");

        String typo = model.replace("  + sum(x)", "  + sum(x*A)").replace("  A*x <= b b", "  A*x <= b");
        SourceError t = catchThrowableOfType(SourceError.class, () -> CompiledProblem.compile(GenoModel.parse(typo)
                .withData(data("A", new DMatrixRMaj(2, 3), "b", column(1, 2)))));
        assertThat(t.getMessage()).startsWith("cannot multiply x");
        assertThat(t.line()).isEqualTo(8);
        assertThat(t.column()).isEqualTo(9);

        String shapes = model.replace("  A*x <= b b", "  x' <= b");
        SourceError s = catchThrowableOfType(SourceError.class, () -> CompiledProblem.compile(GenoModel.parse(shapes)
                .withData(data("A", new DMatrixRMaj(2, 3), "b", column(1, 2)))));
        assertThat(s.getMessage()).startsWith("the two sides of the constraint differ in shape: x' is 1×3 but b is 2×1");
        assertThat(s.line()).isEqualTo(11);
        assertThat(s.column()).isEqualTo(3);
        assertThat(s.format()).endsWith("    x' <= b\n    ^^^^^^^");
    }

    @Test
    void aPsdVariableIsRefusedWhenCompiled() {
        Problem p = GenoModel.parse("parameters\n  matrix C psd\nvariables\n  matrix S psd\nmin\n  -logdet(S) + tr(S*C)\n");
        assertThat(p.psd()).containsExactly("C", "S");
        assertThat(catchThrowableOfType(SourceError.class, () -> CompiledProblem.compile(p.withData(data("C", spd(DATA, 2)))))
                .getMessage()).startsWith("S is declared psd, but it is a variable");
        assertThat(List.of(p.over())).hasSize(1);
    }
}
