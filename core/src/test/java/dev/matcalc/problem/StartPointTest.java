package dev.matcalc.problem;

import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The start: given values as given, else a point inside the domain chosen from each variable's uses, moved into the bounds. */
class StartPointTest {
    private static final SplittableRandom DATA = new SplittableRandom(5);
    private static final DMatrixRMaj C = spd(DATA, 3), X = gaussian(DATA, 4, 2);

    private static CompiledProblem compile(String objective, List<String> over, List<String> constraints,
                                           Map<String, DMatrixRMaj> start) {
        return CompiledProblem.compile(minimize(objective, over, constraints, data("C", C, "X", X, "u", column(1, 2, 3)))
                .withDeclarations(lets("S", "symmetric", "x", "vector(3)", "y", "vector(3)", "z", "vector(2)"))
                .withStart(start));
    }

    @Test
    void eachVariableGetsWhatItsUsesNeed() {
        CompiledProblem p = compile("x'*x + sum(log(y)) - logdet(S) + tr(S*C) + sum(exp(z))", List.of("x", "y", "S", "z"),
                List.of(), Map.of());
        assertThat(p.startSentence()).isEqualTo(
                "Starting from x = 0, y = ones (y is under log), S = identity (S is under logdet), z = 0.");
        Map<String, DMatrixRMaj> start = p.solution(p.start());
        assertThat(start.get("x").data).containsOnly(0);
        assertThat(start.get("y").data).containsOnly(1);
        assertThat(start.get("S").data).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(start.get("z").data).containsOnly(0);
    }

    @Test
    void divisionsRootsAndInverses() {
        CompiledProblem p = compile("sum(sqrt(x)) + sum(u ./ y) + tr(inv(W'*W)) + z'*z", List.of("x", "y", "W", "z"),
                List.of(), Map.of("W", new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}})));
        assertThat(p.startSentence()).isEqualTo("Starting from W as given, x = ones (x is under sqrt), "
                + "y = ones (y is under a division or a fractional power), z = 0.");
        CompiledProblem rectangular = compile("tr(inv(W'*W)) + sum(X.*W)", List.of("W"), List.of(), Map.of());
        assertThat(rectangular.startSentence()).isEqualTo("Starting from W = ones on the diagonal (W is under inv).");
        assertThat(rectangular.solution(rectangular.start()).get("W").data).containsExactly(1, 0, 0, 1, 0, 0, 0, 0);
    }

    @Test
    void aConstraintsDomainCountsToo() {
        CompiledProblem p = compile("x'*x", List.of("x"), List.of("sum(log(x)) >= 0"), Map.of());
        assertThat(p.startSentence()).isEqualTo("Starting from x = ones (x is under log).");
    }

    @Test
    void zerosOutsideTheDomainGiveWayToOnes() {
        CompiledProblem p = compile("norm2(x) + sum(u.*x)", List.of("x"), List.of(), Map.of());   // norm2's gradient at 0 is 0/0
        assertThat(p.startSentence()).isEqualTo("Starting from x = ones (zeros are outside the domain).");
        assertThat(p.start()).containsOnly(1);
    }

    @Test
    void theStartIsMovedIntoTheBounds() {
        CompiledProblem p = compile("x'*x", List.of("x"), List.of("x >= 1", "x <= u"), Map.of());
        assertThat(p.startSentence()).isEqualTo("Starting from x = 0. Moved onto the bounds: x[1], x[2], x[3].");
        assertThat(p.start()).containsExactly(1, 1, 1);
        CompiledProblem given = compile("x'*x", List.of("x"), List.of("x <= u"), Map.of("x", column(5, 0, 5)));
        assertThat(given.startSentence()).isEqualTo("Starting from x as given. Moved onto the bounds: x[1], x[3].");
        assertThat(given.start()).containsExactly(1, 0, 3);
    }

    @Test
    void aGivenStartOutsideTheDomainNamesTheTerm() {
        SourceError e = error(minimize("sum(log(y)) + y'*y", List.of("y"), List.of(), Map.of()).withStart(Map.of("y", column(1, -1, 2))));
        assertThat(e.getMessage()).isEqualTo("the start point is outside the domain of the objective: log(y) is NaN "
                + "(log needs positive entries)");
        SourceError logdet = error(minimize("-logdet(S) + tr(S*C)", List.of("S"), List.of(), data("C", C))
                .withDeclarations(lets("S", "symmetric")).withStart(Map.of("S", new DMatrixRMaj(3, 3))));
        assertThat(logdet.getMessage()).isEqualTo("the start point is outside the domain of the objective: logdet(S) is NaN "
                + "(logdet needs a positive determinant)");
        SourceError inverse = error(minimize("tr(inv(S)*C)", List.of("S"), List.of(), data("C", C))
                .withDeclarations(lets("S", "symmetric")).withStart(Map.of("S", new DMatrixRMaj(3, 3))));
        assertThat(inverse.getMessage()).startsWith("the start point is outside the domain of the objective: inv(S) is not defined (inv: the matrix is singular");
        SourceError constraint = error(minimize("y'*y", List.of("y"), List.of("sum(sqrt(y)) <= 4"), Map.of())
                .withStart(Map.of("y", column(1, -1, 2))));
        assertThat(constraint.getMessage()).isEqualTo("the start point is outside the domain of constraint 1 "
                + "(sum(sqrt(y)) <= 4): sqrt(y) is NaN (sqrt needs entries >= 0)");
    }

    @Test
    void noStartFoundSaysWhatWasTried() {
        SourceError e = error(minimize("sum(log(A*x))", List.of("x"), List.of(), data("A", new DMatrixRMaj(new double[][] {{-1, -1}}))));
        assertThat(e.getMessage()).isEqualTo("no start point inside the domain was found: at x = ones (x is under log), "
                + "the objective has no value, as log(A*x) is NaN (log needs positive entries); give start values");
    }
}
