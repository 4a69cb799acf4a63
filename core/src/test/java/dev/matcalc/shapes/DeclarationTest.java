package dev.matcalc.shapes;

import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeclarationTest {

    @Test
    void parsesAllKinds() {
        assertThat(Declaration.parse("scalar")).isEqualTo(Declaration.SCALAR);
        assertThat(Declaration.parse("vector(n)")).isEqualTo(Declaration.vector(Dim.of("n")));
        assertThat(Declaration.parse(" matrix( m , 3 ) ")).isEqualTo(Declaration.matrix(Dim.of("m"), Dim.of(3)));
        assertThat(Declaration.parse("symmetric(3)").shape()).isEqualTo(Shape.matrix(Dim.of(3), Dim.of(3)));
        assertThat(Declaration.parse("symmetric(n)").toString()).isEqualTo("symmetric(n)");
    }

    @Test
    void aBareKindLeavesTheSizesToInference() {
        assertThat(Declaration.parse("vector")).isEqualTo(Declaration.ofKind(Declaration.Kind.VECTOR));
        assertThat(Declaration.parse(" symmetric ").toString()).isEqualTo("symmetric");
        assertThat(Declaration.parseLet("a: matrix").declaration().sizesInferred()).isTrue();
        assertThat(Declaration.parse("vector(n)").sizesInferred()).isFalse();
        // 'a' would be a scalar by the letter convention; declared a vector, it takes y's length
        Typed t = Typer.type("a'*y + b'*S*b", java.util.Map.of("a", Declaration.parse("vector"),
                "b", Declaration.parse("vector"), "S", Declaration.parse("symmetric")));
        assertThat(t.variable("a").orElseThrow().shape()).isEqualTo(t.variable("y").orElseThrow().shape());
        assertThat(t.variable("a").orElseThrow().shape().isColumn()).isTrue();
        assertThat(t.variable("S").orElseThrow().kind()).isEqualTo(dev.matcalc.expr.Var.Kind.SYMMETRIC);
        assertThat(t.variable("S").orElseThrow().shape()).isEqualTo(Shape.matrix(
                t.variable("b").orElseThrow().shape().rows(), t.variable("b").orElseThrow().shape().rows()));
    }

    @Test
    void parsesLets() {
        Declaration.Let let = Declaration.parseLet("A: symmetric(3)");
        assertThat(let.name()).isEqualTo("A");
        assertThat(let.declaration().kind()).isEqualTo(Declaration.Kind.SYMMETRIC);
        assertThat(Declaration.parseLet("x:vector(n)").declaration()).isEqualTo(Declaration.vector(Dim.of("n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A matrix(n,n)    | 3 | expected ':' after the variable name, as in A:matrix(n,n)",
            "A:mat(n,n)       | 3 | unknown type 'mat'; expected scalar, vector(n), matrix(m,n) or symmetric(n)",
            "A:matrix(n)      | 11 | expected ',' and a second dimension, as in matrix(m,n)",
            "x:vector(n,m)    | 11 | vector takes 1 dimension, as in vector(n)",
            "x:vector(0)      | 10 | a dimension must be positive, got 0",
            "x:vector(n       | 11 | expected ')' after the dimensions of vector",
            "x:vector(n) junk | 13 | unexpected 'j' after the type",
            ":scalar          | 1 | expected a variable name before ':', as in A:matrix(n,n)",
    })
    void errorsPointInsideTheLetString(String let, int column, String message) {
        SourceError e = catchThrowableOfType(SourceError.class, () -> Declaration.parseLet(let));
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.source()).isEqualTo(let);
    }
}
