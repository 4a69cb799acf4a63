package dev.matcalc.syntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ParserErrorTest {

    private static SourceError error(String source) {
        return catchThrowableOfType(SourceError.class, () -> Parser.parse(source));
    }

    @Test
    void badCharacter() {
        SourceError e = error("x + $y");
        assertThat(e.getMessage()).isEqualTo("unexpected character '$'");
        assertThat(e.format()).isEqualTo("1:5: unexpected character '$'\n  x + $y\n      ^");
    }

    @Test
    void missingClosingParenthesisPointsAtTheOpeningOne() {
        SourceError e = error("2*(x + y");
        assertThat(e.format()).isEqualTo("1:3: unclosed '('\n  2*(x + y\n    ^");
    }

    @Test
    void unexpectedTokenInsideParentheses() {
        SourceError e = error("exp(x y)");
        assertThat(e.getMessage()).isEqualTo("expected ')' after 'x', found 'y'");
        assertThat(e.column()).isEqualTo(7);
    }

    @Test
    void unknownFunctionWithSuggestion() {
        SourceError e = error("x'*expp(x)");
        assertThat(e.format()).isEqualTo("1:4: unknown function 'expp'; did you mean 'exp'?\n  x'*expp(x)\n     ^^^^");
        assertThat(error("sigmod(x)").getMessage()).isEqualTo("unknown function 'sigmod'; did you mean 'sigmoid'?");
        assertThat(error("foo(x)").getMessage()).isEqualTo("unknown function 'foo'");
    }

    @Test
    void wrongArgumentCount() {
        SourceError e = error("a + exp(x, y)");
        assertThat(e.getMessage()).isEqualTo("exp takes 1 argument, got 2");
        assertThat(e.span()).isEqualTo(new Span(4, 13, 1, 5));
        assertThat(error("tr()").getMessage()).isEqualTo("tr takes 1 argument, got 0");
        assertThat(error("max(x, y, z)").getMessage())
                .isEqualTo("max takes 1 argument (max(X), its largest entry) or 2 (max(A, B), element-wise), got 3");
        assertThat(error("min()").getMessage())
                .isEqualTo("min takes 1 argument (min(X), its smallest entry) or 2 (min(A, B), element-wise), got 0");
        assertThat(error("ge0(x, 0)").getMessage()).isEqualTo("ge0 takes 1 argument, got 2");
    }

    @Test
    void aDimensionIsTheLiteral1Or2() {
        SourceError e = error("sum(X, 3)");
        assertThat(e.getMessage()).isEqualTo("sum's second argument is the dimension: 1 (along columns) or 2 (along rows), got '3'");
        assertThat(e.span().start()).isEqualTo(7);
        assertThat(error("softmax(X, k)").getMessage()).endsWith("got 'k'");
        assertThat(error("mean(X, 1, 2)").getMessage())
                .isEqualTo("mean takes 1 argument, or 2 with a dimension (mean(X, 1), mean(X, 2)), got 3");
        assertThat(error("size(X)").getMessage())
                .isEqualTo("size takes a matrix and a dimension: size(X, 1) (rows) or size(X, 2) (columns), got 1 argument");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"         | empty expression",
            "x +          | expected an expression after '+'",
            "x + )        | expected an expression after '+', found ')'",
            "x )          | unmatched ')'",
            "x y          | unexpected 'y' after 'x'; expected an operator",
            "1e999        | number out of range",
            "1e+          | malformed number: exponent has no digits",
            "x; y         | only the last statement may be an expression; define a name with NAME = ...",
            "y = x        | missing the final expression after the definition of 'y'",
            "exp + 1      | 'exp' is a function; write exp(...)",
            "eye(3)       | eye takes no arguments: its size is inferred from context",
            "vector(2)    | vector takes the single argument 1 (vector(1), all ones) or 0 (vector(0), all zeros), or two or more scalar entries, got 'vector(2)'",
            "[a, b        | unclosed '['",
            "[]           | empty brackets: a matrix needs at least one entry",
    })
    void messages(String source, String message) {
        assertThat(error(source).getMessage()).isEqualTo(message);
    }

    @Test
    void blankInputIsEmpty() {
        assertThat(error("  \n ; \n").getMessage()).isEqualTo("empty expression");
        assertThat(error(null).getMessage()).isEqualTo("empty expression");
    }

    @Test
    void lineAndColumnOnLaterLines() {
        SourceError e = error("y = x'*x\nz = y +\n  $");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.format()).isEqualTo("3:3: unexpected character '$'\n    $\n    ^");
    }

    @Test
    void deepNestingGivesAClearErrorQuickly() {
        String deep = "(".repeat(100_000) + "x" + ")".repeat(100_000);
        assertThat(deep).hasSizeGreaterThan(Limits.DEFAULT_MAX_LENGTH);
        String fits = "(".repeat(49_000) + "x" + ")".repeat(49_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> Parser.parse(deep)).isInstanceOf(SourceError.class)
                    .hasMessageStartingWith("input too long");
            SourceError e = error(fits);
            assertThat(e.getMessage()).isEqualTo("expression nested too deeply (more than 500 levels)");
            assertThat(e.column()).isEqualTo(500);
            // With the length limit raised, the depth limit still stops 10^5 parentheses.
            SourceError raised = catchThrowableOfType(SourceError.class,
                    () -> Parser.parse(deep, new Limits(1_000_000, 500)));
            assertThat(raised.getMessage()).startsWith("expression nested too deeply");
        });
    }

    @Test
    void nestingJustUnderTheLimitParses() {
        String source = "(".repeat(499) + "x" + ")".repeat(499);
        assertThat(Parser.parse(source).result()).isEqualTo(new Node.Name("x", new Span(499, 500, 1, 500)));
        String calls = "exp(".repeat(499) + "x" + ")".repeat(499);
        assertThat(Parser.parse(calls).result()).isInstanceOf(Node.Call.class);
    }

    @Test
    void longRunsOfOperatorsDoNotRecurse() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Parser.parse("-".repeat(99_000) + "x").result()).isInstanceOf(Node.Name.class);
            assertThat(Parser.parse("x" + "'".repeat(99_001)).result()).isInstanceOf(Node.Transpose.class);
            Node sum = Parser.parse("x" + "+x".repeat(49_000)).result();
            assertThat(((Node.Chain) sum).steps()).hasSize(49_000);
        });
    }

    @Test
    void tenMegabyteInputIsRejectedQuickly() {
        String huge = "x+".repeat(5_000_000) + "x";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            SourceError e = error(huge);
            assertThat(e.getMessage()).isEqualTo("input too long: 10000001 characters (at most 100000)");
            assertThat(e.span().start()).isEqualTo(100_000);
        });
    }
}
