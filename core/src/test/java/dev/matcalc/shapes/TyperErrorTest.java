package dev.matcalc.shapes;

import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TyperErrorTest {

    private static SourceError error(String source) {
        return error(source, Map.of());
    }

    private static SourceError error(String source, Map<String, Declaration> lets) {
        return catchThrowableOfType(SourceError.class, () -> Typer.type(source, lets));
    }

    @Test
    void twoVectorsCannotBeMultiplied() {
        SourceError e = error("a + x*y");
        assertThat(e.getMessage()).isEqualTo("cannot multiply x (n×1) by y (m×1): inner dimensions 1 and m differ");
        assertThat(e.format()).isEqualTo(
                "1:5: cannot multiply x (n×1) by y (m×1): inner dimensions 1 and m differ\n  a + x*y\n      ^^^");
    }

    @Test
    void declaredDimensionsThatConflict() {
        SourceError e = error("A*x", Map.of("A", Declaration.parse("matrix(n,m)"), "x", Declaration.parse("vector(k)")));
        assertThat(e.getMessage()).isEqualTo("cannot multiply A (n×m) by x (k×1): inner dimensions m and k differ");
        assertThat(e.span().start()).isZero();
        assertThat(e.span().end()).isEqualTo(3);
        SourceError sum = error("x + y", Map.of("x", Declaration.parse("vector(3)"), "y", Declaration.parse("vector(4)")));
        assertThat(sum.getMessage()).isEqualTo("cannot add x (3×1) and y (4×1): row counts 3 and 4 differ");
    }

    @Test
    void nonSquareDeterminant() {
        SourceError e = error("2*det(A)", Map.of("A", Declaration.parse("matrix(n,m)")));
        assertThat(e.format()).isEqualTo("1:3: det needs a square matrix, got matrix A (n×m)\n  2*det(A)\n    ^^^^^^");
        assertThat(error("det(x)").getMessage()).isEqualTo("det needs a square matrix, got vector x (n×1)");
    }

    @Test
    void namesAfterUnificationAreCurrent() {
        // x and A's rows are one class (n) before the failing product with y.
        SourceError e = error("x'*A*x + A*y'");
        assertThat(e.getMessage()).isEqualTo("cannot multiply A (n×n) by y' (1×m): inner dimensions n and 1 differ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x/y             | cannot divide by y (m×1), inferred to be a vector as it is not declared; if y is a number, declare it: --let y:scalar (in the REPL: let y: scalar)",
            "A/B             | cannot divide by B (k×p), inferred to be a matrix as it is not declared; if B is a number, declare it: --let B:scalar (in the REPL: let B: scalar)",
            "x^2             | cannot raise a vector x (n×1) to a power with ^; use .^ for element-wise power",
            "A^a             | a matrix power A^k needs an integer literal k; use .^ for element-wise power",
            "A^0.5           | a matrix power A^k needs an integer literal k; use .^ for element-wise power",
            "A^100           | matrix power exponent too large: at most 64 in absolute value",
            "x.^y            | the exponent of .^ must be a scalar, got vector y (m×1)",
            "2^x             | the exponent of ^ must be a scalar, got vector x (n×1)",
            "softmax(A)      | softmax of a matrix needs a dimension: softmax(X, 1) acts on each column, softmax(X, 2) on each row; got A (n×m)",
            "diag(x')        | diag needs a vector or a square matrix, got row vector x' (1×n)",
            "x' - [x; a]'    | cannot subtract [x; a]' (1×(n+1)) from x' (1×n): column counts n and n+1 differ",
            "[x; a] .* x     | cannot multiply element-wise [x; a] ((n+1)×1) and x (n×1): row counts n+1 and n differ",
            "vector(a, x)    | the entries of vector(...) must be scalars, got vector x (n×1); use [a; b] to stack blocks",
            "[A, a]          | the entries of row 1 differ in height: A (n×m) and a (1×1)",
            "[a, b; c]       | row 2 of the brackets has 1 entries but row 1 has 2",
            "[x; a] + x      | cannot add [x; a] ((n+1)×1) and x (n×1): row counts n+1 and n differ",
            "max([x; a], x)  | cannot compare element-wise in max: [x; a] ((n+1)×1) and x (n×1): row counts n+1 and n differ",
            "min(x', [x; a]')| cannot compare element-wise in min: x' (1×n) and [x; a]' (1×(n+1)): column counts n and n+1 differ",
            "y = x; y = x; y | 'y' is already defined",
            "y + 1; y = x; y | only the last statement may be an expression; define a name with NAME = ...",
            "x'*y = 2        | unexpected '=' after 'x'*y'; expected an operator",
    })
    void messages(String source, String message) {
        assertThat(error(source).getMessage()).isEqualTo(message);
    }

    @Test
    void variableUsedBeforeItsDefinition() {
        SourceError e = error("z = y'*y; y = x; z");
        assertThat(e.getMessage()).isEqualTo("'y' is used as a variable before this definition");
        assertThat(e.column()).isEqualTo(11);
    }

    @Test
    void valueShapeConflicts() {
        SourceError e = catchThrowableOfType(SourceError.class, () -> Typer.type("x'*A*x", Map.of(),
                Map.of("x", ValueShape.vector(3), "A", ValueShape.matrix(4, 4))));
        assertThat(e.getMessage()).isEqualTo(
                "the value given for A is 4×4, but A is used as n×n where n is 3 (from the value given for x)");
        SourceError fixed = catchThrowableOfType(SourceError.class, () -> Typer.type("a*x",
                Map.of("x", Declaration.parse("vector(3)")), Map.of("x", ValueShape.vector(4))));
        assertThat(fixed.getMessage()).isEqualTo("the value given for x is 4×1, but x is used as 3×1");
    }
}
