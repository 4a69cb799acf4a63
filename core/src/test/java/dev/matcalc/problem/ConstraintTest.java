package dev.matcalc.problem;

import dev.matcalc.numeric.Evaluator;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Constraints: every form read, typed into its normal form g ≤ 0 or h = 0, and every error positioned in the constraint. */
class ConstraintTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A*x <= b           | LESS_EQUAL    | A*x    | b",
            "x >= 0             | GREATER_EQUAL | x      | 0",
            "0 <= x             | LESS_EQUAL    | 0      | x",
            "sum(x) == 1        | EQUAL         | sum(x) | 1",
            "x < 1              | LESS_EQUAL    | x      | 1",
            "x > 0              | GREATER_EQUAL | x      | 0",
            "x ≤ 1              | LESS_EQUAL    | x      | 1",
            "x >= 0 # the sign  | GREATER_EQUAL | x      | 0",
    })
    void readsEveryComparison(String text, Constraint.Relation relation, String left, String right) {
        Constraint c = Constraint.parse(text);
        assertThat(c.relation()).isEqualTo(relation);
        assertThat(c.left().strip()).isEqualTo(left);
        assertThat(c.right().strip()).isEqualTo(right);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "A*x b       | 1 | 5 | a constraint needs a comparison: <=, >= or ==",
            "0 <= x <= 1 | 8 | 2 | a constraint has one comparison, but this is a second one after '<='",
            "x = 1       | 3 | 1 | '=' is not a comparison; an equality constraint is written ==",
            "x =< 1      | 3 | 2 | write <= for this comparison, not =<",
            "x != 1      | 3 | 2 | '!=' constraints are not supported",
            "<= 1        | 1 | 2 | nothing on the left of '<='",
            "x >=        | 3 | 2 | nothing on the right of '>='",
    })
    void errorsPointAtTheComparison(String text, int column, int width, String message) {
        SourceError e = catchThrowableOfType(SourceError.class, () -> Constraint.parse(text));
        assertThat(e.getMessage()).startsWith(message);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.span().end() - e.span().start()).isEqualTo(width);
        assertThat(e.source()).isEqualTo(text);
    }

    /** Each form's normal form, evaluated at a random point, against the formula it stands for. */
    @Test
    void normalFormsAreElementwiseWithScalarExpansion() {
        SplittableRandom rng = new SplittableRandom(3);
        DMatrixRMaj a = gaussian(rng, 2, 3), b = gaussian(rng, 2, 1), x = gaussian(rng, 3, 1);
        DMatrixRMaj s = spd(rng, 3);
        Problem p = Problem.of("x'*x + tr(S)", Sense.MIN, List.of("x", "S"), List.of("A*x <= b", "x >= 0", "0 <= x",
                        "x <= 1", "sum(x) == 1", "norm2(x)^2 <= 1", "det(S) >= 1", "2 >= S"))
                .withDeclarations(lets("S", "symmetric")).withData(data("A", a, "b", b)).withStart(data("x", x, "S", s));
        List<TypedConstraint> cs = CompiledProblem.compile(p).typed().constraints();
        Map<String, DMatrixRMaj> at = new HashMap<>(data("A", a, "b", b, "x", x, "S", s));
        DMatrixRMaj ax = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(a, x, ax);
        double sum = CommonOps_DDRM.elementSum(x), squares = CommonOps_DDRM.dot(x, x);
        for (int i = 0; i < 2; i++) assertThat(value(cs.get(0), at).get(i)).isCloseTo(ax.get(i) - b.get(i), within(1e-12));
        for (int i = 0; i < 3; i++) {
            assertThat(value(cs.get(1), at).get(i)).isEqualTo(-x.get(i));
            assertThat(value(cs.get(2), at).get(i)).isEqualTo(-x.get(i));
            assertThat(value(cs.get(3), at).get(i)).isCloseTo(x.get(i) - 1, within(1e-15));
            for (int j = 0; j < 3; j++) assertThat(value(cs.get(7), at).get(i, j)).isCloseTo(s.get(i, j) - 2, within(1e-15));
        }
        assertThat(cs.get(4).equality()).isTrue();
        assertThat(value(cs.get(4), at).get(0)).isCloseTo(sum - 1, within(1e-12));
        assertThat(value(cs.get(5), at).get(0)).isCloseTo(squares - 1, within(1e-12));
        assertThat(value(cs.get(6), at).get(0)).isCloseTo(1 - CommonOps_DDRM.det(s), within(1e-12));
        assertThat(cs.stream().filter(TypedConstraint::equality).count()).isEqualTo(1);
    }

    private static DMatrixRMaj value(TypedConstraint c, Map<String, DMatrixRMaj> at) {
        return Evaluator.evaluate(c.expr(), at);
    }

    @Test
    void aSyntaxErrorInASideIsPositionedInTheConstraint() {
        SourceError e = error(minimize("x'*x", List.of("x"), List.of("x + <= 1"), Map.of()));
        assertThat(e.source()).isEqualTo("x + <= 1");
        assertThat(e.getMessage()).contains("after '+'");
        assertThat(e.column()).isEqualTo(5);          // where the left side ends
        SourceError right = error(minimize("x'*x", List.of("x"), List.of("x <= (1 + "), Map.of()));
        assertThat(right.source()).isEqualTo("x <= (1 + ");
        assertThat(right.column()).isGreaterThan(5);
    }

    @Test
    void aTypeErrorInASideIsPositionedInTheConstraint() {
        SourceError e = error(minimize("x'*x", List.of("x"), List.of("sum(x) <= A*y"),
                data("A", new DMatrixRMaj(2, 3), "y", new DMatrixRMaj(2, 1))));
        assertThat(e.source()).isEqualTo("sum(x) <= A*y");
        assertThat(e.getMessage()).startsWith("the data for");
        SourceError product = error(minimize("x'*x", List.of("x"), List.of("x <= A*B"), Map.of())
                .withDeclarations(lets("A", "matrix(2,3)", "B", "matrix(4,1)")));
        assertThat(product.getMessage()).startsWith("cannot multiply A (2×3) by B (4×1)");
        assertThat(product.source()).isEqualTo("x <= A*B");
        assertThat(product.column()).isEqualTo(6);
    }

    @Test
    void sidesOfDifferentShapesSaySoWithBothShapes() {
        SourceError e = error(minimize("x'*x", List.of("x"), List.of("x <= y"), Map.of())
                .withDeclarations(lets("x", "vector(3)", "y", "vector(4)")));
        assertThat(e.getMessage()).startsWith("the two sides of the constraint differ in shape: x is 3×1 but y is 4×1");
        assertThat(e.source()).isEqualTo("x <= y");
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.span().end()).isEqualTo(6);

        SourceError kinds = error(minimize("x'*x", List.of("x"), List.of("  x' >= A  "), data("A", new DMatrixRMaj(3, 3))));
        assertThat(kinds.getMessage()).startsWith("the two sides of the constraint differ in shape: x' is 1×n but A is 3×3");
        assertThat(kinds.column()).isEqualTo(3);
    }

    /** The objective's definitions come first in the program: constraints may use the names, errors stay in place. */
    @Test
    void constraintsMayUseTheObjectivesDefinitions() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}), b = column(1, 2, 3);
        CompiledProblem p = CompiledProblem.compile(minimize("r = A*x - b\n 0.5*r'*r", List.of("x"), List.of("r <= 1"),
                data("A", a, "b", b)));
        DMatrixRMaj g = Evaluator.evaluate(p.typed().constraints().get(0).expr(), data("A", a, "b", b, "x", column(1, -1)));
        assertThat(g.data).containsExactly(-1 - 1 - 1, -1 - 2 - 1, -1 - 3 - 1);
        assertThat(p.problem().inequalities()).isEqualTo(3);

        SourceError result = error(minimize("r = A*x - b; (r'*r) + det(x)", List.of("x"), List.of("r <= 1"), data("A", a, "b", b)));
        assertThat(result.getMessage()).startsWith("det needs a square matrix");
        assertThat(result.source()).isEqualTo("r = A*x - b; (r'*r) + det(x)");
        assertThat(result.column()).isEqualTo(23);
        SourceError definition = error(minimize("r = det(x); r^2", List.of("x"), List.of("r <= 1"), Map.of()));
        assertThat(definition.getMessage()).startsWith("det needs a square matrix");
        assertThat(definition.source()).isEqualTo("r = det(x); r^2");
        assertThat(definition.column()).isEqualTo(5);
        SourceError syntax = error(minimize("r = A*x - b; r'*r +", List.of("x"), List.of("r <= 1"), data("A", a, "b", b)));
        assertThat(syntax.source()).isEqualTo("r = A*x - b; r'*r +");
        assertThat(syntax.getMessage()).contains("after '+'");
    }

    @Test
    void aConstraintWithoutAVariableIsAnError() {
        SourceError e = error(minimize("x'*x", List.of("x"), List.of("sum(b) >= 0"), data("b", column(1, 2))));
        assertThat(e.getMessage()).isEqualTo("constraint 1 (sum(b) >= 0) involves none of the variables (x): "
                + "it holds or fails whatever they are");
        assertThat(e.source()).isEqualTo("sum(b) >= 0");
    }
}
