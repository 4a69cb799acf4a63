package dev.matcalc.shapes;

import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A given value's kind decides an undeclared variable's kind, before usage and the letter convention. */
class ValueKindTest {
    private static final Dim N = Dim.of("n"), M = Dim.of("m");

    private static Typed type(String source, Map<String, ValueShape> values) {
        return Typer.type(source, Map.of(), values);
    }

    private static Shape shapeOf(Typed t, String name) {
        return t.variable(name).orElseThrow().shape();
    }

    private static SourceError error(String source, Map<String, Declaration> lets, Map<String, ValueShape> values) {
        return catchThrowableOfType(SourceError.class, () -> Typer.type(source, lets, values));
    }

    @Test
    void aNumberMakesAVectorLetterAScalar() {
        // without a value, l is a vector letter: lam*x' would be an outer product
        assertThat(shapeOf(Typer.type("lam*x'*x"), "lam").isScalar()).isFalse();
        Typed t = type("lam*x'*x", Map.of("lam", ValueShape.SCALAR, "x", ValueShape.vector(3)));
        assertThat(shapeOf(t, "lam")).isEqualTo(Shape.SCALAR);
        assertThat(shapeOf(t, "x")).isEqualTo(Shape.vector(N));
        assertThat(t.expr().shape()).isEqualTo(Shape.SCALAR);
        assertThat(t.dimensionValues()).isEqualTo(Map.of("n", 3));
    }

    @Test
    void aListMakesAScalarLetterAVector() {
        Typed t = type("b'*x", Map.of("b", ValueShape.vector(3)));
        assertThat(shapeOf(t, "b")).isEqualTo(Shape.vector(N));
        assertThat(shapeOf(t, "x")).isEqualTo(Shape.vector(N));
        assertThat(t.dimensionValues()).isEqualTo(Map.of("n", 3));
    }

    @Test
    void listsOfRowsAreMatricesWhateverTheLetter() {
        Typed t = type("w'*y", Map.of("w", ValueShape.matrix(3, 2)));
        assertThat(shapeOf(t, "w")).isEqualTo(Shape.matrix(N, M));
        assertThat(t.expr().shape()).isEqualTo(Shape.matrix(M, Dim.ONE));
        assertThat(shapeOf(type("X'*y", Map.of("X", ValueShape.vector(4))), "X")).isEqualTo(Shape.vector(N));
    }

    @Test
    void aKindOutlivesSizesOfOne() {
        Typed vector = type("v'*x", Map.of("v", ValueShape.vector(1)));
        assertThat(shapeOf(vector, "v")).isEqualTo(Shape.vector(N));
        assertThat(vector.dimensionValues()).isEqualTo(Map.of("n", 1));
        Typed row = type("R*x", Map.of("R", ValueShape.matrix(1, 3)));
        assertThat(shapeOf(row, "R")).isEqualTo(Shape.matrix(N, M));
        assertThat(row.dimensionValues()).isEqualTo(Map.of("n", 1, "m", 3));
    }

    @Test
    void usageStillApplies() {
        SourceError e = error("a*b", Map.of(), Map.of("a", ValueShape.vector(2), "b", ValueShape.vector(2)));
        assertThat(e.getMessage()).isEqualTo("cannot multiply a (n×1) by b (m×1): inner dimensions 1 and m differ");
        SourceError sizes = error("x'*A*x", Map.of(), Map.of("x", ValueShape.vector(3), "A", ValueShape.matrix(3, 2)));
        assertThat(sizes.getMessage()).isEqualTo("the value given for A is 3×2, but A is used as n×n where n is 3 "
                + "(from the value given for x)");
    }

    @Test
    void declarationsWinAndAValueOfAnotherKindIsAnError() {
        Map<String, Declaration> lets = Map.of("lam", Declaration.parse("vector(n)"));
        assertThat(shapeOf(Typer.type("lam'*x", lets, Map.of("lam", ValueShape.vector(2))), "lam")).isEqualTo(Shape.vector(N));
        SourceError e = error("lam'*x", lets, Map.of("lam", ValueShape.SCALAR));
        assertThat(e.getMessage()).isEqualTo("lam is declared vector(n), but the value given for lam is a scalar");
        assertThat(e.column()).isEqualTo(1);
        assertThat(error("x'*A*x", Map.of("A", Declaration.parse("symmetric(n)")), Map.of("A", ValueShape.vector(3)))
                .getMessage()).isEqualTo("A is declared symmetric(n), but the value given for A is a vector of length 3");
        assertThat(error("a*x", Map.of("a", Declaration.SCALAR), Map.of("a", ValueShape.matrix(2, 1))).getMessage())
                .isEqualTo("a is declared scalar, but the value given for a is a 2×1 matrix");
        assertThat(error("x'*x", Map.of("x", Declaration.parse("vector(n)")), Map.of("x", ValueShape.matrix(2, 1)))
                .getMessage()).isEqualTo("x is declared vector(n), but the value given for x is a 2×1 matrix");
        assertThat(shapeOf(Typer.type("x'*A*x", Map.of("A", Declaration.parse("symmetric(n)")),
                Map.of("A", ValueShape.matrix(2, 2))), "A")).isEqualTo(Shape.matrix(N, N));
    }

    @Test
    void declarationConflictPointsAtTheFirstUse() {
        SourceError e = error("x'*x + c*x'*x", Map.of("c", Declaration.parse("vector(3)")), Map.of("c", ValueShape.SCALAR));
        assertThat(e.format()).isEqualTo("1:8: c is declared vector(3), but the value given for c is a scalar\n"
                + "  x'*x + c*x'*x\n         ^");
    }

    @Test
    void valuesForNamesThatDoNotOccurAreIgnored() {
        Typed t = type("x'*x", Map.of("unused", ValueShape.matrix(2, 2)));
        assertThat(t.variables()).extracting(v -> v.name()).containsExactly("x");
    }
}
