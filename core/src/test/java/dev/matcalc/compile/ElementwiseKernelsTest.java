package dev.matcalc.compile;

import dev.matcalc.expr.Fn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The SIMD element-wise kernels against the one-value-at-a-time definitions of {@link Fn}. */
class ElementwiseKernelsTest {

    @Test
    void theTestsRunWithTheVectorModule() { // surefire's argLine names it; without it the SIMD path goes untested
        assertThat(ElementwiseKernels.VECTOR).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Fn.class)
    void everyFunctionAgreesWithItsDefinitionWithinAFewUlps(Fn fn) {
        SplittableRandom rnd = new SplittableRandom(fn.ordinal());
        double[] x = new double[1003]; // not a multiple of any lane count: the scalar tail runs too
        double[] special = {0, -0.0, 1e-300, -1e-300, 1e-12, -1e-12, 0.5, -0.5, 1, -1, 20, -20, 700, -700, 1e300,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < x.length; i++) {
            double scale = Math.pow(10, rnd.nextInt(-8, 3));
            x[i] = (rnd.nextDouble() * 2 - 1) * scale;
        }
        double[] expected = new double[x.length], got = new double[x.length];
        ElementwiseKernels.scalar(fn, x, expected);
        ElementwiseKernels.apply(fn, x, got);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(got[i]).as("%s(%s)", fn, x[i]).isNaN();
                continue;
            }
            if (Double.isInfinite(expected[i])) {
                assertThat(got[i]).as("%s(%s)", fn, x[i]).isEqualTo(expected[i]);
                continue;
            }
            double tolerance = 4 * Math.ulp(expected[i]) + (fn == Fn.SIGMOID || fn == Fn.TAN ? 4 * Math.ulp(1.0) * Math.abs(expected[i]) : 0);
            assertThat(Math.abs(got[i] - expected[i])).as("%s(%s) = %s, not %s", fn, x[i], got[i], expected[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void writingOverTheInputIsAllowed() { // plans apply element-wise steps in place
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1};
        double[] expected = new double[x.length];
        ElementwiseKernels.scalar(Fn.TANH, x, expected);
        ElementwiseKernels.apply(Fn.TANH, x, x);
        for (int i = 0; i < x.length; i++) assertThat(x[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-15));
    }
}
