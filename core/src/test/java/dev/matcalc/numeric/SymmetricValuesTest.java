package dev.matcalc.numeric;

import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.*;

/** The symmetry a symmetric variable's value must have: where it is measured, and how much is tolerated. */
class SymmetricValuesTest {
    private static final Var S = new Var("S", Shape.matrix(N, N), Var.Kind.SYMMETRIC);

    @Test
    void aNonSymmetricValueIsRefusedNamingTheLargestAsymmetry() {
        DMatrixRMaj s = rows(new double[] {1, 2, 0}, new double[] {2.5, 4, 7}, new double[] {0, 1, 9});
        assertThatThrownBy(() -> SymmetricValues.require(S, s)).isInstanceOf(SourceError.class)
                .hasMessage("S is declared symmetric(n) but its value is not symmetric: S[3,2] = 1 but S[2,3] = 7, "
                        + "a difference of 6 (at most 1e-10 × max|S| = 9.0e-10 is allowed)");
    }

    @Test
    void theLargestAsymmetryIsFoundInEveryTileOfALargeMatrix() {
        int n = 150;   // more than two tiles of 64 each way
        SplittableRandom rng = new SplittableRandom(3);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) {
                double v = rng.nextGaussian();
                s.set(i, j, v);
                s.set(j, i, v);
            }
        assertThat(SymmetricValues.largest(s).gap()).isZero();
        s.add(70, 140, 1e-3);                        // upper triangle, far from the diagonal tile
        s.add(149, 0, 1e-4);
        SymmetricValues.Asymmetry a = SymmetricValues.largest(s);
        assertThat(new int[] {a.row(), a.col()}).containsExactly(140, 70);
        assertThat(a.upper() - a.lower()).isCloseTo(1e-3, within(1e-15));
    }

    @Test
    void roundingIsToleratedRelativeToTheLargestEntryWhateverItsScale() {
        for (double scale : new double[] {1e-200, 1e-12, 1, 1e12, 1e200}) {
            DMatrixRMaj rounded = rows(new double[] {4 * scale, 2 * scale}, new double[] {2 * scale * (1 + 1e-12), scale});
            assertThatCode(() -> SymmetricValues.require(S, rounded)).as("scale %s", scale).doesNotThrowAnyException();
            DMatrixRMaj skewed = rows(new double[] {4 * scale, 2 * scale}, new double[] {2 * scale * (1 + 1e-9), scale});
            assertThatThrownBy(() -> SymmetricValues.require(S, skewed)).as("scale %s", scale)
                    .isInstanceOf(SourceError.class).hasMessageContaining("S[2,1]");
        }
    }

    @Test
    void onlySymmetricVariablesWithSquareValuesAreChecked() {
        DMatrixRMaj skewed = rows(new double[] {1, 2}, new double[] {3, 4});
        assertThatCode(() -> SymmetricValues.require(matrix("A", N, N), skewed)).doesNotThrowAnyException();
        // a value of the wrong size is the evaluator's to report, with both shapes
        assertThatCode(() -> SymmetricValues.require(S, new DMatrixRMaj(2, 3))).doesNotThrowAnyException();
        assertThatCode(() -> SymmetricValues.require(S, one(5))).doesNotThrowAnyException();
        // NaN is not an asymmetry to name: the answers at such a point are NaN, not wrong numbers
        assertThatCode(() -> SymmetricValues.require(S, rows(new double[] {1, Double.NaN}, new double[] {3, 4})))
                .doesNotThrowAnyException();
    }
}
