package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.testing.NumericCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of {@link DerivativeTable} in every layout: the derivative has the expected kind and
 * matrix shape, and its numbers (from the matrix form the user sees) match central differences
 * at random points, as does the differential the matrix form was read from.
 */
class FirstDerivativeTableTest {
    private static final int POINTS = 3;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> rows() {
        return DerivativeTable.all().stream()
                .flatMap(c -> Stream.of(Layout.values()).map(l -> Arguments.of(c, l)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("rows")
    void matchesFiniteDifferences(DerivativeTable.Case row, Layout layout) {
        Expression f = MatCalc.parse(row.source(), DerivativeTable.LETS);
        DerivativeResult d = f.derivative(layout, row.wrt());
        assertThat(d.kind()).as("kind of %s", row).isEqualTo(row.kind());
        assertMatrixShape(d.derivative());

        SplittableRandom rng = new SplittableRandom(row.toString().hashCode() * 7L + layout.ordinal());
        for (int p = 0; p < POINTS; p++) {
            NumericCheck.Comparison cmp = NumericCheck.compare(f, d, rng);
            assertThat(cmp.error()).as("%s, %s layout, answer %s\n%s", row, layout, d.toText(), cmp.describe())
                    .isLessThan(TOLERANCE);
            assertThat(cmp.symbolic().relativeError(d.evaluateDifferential(cmp.point())))
                    .as("matrix form vs differential of %s: %s", row, d.toText()).isLessThan(1e-9);
        }
    }

    /** The layouts' documented shapes: numerator rows follow f, denominator is its transpose, mixed gradients take x's shape. */
    private static void assertMatrixShape(Derivative d) {
        Var x = d.wrt().get(0);
        Shape f = d.function().shape(), shape = d.shape();
        if (d.kind() == Derivative.Kind.TENSOR) {
            assertThat(shape).isNull();
            return;
        }
        Shape numerator = switch (d.kind()) {
            case DERIVATIVE -> f;
            case GRADIENT -> transpose(x.shape());
            case JACOBIAN -> new Shape(length(f), x.shape().rows());
            default -> throw new AssertionError("unexpected first-order kind " + d.kind());
        };
        Shape expected = switch (d.layout()) {
            case NUMERATOR -> numerator;
            case DENOMINATOR -> transpose(numerator);
            case MIXED -> d.kind() == Derivative.Kind.GRADIENT ? x.shape() : numerator;
        };
        assertThat(shape).as("shape of d(%s)/d%s in %s layout", f, x.name(), d.layout()).isEqualTo(expected);
    }

    private static Shape transpose(Shape s) {
        return new Shape(s.cols(), s.rows());
    }

    private static Dim length(Shape vector) {
        return vector.cols().isOne() ? vector.rows() : vector.cols();
    }
}
