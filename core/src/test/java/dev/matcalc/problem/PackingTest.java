package dev.matcalc.problem;

import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Variables in one flat vector and back; a symmetric matrix by its upper triangle, its gradient by those entries. */
class PackingTest {
    private static final Var X = new Var("x", Shape.vector(Dim.of("n")));
    private static final Var A = new Var("A", Shape.matrix(Dim.of("m"), Dim.of("n")));
    private static final Var S = new Var("S", Shape.matrix(Dim.of("n"), Dim.of("n")), Var.Kind.SYMMETRIC);
    private static final Var C = new Var("c", Shape.SCALAR);
    private static final Packing PACKING = new Packing(List.of(X, A, S, C),
            Map.of("x", new int[] {3, 1}, "A", new int[] {2, 3}, "S", new int[] {3, 3}, "c", new int[] {1, 1}));

    @Test
    void layout() {
        assertThat(PACKING.dimension()).isEqualTo(3 + 6 + 6 + 1);
        assertThat(PACKING.slots()).extracting(Packing.Slot::offset).containsExactly(0, 3, 9, 15);
        assertThat(PACKING.describe(1)).isEqualTo("x[2]");
        assertThat(PACKING.describe(3 + 4)).isEqualTo("A[2,2]");
        assertThat(PACKING.describe(9)).isEqualTo("S[1,1]");
        assertThat(PACKING.describe(9 + 2)).isEqualTo("S[1,3]");
        assertThat(PACKING.describe(9 + 3)).isEqualTo("S[2,2]");
        assertThat(PACKING.describe(9 + 5)).isEqualTo("S[3,3]");
        assertThat(PACKING.describe(15)).isEqualTo("c");
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                assertThat(PACKING.index(2, i, j)).isEqualTo(PACKING.index(2, j, i));
                assertThat(PACKING.describe(PACKING.index(2, i, j)))
                        .isEqualTo("S[" + (Math.min(i, j) + 1) + "," + (Math.max(i, j) + 1) + "]");
            }
    }

    @Test
    void roundTrips() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = randomVector(rng, PACKING.dimension(), 1);
            Map<String, DMatrixRMaj> values = PACKING.values(x);
            DMatrixRMaj s = values.get("S");
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) assertThat(s.get(i, j)).isEqualTo(s.get(j, i));
            assertThat(values.get("A").get(1, 2)).isEqualTo(x[3 + 5]);
            assertThat(values.get("c").get(0)).isEqualTo(x[15]);
            assertThat(PACKING.pack(values)).containsExactly(x);
        }
        DMatrixRMaj sym = spd(rng, 3);
        Map<String, DMatrixRMaj> given = data("x", new DMatrixRMaj(3, 1), "A", new DMatrixRMaj(2, 3), "S", sym, "c", scalar(2));
        assertThat(PACKING.values(PACKING.pack(given)).get("S").data).containsExactly(sym.data);
    }

    /**
     * f(S) = tr(S*C) with C not symmetric: by the packed entries the gradient is C[i,i] on the
     * diagonal and C[i,j] + C[j,i] off it (the naive C' would be half of that off the diagonal);
     * checked against finite differences of the packed function.
     */
    @Test
    void symmetricGradientIsByThePackedEntries() {
        SplittableRandom rng = new SplittableRandom(2);
        DMatrixRMaj c = gaussian(rng, 3, 3);
        CompiledProblem p = CompiledProblem.compile(minimize("tr(S*C)", List.of("S"), List.of(), data("C", c))
                .withDeclarations(lets("S", "symmetric")));
        double[] x = randomVector(rng, 6, 1), g = new double[6];
        p.problem().objective().valueAndGradient(x, g);
        Packing packing = p.packing();
        for (int i = 0; i < 3; i++)
            for (int j = i; j < 3; j++) {
                double expected = i == j ? c.get(i, i) : c.get(i, j) + c.get(j, i);
                assertThat(g[packing.index(0, i, j)]).isCloseTo(expected, within(1e-12));
            }
        assertGradient(p.problem().objective(), x, 1e-7);
    }
}
