package dev.matcalc.optimization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The six test functions of Moré &amp; Thuente (1994), §5, from the four starting steps of their tables. */
class MoreThuenteTest {
    /** φ and φ' of one test function. */
    record Phi(String name, DoubleUnaryOperator value, DoubleUnaryOperator slope, double ftol, double gtol) {
    }

    static Stream<Arguments> functions() {
        Phi[] phis = {
                new Phi("1: -a/(a^2+2)", a -> -a / (a * a + 2), a -> (a * a - 2) / ((a * a + 2) * (a * a + 2)), 1e-3, 0.1),
                new Phi("2: (a+0.004)^5 - 2(a+0.004)^4", a -> Math.pow(a + 0.004, 5) - 2 * Math.pow(a + 0.004, 4),
                        a -> (a + 0.004) * (a + 0.004) * (a + 0.004) * (5 * (a + 0.004) - 8), 0.1, 0.1),
                new Phi("3: piecewise with sin, l=39", MoreThuenteTest::phi3, MoreThuenteTest::phi3Slope, 0.1, 0.1),
                yanaiOzawaKaneko(0.001, 0.001), yanaiOzawaKaneko(0.01, 0.001), yanaiOzawaKaneko(0.001, 0.01)};
        return Stream.of(phis).flatMap(p -> Stream.of(1e-3, 1e-1, 1e1, 1e3).map(a -> Arguments.of(p, a)));
    }

    private static final double B3 = 0.01, L3 = 39;

    private static double phi3(double a) {
        double base = a <= 1 - B3 ? 1 - a : a >= 1 + B3 ? a - 1 : (a - 1) * (a - 1) / (2 * B3) + B3 / 2;
        return base + 2 * (1 - B3) / (L3 * Math.PI) * Math.sin(L3 * Math.PI * a / 2);
    }

    private static double phi3Slope(double a) {
        double base = a <= 1 - B3 ? -1 : a >= 1 + B3 ? 1 : (a - 1) / B3;
        return base + (1 - B3) * Math.cos(L3 * Math.PI * a / 2);
    }

    private static Phi yanaiOzawaKaneko(double b1, double b2) {
        double g1 = Math.sqrt(1 + b1 * b1) - b1, g2 = Math.sqrt(1 + b2 * b2) - b2;
        return new Phi("YOK(" + b1 + ", " + b2 + ")",
                a -> g1 * Math.sqrt((1 - a) * (1 - a) + b2 * b2) + g2 * Math.sqrt(a * a + b1 * b1),
                a -> -g1 * (1 - a) / Math.sqrt((1 - a) * (1 - a) + b2 * b2) + g2 * a / Math.sqrt(a * a + b1 * b1), 1e-3, 1e-3);
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("functions")
    void findsAStrongWolfePoint(Phi phi, double firstStep) {
        MoreThuente search = new MoreThuente();
        double f0 = phi.value().applyAsDouble(0), g0 = phi.slope().applyAsDouble(0);
        search.start(f0, g0, firstStep, phi.ftol(), phi.gtol(), 1e-10, 0, 1e10);
        int evaluations = 0;
        MoreThuente.Task task;
        double a;
        do {
            a = search.step;
            evaluations++;
            task = search.next(phi.value().applyAsDouble(a), phi.slope().applyAsDouble(a));
        } while (task == MoreThuente.Task.EVALUATE && evaluations < 50);
        assertThat(task).as("%s from %s after %d evaluations", phi.name(), firstStep, evaluations).isEqualTo(MoreThuente.Task.CONVERGED);
        assertThat(phi.value().applyAsDouble(a)).as("sufficient decrease").isLessThanOrEqualTo(f0 + phi.ftol() * a * g0);
        assertThat(Math.abs(phi.slope().applyAsDouble(a))).as("curvature").isLessThanOrEqualTo(phi.gtol() * -g0);
        assertThat(evaluations).as("the paper needs at most 17 here").isLessThanOrEqualTo(20);
    }

    @Test
    void backsOffWhereTheFunctionIsNotDefined() {
        // φ(α) = −3α − log(0.4 − α): defined for α < 0.4 only, minimum at α = 1/15
        DoubleUnaryOperator value = a -> a < 0.4 ? -3 * a - Math.log(0.4 - a) : Double.NaN;
        DoubleUnaryOperator slope = a -> -3 + 1 / (0.4 - a);
        MoreThuente search = new MoreThuente();
        double f0 = value.applyAsDouble(0), g0 = slope.applyAsDouble(0);
        search.start(f0, g0, 10, 1e-3, 0.9, 0.1, 0, 1e10);
        int outside = 0;
        MoreThuente.Task task = MoreThuente.Task.EVALUATE;
        for (int k = 0; k < 30 && task == MoreThuente.Task.EVALUATE; k++) {
            double f = value.applyAsDouble(search.step);
            if (Double.isNaN(f)) {
                outside++;
                search.backOff();
            } else {
                task = search.next(f, slope.applyAsDouble(search.step));
            }
        }
        assertThat(task).isEqualTo(MoreThuente.Task.CONVERGED);
        assertThat(search.step).isLessThan(0.4);
        assertThat(outside).isPositive();
    }
}
