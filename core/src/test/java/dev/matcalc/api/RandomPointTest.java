package dev.matcalc.api;

import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Random values for the page's "evaluate at a point", as check draws them, of the sizes asked. */
class RandomPointTest {
    @SuppressWarnings("unchecked")
    static List<List<Double>> rows(Object value) {
        return (List<List<Double>>) value;
    }

    @Test
    void theSizesAskedAreKeptAndTheOthersDrawn() {
        RandomPoint.Drawn d = RandomPoint.draw("A*x", Map.of(), Map.of("n", 5), 1);
        assertThat(d.dimensions()).containsEntry("n", 5).containsOnlyKeys("m", "n");
        int m = d.dimensions().get("m");
        assertThat(m).isBetween(2, 4);
        assertThat(d.values()).containsOnlyKeys("A", "x");
        // A is n×m, x an m-vector (as typing infers them); vectors come as arrays, matrices as rows
        assertThat(rows(d.values().get("A"))).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(m));
        assertThat((List<?>) d.values().get("x")).hasSize(m).allSatisfy(e -> assertThat(e).isInstanceOf(Double.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesAreDrawnWhereTheExpressionIsDefinedAndTheDeclarationsHold() {
        RandomPoint.Drawn d = RandomPoint.draw("sum(log(x)) + y'*S*y", Map.of("S", "symmetric(n)"), Map.of(), 3);
        assertThat((List<Double>) d.values().get("x")).allSatisfy(e -> assertThat(e).isPositive());
        List<List<Double>> s = rows(d.values().get("S"));
        for (int i = 0; i < s.size(); i++)
            for (int j = 0; j < s.size(); j++) assertThat(s.get(i).get(j)).isEqualTo(s.get(j).get(i));
        // and the point drawn is one the derivative can be evaluated and checked at
        CheckReport report = PointCheckAt.check("sum(log(x)) + y'*S*y", List.of("x", "y"), Map.of("S", "symmetric(n)"), 1,
                Layout.NUMERATOR, d.values(), 1e-6);
        assertThat(report.passed()).as(report.lines().toString()).isTrue();
    }

    @Test
    void aSeedGivesTheSameValuesAndAnotherSeedOthers() {
        assertThat(RandomPoint.draw("sum(exp(x))", Map.of(), Map.of(), 7).values())
                .isEqualTo(RandomPoint.draw("sum(exp(x))", Map.of(), Map.of(), 7).values())
                .isNotEqualTo(RandomPoint.draw("sum(exp(x))", Map.of(), Map.of(), 8).values());
    }

    @Test
    void aSizeOutOfRangeIsAnErrorNamingTheDimension() {
        assertThatThrownBy(() -> RandomPoint.draw("sum(x)", Map.of(), Map.of("n", 0), 1))
                .isInstanceOf(SourceError.class).hasMessage("the size of n must be between 1 and 100, got 0");
        assertThatThrownBy(() -> RandomPoint.draw("sum(x)", Map.of(), Map.of("n", 101), 1))
                .isInstanceOf(SourceError.class).hasMessageContaining("got 101");
    }

    @Test
    void aSizeForADimensionTheExpressionLacksIsAnErrorListingItsDimensions() {
        assertThatThrownBy(() -> RandomPoint.draw("A*x", Map.of(), Map.of("q", 3), 1))
                .isInstanceOf(SourceError.class).hasMessage("the expression has no dimension q; its symbolic dimensions are m, n");
        assertThatThrownBy(() -> RandomPoint.draw("sum(x)", Map.of("x", "vector(3)"), Map.of("n", 3), 1))
                .isInstanceOf(SourceError.class).hasMessage("the expression has no dimension n: its sizes are all fixed");
    }
}
