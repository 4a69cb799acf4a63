package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.render.CommonSubexpressions.Definition;
import dev.matcalc.render.CommonSubexpressions.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.render.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class CommonSubexpressionsTest {
    private final Expr u = add(mul(W, x), b);
    private final Expr e = apply(Fn.EXP, u);

    @Test
    void aRepeatedSubtermIsNamedOnceAndItsInsidesAreNot() {
        Named named = CommonSubexpressions.name(hadamard(e, e));
        Var t0 = new Var("t0", e.shape());
        assertThat(named.definitions()).containsExactly(new Definition("t0", e));
        assertThat(named.body()).isEqualTo(new Hadamard(t0, t0));
        assertThat(new TextRenderer().render(named)).isEqualTo("t0.*t0\nwhere t0 = exp(W*x + b)");
    }

    @Test
    void innerSubtermUsedElsewhereIsNamedFirst() {
        Named named = CommonSubexpressions.name(hadamard(e, hadamard(e, u)));
        Var t0 = new Var("t0", u.shape());
        Var t1 = new Var("t1", e.shape());
        assertThat(named.definitions()).containsExactly(new Definition("t0", u), new Definition("t1", new Apply(Fn.EXP, t0)));
        assertThat(named.body()).isEqualTo(new Hadamard(t1, new Hadamard(t1, t0)));
        assertThat(new TextRenderer().render(named))
                .isEqualTo("t1.*(t1.*t0)\nwhere t0 = W*x + b\n      t1 = exp(t0)");
        assertThat(new LatexRenderer().render(named)).isEqualTo(
                "t_{1} \\odot \\left(t_{1} \\odot t_{0}\\right), \\quad \\text{where } t_{0} = W x + b, \\; t_{1} = \\exp\\left(t_{0}\\right)");
    }

    @Test
    void aSubtermRepeatedMoreOftenThanItsContainerIsNamedToo() {
        // add flattens u into the outer sum: W*x occurs three times, W*x + b only inside exp
        Named named = CommonSubexpressions.name(hadamard(e, add(e, u)));
        assertThat(named.definitions()).extracting(Definition::name).containsExactly("t0", "t1");
        assertThat(new TextRenderer().render(named))
                .isEqualTo("t1.*(t1 + t0 + b)\nwhere t0 = W*x\n      t1 = exp(t0 + b)");
    }

    @Test
    void trivialRepeatsAreNotNamed() {
        Expr e = add(mul(transpose(x), A, x), mul(transpose(x), B, x), mul(num(2), call(MatFn.SUM, hadamard(neg(x), neg(x)))));
        Named named = CommonSubexpressions.name(e);
        assertThat(named.definitions()).isEmpty();
        assertThat(named.body()).isEqualTo(e);
        assertThat(new TextRenderer().render(named)).isEqualTo(new TextRenderer().render(e));
    }

    @Test
    void namesAvoidVariablesOfTheExpression() {
        // a user's t0 takes the letter t: a helper t1 beside it would read as one of a family
        Var taken = new Var("t0", e.shape());
        Named named = CommonSubexpressions.name(add(hadamard(e, e), taken));
        assertThat(named.definitions()).extracting(Definition::name).containsExactly("s0");
        assertThat(new TextRenderer().render(named)).isEqualTo("s0.*s0 + t0\nwhere s0 = exp(W*x + b)");
        // so does a user's t: t0 would read as its entry t₀
        Named besideT = CommonSubexpressions.name(add(hadamard(e, e), new Var("t", e.shape())));
        assertThat(besideT.definitions()).extracting(Definition::name).containsExactly("s0");
    }

    @Test
    void repeatsInsideBlocksAndDefinitionsAreFound() {
        Expr inv = call(MatFn.INV, add(A, B));
        Named named = CommonSubexpressions.name(block(List.of(List.of(inv, mul(inv, C)))));
        assertThat(named.definitions()).containsExactly(new Definition("t0", inv));
        assertThat(new PrettyRenderer().render(named)).isEqualTo("[t0, t0·C]\nwhere t0 = (A + B)⁻¹");
    }

    @Test
    void triviality() {
        assertThat(CommonSubexpressions.isTrivial(transpose(x))).isTrue();
        assertThat(CommonSubexpressions.isTrivial(neg(transpose(x)))).isTrue();
        assertThat(CommonSubexpressions.isTrivial(mul(num(2), A))).isTrue();
        assertThat(CommonSubexpressions.isTrivial(mul(A, x))).isFalse();
        assertThat(CommonSubexpressions.isTrivial(transpose(mul(A, B)))).isFalse();
    }
}
