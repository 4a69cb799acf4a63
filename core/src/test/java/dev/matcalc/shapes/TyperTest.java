package dev.matcalc.shapes;

import dev.matcalc.expr.Add;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Identity;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Ones;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Var;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TyperTest {

    private static final Dim N = Dim.of("n"), M = Dim.of("m");

    private static Shape shapeOf(Typed t, String name) {
        return t.variable(name).orElseThrow().shape();
    }

    @Test
    void implicitExpansionAddsAVectorToEveryColumnAndARowToEveryRow() {
        Typed t = Typer.type("W*X + u - v'", Map.of("X", Declaration.parse("matrix(n,N)")));
        Dim n2 = t.expr().shape().rows();
        assertThat(t.expr().shape().cols()).isEqualTo(Dim.of("N"));
        assertThat(shapeOf(t, "u")).isEqualTo(Shape.vector(n2));           // one entry per row
        assertThat(shapeOf(t, "v")).isEqualTo(Shape.vector(Dim.of("N"))); // one entry per column
        // the expansion is a product with ones: b*ones(N)' and ones(m)*c'
        Add sum = (Add) t.expr();
        assertThat(sum.terms().get(1)).isInstanceOf(MatMul.class);
        assertThat(((MatMul) sum.terms().get(1)).factors().get(1)).isInstanceOf(Ones.class);
        assertThat(Typer.type("x .* y'").expr().shape().isMatrix()).isTrue();   // an outer expansion
        assertThat(Typer.type("X ./ x").expr().shape()).isEqualTo(Typer.type("X ./ x").variable("X").orElseThrow().shape());
    }

    @Test
    void sumAndMeanAlongADimension() {
        Map<String, Declaration> lets = Map.of("X", Declaration.parse("matrix(m,n)"));
        assertThat(Typer.type("sum(X, 1)", lets).expr().shape()).isEqualTo(new Shape(Dim.ONE, N));
        assertThat(Typer.type("sum(X, 2)", lets).expr().shape()).isEqualTo(Shape.vector(M));
        assertThat(Typer.type("mean(X, 1)", lets).expr().shape()).isEqualTo(new Shape(Dim.ONE, N));
        assertThat(Typer.type("mean(X, 2)", lets).expr().shape()).isEqualTo(Shape.vector(M));
        assertThat(Typer.type("mean(X)", lets).expr().shape()).isEqualTo(Shape.SCALAR);
        assertThat(Typer.type("sum(X)", lets).expr()).isInstanceOf(Call.class);
        assertThat(Typer.type("size(X, 2)", Map.of("X", Declaration.parse("matrix(3,4)"))).expr().toString()).contains("4");
    }

    @Test
    void quadraticFormInfersSquareMatrix() {
        Typed t = Typer.type("x'*A*x");
        assertThat(shapeOf(t, "x")).isEqualTo(Shape.vector(N));
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, N));
        assertThat(shapeOf(t, "x").declaration()).isEqualTo("vector(n)");
        assertThat(t.expr().shape()).isEqualTo(Shape.SCALAR);
        assertThat(t.origins()).containsEntry("x", Typed.Origin.INFERRED);
        assertThat(t.variables()).extracting(Var::name).containsExactly("x", "A");
    }

    @Test
    void everyOccurrenceIsTheSameVar() {
        Typed t = Typer.type("x'*A*x");
        MatMul product = (MatMul) t.expr();
        assertThat(product.factors().get(2)).isSameAs(t.variable("x").orElseThrow());
        assertThat(product.factors().get(1)).isEqualTo(new Var("A", Shape.matrix(N, N)));
    }

    @Test
    void affineMapByConvention() {
        Typed t = Typer.type("W*x + b");
        assertThat(shapeOf(t, "b")).isEqualTo(Shape.SCALAR);
        assertThat(shapeOf(t, "W")).isEqualTo(Shape.matrix(N, M));
        assertThat(shapeOf(t, "x")).isEqualTo(Shape.vector(M));
        assertThat(t.expr()).isInstanceOf(Add.class);
        assertThat(t.expr().shape()).isEqualTo(Shape.vector(N));
    }

    @Test
    void sumOfExp() {
        Typed t = Typer.type("sum(exp(W*x+b))");
        assertThat(t.expr()).isInstanceOf(Call.class);
        assertThat(((Call) t.expr()).fn()).isEqualTo(MatFn.SUM);
        assertThat(t.expr().shape()).isEqualTo(Shape.SCALAR);
    }

    @Test
    void declaredSymmetric() {
        Typed t = Typer.type("x'*A*x", Map.of("A", Declaration.parseLet("A: symmetric(n)").declaration()));
        Var a = t.variable("A").orElseThrow();
        assertThat(a.kind()).isEqualTo(Var.Kind.SYMMETRIC);
        assertThat(a.shape()).isEqualTo(Shape.matrix(N, N));
        assertThat(t.isDeclared("A")).isTrue();
        assertThat(t.isDeclared("x")).isFalse();
    }

    @Test
    void freshNamesAvoidDeclaredNames() {
        Typed t = Typer.type("A*x", Map.of("A", Declaration.parse("matrix(n,3)"), "z", Declaration.parse("vector(m)")));
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, Dim.of(3)));
        assertThat(shapeOf(t, "x")).isEqualTo(Shape.vector(Dim.of(3)));
        Typed u = Typer.type("B*y", Map.of("z", Declaration.parse("vector(n)")));
        assertThat(shapeOf(u, "B")).isEqualTo(Shape.matrix(M, Dim.of("k")));
    }

    @Test
    void traceMakesItsArgumentSquare() {
        Typed t = Typer.type("tr(X) + det(Y)");
        assertThat(shapeOf(t, "X")).isEqualTo(Shape.matrix(N, N));
        assertThat(shapeOf(t, "Y")).isEqualTo(Shape.matrix(M, M));
    }

    @Test
    void diagPicksByShape() {
        assertThat(((Call) Typer.type("diag(x)").expr()).fn()).isEqualTo(MatFn.DIAG_MATRIX);
        Typed t = Typer.type("diag(X)");
        assertThat(((Call) t.expr()).fn()).isEqualTo(MatFn.DIAG_VECTOR);
        assertThat(shapeOf(t, "X")).isEqualTo(Shape.matrix(N, N));
    }

    @Test
    void onesAndIdentityTakeTheirSizeFromContext() {
        Typed t = Typer.type("x'*(eye + A)*vector(1)");
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, N));
        assertThat(Typer.type("vector(1)'*x").expr().shape()).isEqualTo(Shape.SCALAR);
        Expr sum = Typer.type("X + matrix(1)").expr();
        assertThat(((Add) sum).terms()).anyMatch(e -> e instanceof Ones o && o.shape().equals(Shape.matrix(N, M)));
        assertThat(Typer.type("A^0").expr()).isEqualTo(new Identity(N));
    }

    @Test
    void matrixPowers() {
        Typed t = Typer.type("A^3");
        assertThat(((MatMul) t.expr()).factors()).hasSize(3).allMatch(f -> f == t.variable("A").orElseThrow());
        Expr inverse = Typer.type("A^-2").expr();
        assertThat(((MatMul) inverse).factors()).hasSize(2).allMatch(f -> f instanceof Call c && c.fn() == MatFn.INV);
        assertThat(Typer.type("a^2.5").expr().shape()).isEqualTo(Shape.SCALAR);
    }

    @Test
    void definitionsShareTheirExpression() {
        Typed t = Typer.type("Y1 = X'*A1*X; Y2 = Y1'*A2*Y1; tr(Y2)");
        assertThat(t.definitions()).extracting(Typed.Definition::name).containsExactly("Y1", "Y2");
        Expr y1 = t.definitions().get(0).expr();
        MatMul y2 = (MatMul) t.definitions().get(1).expr();
        // A reference to a definition is a Ref to the same value: products never flatten it, so
        // Y2 = Y1'*A2*Y1 stays three factors and both Y1s are one shared node.
        assertThat(y2.factors()).hasSize(3);
        assertThat(y2.factors().get(0)).isInstanceOfSatisfying(Transpose.class,
                tr -> assertThat(tr.arg()).isInstanceOfSatisfying(Ref.class, r -> assertThat(r.value()).isSameAs(y1)));
        assertThat(y2.factors().get(2)).isInstanceOfSatisfying(Ref.class, r -> {
            assertThat(r.name()).isEqualTo("Y1");
            assertThat(r.value()).isSameAs(y1);
        });
        assertThat(((Call) t.expr()).arg()).isInstanceOfSatisfying(Ref.class, r -> assertThat(r.value()).isSameAs(y2));
        assertThat(t.variables()).extracting(Var::name).containsExactly("X", "A1", "A2");
        assertThat(shapeOf(t, "A2")).isEqualTo(Shape.matrix(M, M));
    }

    @Test
    void scalarProductScalesWhatFollows() {
        Typed t = Typer.type("x'*y*z");
        assertThat(t.expr().shape()).isEqualTo(Shape.vector(M));
        assertThat(shapeOf(t, "y")).isEqualTo(Shape.vector(N));
    }

    @Test
    void blocksAndStackedVectors() {
        assertThat(Typer.type("[a; b; c]").expr().shape()).isEqualTo(Shape.vector(Dim.of(3)));
        assertThat(Typer.type("vector(a, b)").expr().shape()).isEqualTo(Shape.vector(Dim.of(2)));
        Typed t = Typer.type("[A, x; x', a]");
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, N));
        assertThat(t.expr().shape()).isEqualTo(new Shape(Dim.plus(N, Dim.ONE), Dim.plus(N, Dim.ONE)));
        assertThat(Typer.type("[x; y] + z").expr().shape()).isEqualTo(Shape.vector(Dim.plus(N, M)));
    }

    @Test
    void valueShapesBindDimensions() {
        Typed t = Typer.type("x'*A*x", Map.of(), Map.of("x", ValueShape.vector(3), "A", ValueShape.matrix(3, 3)));
        assertThat(t.dimensionValues()).isEqualTo(Map.of("n", 3));
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, N));
    }

    @Test
    void longChainsTypeQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Expr sum = Typer.type("x" + "+x".repeat(30_000)).expr();
            assertThat(sum.shape()).isEqualTo(Shape.vector(N));
            Expr product = Typer.type("A" + "*A".repeat(30_000)).expr();
            assertThat(((MatMul) product).factors()).hasSize(30_001);
        });
    }

    @Test
    void deepestAllowedNestingTypesWithoutStackOverflow() {
        String deep = "exp(-(A*(".repeat(166) + "x" + ")))".repeat(166);
        Typed t = Typer.type(deep);
        assertThat(t.expr().shape()).isEqualTo(Shape.vector(N));
        assertThat(shapeOf(t, "A")).isEqualTo(Shape.matrix(N, N));
    }
}
