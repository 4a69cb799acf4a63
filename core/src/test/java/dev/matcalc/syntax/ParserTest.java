package dev.matcalc.syntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ParserTest {

    private static String grouped(String source) {
        return SyntaxPrinter.parenthesized(Parser.parse(source));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-x^2          | (-(x ^ 2))",
            "a*b.*c        | ((a * b) .* c)",
            "a.*b*c        | ((a .* b) * c)",
            "x'*A*x        | ((x' * A) * x)",
            "A'            | A'",
            "(A*B)'        | (A * B)'",
            "a*-b          | (a * (-b))",
            "2*x'          | (2 * x')",
            "a+b*c         | (a + (b * c))",
            "a-b-c         | ((a - b) - c)",
            "a/b/c         | ((a / b) / c)",
            "2^3^2         | ((2 ^ 3) ^ 2)",
            "2^-x          | (2 ^ (-x))",
            "-a*b          | ((-a) * b)",
            "x.^2'         | (x .^ 2')",
            "x''           | x",
            "--x           | x",
            "+x            | x",
            "A^-1          | (A ^ (-1))",
            "exp(x)+1      | (exp(x) + 1)",
            "x'*A'         | (x' * A')",
            "2.*x          | (2 .* x)",
    })
    void precedenceAndAssociativity(String source, String expected) {
        assertThat(grouped(source)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2, 2.0", "0.5, 0.5", ".5, 0.5", "1e-3, 0.001", "1E+20, 1.0E20", "3., 3.0"})
    void numbers(String source, double value) {
        Node node = Parser.parse(source).result();
        assertThat(node).isInstanceOf(Node.Literal.class);
        assertThat(((Node.Literal) node).value()).isEqualTo(value);
    }

    @Test
    void constructorsAndBlocks() {
        assertThat(Parser.parse("vector(1)").result()).isEqualTo(new Node.Ones(false, new Span(0, 9, 1, 1)));
        assertThat(Parser.parse("matrix(1)").result()).isInstanceOf(Node.Ones.class);
        Node zeros = Parser.parse("vector(0)").result();  // GENO's zero vector: 0*vector(1), spanning the call
        assertThat(zeros).isInstanceOf(Node.Chain.class);
        assertThat(((Node.Chain) zeros).steps().get(0).operand()).isEqualTo(new Node.Ones(false, new Span(0, 9, 1, 1)));
        assertThat(zeros.span()).isEqualTo(new Span(0, 9, 1, 1));
        assertThat(dev.matcalc.shapes.Typer.type("x - vector(0)").expr()).isEqualTo(
                dev.matcalc.shapes.Typer.type("x").expr());
        assertThat(dev.matcalc.shapes.Typer.type("A + matrix(0)").expr().shape().isMatrix()).isTrue();
        assertThat(Parser.parse("eye").result()).isInstanceOf(Node.Eye.class);
        assertThat(grouped("vector(a, b+1)")).isEqualTo("vector(a, (b + 1))");
        assertThat(grouped("[a, b; c, d]")).isEqualTo("[a, b; c, d]");
        assertThat(grouped("[a; b; c;]")).isEqualTo("[a; b; c]");
        assertThat(grouped("[a, b\n c, d]")).isEqualTo("[a, b; c, d]");
    }

    @Test
    void definitionsSeparatedBySemicolonsAndNewlines() {
        Program p = Parser.parse("Y1 = X'*A1*X; Y2 = Y1'*A2*Y1\n\ntr(Y2)\n");
        assertThat(p.definitions()).extracting(Program.Definition::name).containsExactly("Y1", "Y2");
        assertThat(SyntaxPrinter.parenthesized(p)).isEqualTo("Y1 = ((X' * A1) * X); Y2 = ((Y1' * A2) * Y1); tr(Y2)");
    }

    @Test
    void newlineAfterOperatorContinuesTheExpression() {
        assertThat(grouped("x +\n y")).isEqualTo("(x + y)");
        assertThat(grouped("f = (x\n + y)\nf")).isEqualTo("f = (x + y); f");
    }

    @Test
    void spansPointAtTheSource() {
        Node.Chain chain = (Node.Chain) Parser.parse("a + b +\n  c").result();
        assertThat(chain.span()).isEqualTo(new Span(0, 11, 1, 1));
        assertThat(chain.steps().get(1).opSpan()).isEqualTo(new Span(6, 7, 1, 7));
    }
}
