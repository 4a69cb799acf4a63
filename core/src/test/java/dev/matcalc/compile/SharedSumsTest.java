package dev.matcalc.compile;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SharedSums}: a sum of all entries read from the line sums or the Hadamard product that
 * another root of the plan computes. Every plan's results agree with the reference evaluator entry
 * by entry, and the plan shows which matrix each sum reads.
 */
class SharedSumsTest {
    private static final Random RND = new Random(11);

    private static Map<String, DMatrixRMaj> values(Object... nameRowsCols) {
        return PlanChecks.values(RND, nameRowsCols);
    }

    @Test
    void aSumOfAllEntriesAddsUpTheRowOrColumnSumsThePlanHas() {
        Map<String, DMatrixRMaj> v = values("X", 9, 7);
        Plan rows = PlanChecks.checked(v, "sum(exp(X))", "sum(exp(X), 2)");
        assertThat(rows.describe()).as("%s", rows.describe()).contains("sum (of 9×1) 1×1").doesNotContain("sum (of 9×7) 1×1");
        Plan cols = PlanChecks.checked(v, "sum(exp(X))", "sum(exp(X), 1)");
        assertThat(cols.describe()).as("%s", cols.describe()).doesNotContain("sum (of 9×7) 1×1")
                .anyMatch(s -> s.equals("sum (of 1×7) 1×1") || s.equals("sum (of 7×1) 1×1"));
        Plan alone = PlanChecks.checked(v, "sum(exp(X))");
        assertThat(alone.describe()).contains("sum (of 9×7) 1×1"); // nothing to share: the matrix itself
    }

    @Test
    void aSumOfAHadamardProductWithAProductReadsTheOtherArrangementThePlanHas() {
        // sum(A.*(X*Y)) = sum((A*Y').*X): the second is a root, so X*Y and A.*(X*Y) are not computed
        Map<String, DMatrixRMaj> v = values("A", 8, 6, "X", 8, 3, "Y", 3, 6, "c", 1, 1);
        Plan p = PlanChecks.checked(v, "sum(A.*(X*Y))", "(A*Y').*X");
        assertThat(PlanChecks.count(p, "multiply 8×6")).as("%s", p.describe()).isZero();
        assertThat(PlanChecks.count(p, "hadamard 8×6")).as("%s", p.describe()).isZero();
        assertThat(p.describe()).contains("sum (of 8×3) 1×1");
        // with its row sums in the plan too, the sum reads those
        Plan lines = PlanChecks.checked(v, "sum(A.*(X*Y))", "(A*Y').*X", "sum((A*Y').*X, 2)");
        assertThat(lines.describe()).as("%s", lines.describe()).contains("sum (of 8×1) 1×1");
        // the other arrangement, sum(A.*(X*Y)) = sum((X'*A).*Y), with coefficients and the product on the left
        Plan other = PlanChecks.checked(v, "2*sum((c*X*Y).*A)", "(X'*A).*Y");
        assertThat(PlanChecks.count(other, "multiply 8×6")).as("%s", other.describe()).isZero();
    }

    @Test
    void longerChainsAndScalarCoefficientsSplitAnywhere() {
        Map<String, DMatrixRMaj> v = values("A", 7, 5, "X", 7, 4, "Y", 4, 3, "Z", 3, 5, "c", 1, 1);
        // sum(A.*(c*X*Y*Z)) = c*sum((A*Z'*Y').*X) = c*sum((Z*A'*X).*Y') ...: the split after Y is found
        Plan p = PlanChecks.checked(v, "sum(A.*(c*X*Y*Z))", "(Y'*X'*A).*Z");
        assertThat(PlanChecks.count(p, "hadamard 7×5")).as("%s", p.describe()).isZero();
        assertThat(p.describe()).contains("sum (of 3×5) 1×1");
    }

    @Test
    void aLargerHadamardProductIsNotReadWhereTheProductIsComputedAnyway() {
        // X*Y is a root itself: reading the 30×20 Hadamard product (A*Y').*X would cost more than A.*(X*Y), 30×2
        Map<String, DMatrixRMaj> v = values("A", 30, 2, "X", 30, 20, "Y", 20, 2);
        Plan p = PlanChecks.checked(v, "sum(A.*(X*Y))", "X*Y", "(A*Y').*X");
        assertThat(p.describe()).as("%s", p.describe()).contains("sum (of 30×2) 1×1", "hadamard 30×2");
        // without the product elsewhere, the sum reads the Hadamard product the plan has instead of a product more
        Plan q = PlanChecks.checked(v, "sum(A.*(X*Y))", "(A*Y').*X");
        assertThat(q.describe()).as("%s", q.describe()).contains("sum (of 30×20) 1×1").doesNotContain("hadamard 30×2");
    }
}
