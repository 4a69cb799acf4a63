package dev.matcalc.problem;

import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What a problem must be before it is solved, each failure told with what is wrong and where. */
class ProblemValidationTest {
    private static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    private static final DMatrixRMaj B = column(1, 2, 3);

    @Test
    void theObjectiveMustBeAScalar() {
        SourceError e = error(minimize("A*x - b", List.of("x"), List.of(), data("A", A, "b", B)));
        assertThat(e.getMessage()).isEqualTo("the objective must be a scalar, but it is a vector (3×1)");
        assertThat(e.source()).isEqualTo("A*x - b");
        assertThat(e.span().end() - e.span().start()).isEqualTo(7);
    }

    @Test
    void everyVariableMustOccur() {
        assertThat(error(minimize("norm2(A*x - b)^2", List.of("x", "z"), List.of(), data("A", A, "b", B))).getMessage())
                .isEqualTo("z is not in the objective or the constraints, so there is nothing to optimize it for (they use A, x, b)");
        assertThat(error(minimize("x'*x", List.of(), List.of(), Map.of())).getMessage())
                .startsWith("no variables to optimize over");
        assertThat(error(minimize("x'*x + sum(A*x)", List.of("x", "x"), List.of(), data("A", A))).getMessage())
                .isEqualTo("x is named twice among the variables to optimize over");
    }

    @Test
    void everyParameterNeedsData() {
        assertThat(error(minimize("norm2(A*x - b)^2", List.of("x"), List.of(), data("A", A))).getMessage())
                .isEqualTo("no data for the parameter b (scalar, used in the objective); every name that is not a variable needs a value");
        assertThat(error(minimize("x'*x", List.of("x"), List.of("A*x <= b"), Map.of())).getMessage())
                .isEqualTo("no data for the parameters A (matrix(n,m), used in constraint 1 (A*x <= b)), "
                        + "b (scalar, used in constraint 1 (A*x <= b)); every name that is not a variable needs a value");
    }

    @Test
    void dataMustFitTheExpression() {
        SourceError e = error(minimize("norm2(A*x - b)^2", List.of("x"), List.of(), data("A", A, "b", column(1, 2))));
        assertThat(e.getMessage()).isEqualTo("the data for b is 2×1, but b is used as n×1 where n is 3 (from the data for A)");
        assertThat(e.source()).isEqualTo("norm2(A*x - b)^2");
        assertThat(e.column()).isEqualTo(13);
        SourceError declared = error(minimize("sum(M*x)", List.of("x"), List.of(), data("M", A))
                .withDeclarations(lets("M", "matrix(2,2)")));
        assertThat(declared.getMessage()).startsWith("the data for M is 3×2, but M is used as 2×2");
        SourceError start = error(minimize("norm2(A*x - b)^2", List.of("x"), List.of(), data("A", A, "b", B))
                .withStart(Map.of("x", column(1, 2, 3))));
        assertThat(start.getMessage()).startsWith("the start value of x is 3×1, but x is used as");
    }

    @Test
    void valuesGoWhereTheyBelong() {
        assertThat(error(minimize("sum(A*x)", List.of("x"), List.of(), data("A", A, "x", column(1, 2)))).getMessage())
                .startsWith("x is a variable to optimize over, but data is given for it");
        assertThat(error(minimize("sum(A*x)", List.of("x"), List.of(), data("A", A)).withStart(Map.of("A", A))).getMessage())
                .isEqualTo("a start value is given for A, which is not a variable to optimize over (those are x)");
        CompiledProblem p = CompiledProblem.compile(minimize("sum(A*x)", List.of("x"), List.of("x >= 0"),
                data("A", A, "unused", B)));
        assertThat(p.typed().unusedData()).containsExactly("unused");
    }

    @Test
    void valuesAreChecked() {
        DMatrixRMaj notFinite = column(1, Double.NaN, 3);
        assertThat(error(minimize("x'*x + b'*x", List.of("x"), List.of(), data("b", notFinite))).getMessage())
                .isEqualTo("the data for b is not finite at b[2] (NaN)");
        DMatrixRMaj skew = new DMatrixRMaj(new double[][] {{1, 2}, {3, 1}});
        assertThat(error(minimize("x'*K*x", List.of("x"), List.of(), data("K", skew)).withDeclarations(lets("K", "symmetric")))
                .getMessage()).isEqualTo("the data for K is not symmetric: K[1,2] = 2.0 but K[2,1] = 3.0");
        DMatrixRMaj indefinite = new DMatrixRMaj(new double[][] {{1, 2}, {2, 1}});
        Problem psd = new Problem("x'*K*x", Sense.MIN, List.of("x"), Map.of(), Set.of("K"), List.of(), data("K", indefinite),
                Map.of(), null);
        assertThat(error(psd).getMessage()).isEqualTo("the data for K is not positive semidefinite, as K is declared: "
                + "its smallest eigenvalue is -1.000");
        Problem psdVariable = new Problem("-logdet(S) + tr(S*C)", Sense.MIN, List.of("S"), Map.of(), Set.of("S"), List.of(),
                data("C", indefinite), Map.of(), null);
        assertThat(error(psdVariable).getMessage()).startsWith("S is declared psd, but it is a variable");
        assertThat(error(minimize("x'*x + sum(A*x)", List.of("x"), List.of(), data("A", A))
                .withStart(Map.of("x", column(1, Double.POSITIVE_INFINITY)))).getMessage())
                .isEqualTo("the start value of x is not finite at x[2] (Infinity)");
    }

    @Test
    void aValuesShapeGivesItsKind() {
        // lam would be a vector by its letter; its 1×1 value makes it a scalar, 'data' (a matrix value) a matrix
        CompiledProblem p = CompiledProblem.compile(minimize("0.5*norm2(data*w - b)^2 + lam*w'*w", List.of("w"), List.of(),
                data("data", A, "b", B, "lam", scalar(0.1))));
        assertThat(p.packing().dimension()).isEqualTo(2);
    }
}
