package dev.matcalc.numeric;

import dev.matcalc.expr.Var;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

/**
 * The value of a variable declared {@code symmetric(n)} must be symmetric. Every answer about such
 * a variable relies on S' = S (the gradient of x'*S*x is written 2*S*x, a compiled plan reads S'
 * as S and computes symmetric results one triangle at a time), so for a value that is not
 * symmetric the answers belong to no matrix at all: the gradient of x'*S*x at S = [1, 2; 3, 4],
 * x = [1; 2] would come out [14, 20] where (S + S')*x is [12, 21]. Such a value is refused,
 * naming the variable and its largest asymmetry.
 *
 * <p>Only values that enter from outside are checked (the library API does it, for every front
 * end): finite differences move one entry of S at a time on purpose.
 */
public final class SymmetricValues {
    private SymmetricValues() { }

    /**
     * The largest |S_ij - S_ji| accepted, as a fraction of max|S|.
     *
     * <p>Relative to max|S| alone, with no absolute floor: the error an accepted asymmetry causes
     * is relative to S too (an answer computed as if S were symmetric is the answer for
     * (S + S')/2, off by about max|S_ij - S_ji| / max|S| relative), so the verdict must not change
     * when S is scaled, and a floor such as max(1, max|S|) would accept any asymmetry at all in a
     * matrix of small entries. 1e-10 accepts what rounding does to a matrix that is symmetric in
     * exact arithmetic: X'*X, a covariance or a sum of outer products computed in double precision,
     * where each triangle sums its k terms in its own order, differs from its transpose by about
     * k·ε·max|S| (ε = 2.2e-16, and each term bounded by max|S| by Cauchy–Schwarz), under 1e-10
     * for sums of up to ~10^5 terms; while an asymmetry it accepts changes answers only past their
     * tenth digit.
     */
    public static final double TOLERANCE = 1e-10;

    /** Where a matrix is farthest from symmetric: entries (row, col) and (col, row), 0-based, row > col. */
    public record Asymmetry(int row, int col, double lower, double upper, double maxAbs) {
        public double gap() {
            return Math.abs(lower - upper);
        }

        /** Whether the gap is within {@link #TOLERANCE} of max|S| (non-finite entries are left to the evaluation: they make NaN answers, not wrong ones). */
        public boolean acceptable() {
            return !(gap() > TOLERANCE * maxAbs);
        }
    }

    /**
     * Refuses a value of {@code v}, a symmetric variable, that is not symmetric. Anything else
     * (another kind of variable, a value that is not square, whose size error the evaluation reports)
     * passes.
     */
    public static void require(Var v, DMatrixRMaj value) {
        if (v.kind() != Var.Kind.SYMMETRIC || value.numRows != value.numCols) return;
        Asymmetry a = largest(value);
        if (a.acceptable()) return;
        String n = v.name();
        throw new SourceError(n + " is declared symmetric(" + v.shape().rows() + ") but its value is not symmetric: "
                + n + "[" + (a.row() + 1) + "," + (a.col() + 1) + "] = " + number(a.lower()) + " but "
                + n + "[" + (a.col() + 1) + "," + (a.row() + 1) + "] = " + number(a.upper()) + ", a difference of "
                + number(a.gap()) + " (at most " + String.format(java.util.Locale.ROOT, "%.0e", TOLERANCE) + " × max|" + n + "| = "
                + String.format(java.util.Locale.ROOT, "%.2g", TOLERANCE * a.maxAbs()) + " is allowed)");
    }

    /**
     * The largest asymmetry of a square matrix, and max|S|. The pairs are compared in tiles of 64×64
     * entries, which keep both the row-wise and the column-wise reads in cache (a 1000×1000 matrix
     * is 8 MB).
     */
    public static Asymmetry largest(DMatrixRMaj s) {
        final int tile = 64;
        int n = s.numRows;
        double[] d = s.data;
        double maxAbs = 0;
        for (int k = 0; k < n * n; k++) maxAbs = Math.max(maxAbs, Math.abs(d[k]));
        if (n < 2) return new Asymmetry(0, 0, n == 0 ? 0 : d[0], n == 0 ? 0 : d[0], maxAbs);
        int bestRow = 1, bestCol = 0;
        double best = -1;
        for (int i0 = 0; i0 < n; i0 += tile)
            for (int j0 = 0; j0 <= i0; j0 += tile)
                for (int i = i0; i < Math.min(n, i0 + tile); i++)
                    for (int j = j0; j < Math.min(i, j0 + tile); j++) {
                        double gap = Math.abs(d[i * n + j] - d[j * n + i]);
                        if (gap > best) {
                            best = gap;
                            bestRow = i;
                            bestCol = j;
                        }
                    }
        return new Asymmetry(bestRow, bestCol, d[bestRow * n + bestCol], d[bestCol * n + bestRow], maxAbs);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
