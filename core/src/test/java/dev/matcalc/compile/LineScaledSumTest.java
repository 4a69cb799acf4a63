package dev.matcalc.compile;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LineScaledSum}: a sum with a row or column scaling among its terms is one pass that reads
 * the scaled matrix with its line's factor. Every plan agrees with the reference evaluator entry by
 * entry; the plans show the scaling is not a step of its own where nothing else reads it.
 */
class LineScaledSumTest {
    private static final String STEP = "add, scaling rows or columns";
    private final Map<String, DMatrixRMaj> v = PlanChecks.values(new Random(12),
            "X", 9, 7, "Y", 9, 7, "Z", 9, 7, "T", 7, 9, "u", 9, 1, "w", 7, 1, "c", 1, 1);

    private static boolean scales(Plan p) {
        return p.describe().stream().anyMatch(s -> s.startsWith("scale rows") || s.startsWith("scale columns"));
    }

    @Test
    void rowAndColumnScalingsAreReadWithTheirFactorsInTheSumsPass() {
        for (String source : new String[] {"X - diag(u)*Y", "2*X + c*Y*diag(w) + 3", "diag(u)*Y + Z*diag(w)",
                "c - diag(u)*Y", "-diag(u)*Y + X.*Z - 0.5*c*X"}) {
            Plan p = PlanChecks.checked(v, source);
            assertThat(p.describe()).as(source + ": %s", p.describe()).anyMatch(s -> s.startsWith(STEP));
            assertThat(scales(p)).as(source + ": %s", p.describe()).isFalse();
        }
    }

    @Test
    void theDistributedSoftmaxJacobianFormIsOnePass() {
        // (X - u*1').*Y distributes into X.*Y - diag(u)*Y (Scalings); the scaling is read in the sum
        Plan p = PlanChecks.checked(v, "(X - u*vector(1)').*Y", "(X - vector(1)*w').*Y");
        assertThat(scales(p)).as("%s", p.describe()).isFalse();
        assertThat(PlanChecks.count(p, STEP + " 9×7")).as("%s", p.describe()).isEqualTo(2);
    }

    @Test
    void aTransposedScalingIsAStepOfItsOwnAndAScalingRootIsNotComputedTwice() {
        // the root diag(u)*Y is a step; the sum reads -diag(u)*Y in its pass, not as a second scaled copy
        Plan shared = PlanChecks.checked(v, "X - diag(u)*Y", "diag(u)*Y");
        assertThat(PlanChecks.count(shared, "scale rows 9×7")).as("%s", shared.describe()).isEqualTo(1);
        assertThat(shared.describe()).anyMatch(s -> s.startsWith(STEP));
        Plan transposed = PlanChecks.checked(v, "X - diag(u)*T'");
        assertThat(transposed.describe()).as("%s", transposed.describe()).noneMatch(s -> s.startsWith(STEP));
    }
}
