package dev.matcalc.problem;

import dev.matcalc.optimization.Bounds;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Which constraints become the solver's box, with what numbers, and which go to the augmented Lagrangian. */
class BoundClassifierTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static CompiledProblem compile(List<String> constraints) {
        return CompiledProblem.compile(minimize("x'*x + c^2 + sum(y) + tr(S)", List.of("x", "c", "y", "S"), constraints,
                data("u", column(1, 2, 3), "A", new DMatrixRMaj(2, 3), "b", column(1, 1), "v", column(4, 5),
                        "U", new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}), "k", scalar(7)))
                .withDeclarations(lets("x", "vector(3)", "y", "vector(2)", "S", "symmetric(2)")));
    }

    @Test
    void boundsInEveryForm() {
        CompiledProblem p = compile(List.of("x >= 0", "x <= u", "2*c <= 1", "-c <= 3", "y == v", "1 >= S", "S >= -U"));
        Bounds b = p.bounds();
        // x (3), c, y (2), S (3 packed: S11, S12, S22)
        assertThat(b.lower()).containsExactly(0, 0, 0, -3, 4, 5, -1, -2, -4);
        assertThat(b.upper()).containsExactly(1, 2, 3, 0.5, 4, 5, 1, 1, 1);
        assertThat(p.generalConstraints()).isEmpty();
        assertThat(p.boundConstraints()).hasSize(7);
        assertThat(p.problem().inequalities()).isZero();
    }

    @Test
    void theTightestBoundOnAnEntryWins() {
        Bounds b = compile(List.of("x >= 0", "x >= u - 2", "x <= 5", "4 >= x")).bounds();
        assertThat(b.lower()).startsWith(0, 0, 1);
        assertThat(b.upper()).startsWith(4, 4, 4);
        assertThat(b.lower()[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(b.upper()[3]).isEqualTo(INF);
    }

    @Test
    void otherConstraintsGoThroughTheLagrangian() {
        List<String> general = List.of("A*x <= b", "x(1:1) <= 1".replace("x(1:1)", "x'*x"), "sum(x) == 1", "x.*x <= 1",
                "sum(y) + c <= 1", "c <= u", "x' <= u'");
        CompiledProblem p = compile(general);
        assertThat(p.generalConstraints()).extracting(TypedConstraint::text).containsExactlyElementsOf(general);
        assertThat(p.bounds().lower()).containsOnly(Double.NEGATIVE_INFINITY);
        assertThat(p.bounds().upper()).containsOnly(INF);
    }

    @Test
    void contradictoryBoundsNameBothConstraints() {
        SourceError e = error(compile0(List.of("x >= u", "x <= 2")));
        assertThat(e.getMessage()).isEqualTo("the bounds on x[3] contradict each other: constraint 1 (x >= u) asks for "
                + "x[3] >= 3.0, but constraint 2 (x <= 2) for x[3] <= 2.0");
        SourceError nan = error(compile0(List.of("x <= log(u - 2)")));
        assertThat(nan.getMessage()).isEqualTo("the bound that constraint 1 (x <= log(u - 2)) sets on x[1] is not a number");
    }

    private static Problem compile0(List<String> constraints) {
        return minimize("x'*x", List.of("x"), constraints, data("u", column(1, 2, 3)));
    }
}
