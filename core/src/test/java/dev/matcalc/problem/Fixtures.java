package dev.matcalc.problem;

import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Data, problems and finite-difference checks shared by the problem tests. */
final class Fixtures {
    private Fixtures() { }

    static DMatrixRMaj gaussian(SplittableRandom rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }

    static DMatrixRMaj scalar(double v) {
        return new DMatrixRMaj(1, 1, true, v);
    }

    static DMatrixRMaj column(double... v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    /** A symmetric positive definite n×n matrix: B·B'/n + I. */
    static DMatrixRMaj spd(SplittableRandom rng, int n) {
        DMatrixRMaj b = gaussian(rng, n, n), out = new DMatrixRMaj(n, n);
        org.ejml.dense.row.CommonOps_DDRM.multTransB(1.0 / n, b, b, out);
        for (int i = 0; i < n; i++) out.add(i, i, 1);
        return out;
    }

    static double[] randomVector(SplittableRandom rng, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = scale * rng.nextGaussian();
        return x;
    }

    /** name → "kind" declarations, e.g. {@code S → symmetric}. */
    static Map<String, Declaration> lets(String... nameAndType) {
        Map<String, Declaration> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndType.length; i += 2) out.put(nameAndType[i], Declaration.parse(nameAndType[i + 1]));
        return out;
    }

    static Map<String, DMatrixRMaj> data(Object... nameAndValue) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndValue.length; i += 2) out.put((String) nameAndValue[i], (DMatrixRMaj) nameAndValue[i + 1]);
        return out;
    }

    static Problem minimize(String objective, List<String> over, List<String> constraints, Map<String, DMatrixRMaj> data) {
        return Problem.of(objective, Sense.MIN, over, constraints).withData(data);
    }

    static SourceError error(Problem p) {
        SourceError e = catchThrowableOfType(SourceError.class, () -> CompiledProblem.compile(p));
        assertThat(e).as("an error for " + p.objective() + " " + p.constraints()).isNotNull();
        return e;
    }

    /** The central difference of f along coordinate i. */
    static double difference(DifferentiableFunction f, double[] x, int i, double h) {
        double[] g = new double[x.length], y = x.clone();
        y[i] = x[i] + h;
        double plus = f.valueAndGradient(y, g);
        y[i] = x[i] - h;
        double minus = f.valueAndGradient(y, g);
        return (plus - minus) / (2 * h);
    }

    /** The gradient at x against central differences, entry by entry, relative to the gradient's size. */
    static void assertGradient(DifferentiableFunction f, double[] x, double tolerance) {
        double[] g = new double[x.length];
        double value = f.valueAndGradient(x, g);
        assertThat(value).as("value").isFinite();
        double scale = 1;
        for (double v : g) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            assertThat(g[i]).as("gradient entry %d of %s at %s", i, Arrays.toString(g), Arrays.toString(x))
                    .isCloseTo(difference(f, x, i, h), org.assertj.core.data.Offset.offset(tolerance * scale));
        }
    }

    /** H·v against central differences of the gradient along v. */
    static void assertHessianVectorProduct(DifferentiableFunction f, double[] x, double[] v, double tolerance) {
        assertThat(f.hasHessianVectorProduct()).isTrue();
        double[] hv = new double[x.length], plus = new double[x.length], minus = new double[x.length];
        f.hessianVectorProduct(x, v, hv);
        double h = 1e-5;
        double[] y = x.clone(), z = x.clone();
        for (int i = 0; i < x.length; i++) {
            y[i] += h * v[i];
            z[i] -= h * v[i];
        }
        f.valueAndGradient(y, plus);
        f.valueAndGradient(z, minus);
        double scale = 1;
        for (double u : hv) scale = Math.max(scale, Math.abs(u));
        for (int i = 0; i < x.length; i++)
            assertThat(hv[i]).as("H·v entry %d", i).isCloseTo((plus[i] - minus[i]) / (2 * h),
                    org.assertj.core.data.Offset.offset(tolerance * scale));
    }
}
