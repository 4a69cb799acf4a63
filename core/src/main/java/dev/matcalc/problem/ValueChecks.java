package dev.matcalc.problem;

import dev.matcalc.expr.Var;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Checks on given values that typing cannot make: every entry finite, a symmetric matrix symmetric,
 * a psd one positive semidefinite. Entries are named from 1, as values files name them ({@code A[2,3]}).
 */
final class ValueChecks {
    private ValueChecks() { }

    /** Relative tolerance of the symmetry and semidefiniteness checks (of the largest entry or eigenvalue). */
    static final double TOLERANCE = 1e-10;

    static void check(Var v, DMatrixRMaj m, String what, boolean psd) {
        for (int i = 0; i < m.numRows; i++)
            for (int j = 0; j < m.numCols; j++)
                if (!Double.isFinite(m.get(i, j)))
                    throw new SourceError(what + " is not finite at " + entry(v.name(), m, i, j) + " (" + m.get(i, j) + ")");
        if (v.kind() == Var.Kind.SYMMETRIC || psd) symmetric(v.name(), m, what);
        if (psd) semidefinite(v.name(), m, what);
    }

    private static void symmetric(String name, DMatrixRMaj m, String what) {
        if (m.numRows != m.numCols)
            throw new SourceError(what + " is " + m.numRows + "×" + m.numCols + ", but " + name + " is a symmetric matrix");
        double tol = TOLERANCE * Math.max(1, CommonOps_DDRM.elementMaxAbs(m));
        for (int i = 0; i < m.numRows; i++)
            for (int j = i + 1; j < m.numCols; j++)
                if (Math.abs(m.get(i, j) - m.get(j, i)) > tol)
                    throw new SourceError(what + " is not symmetric: " + entry(name, m, i, j) + " = " + m.get(i, j)
                            + " but " + entry(name, m, j, i) + " = " + m.get(j, i));
    }

    private static void semidefinite(String name, DMatrixRMaj m, String what) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false, true);
        if (!eig.decompose(m.copy())) throw new SourceError(what + ": its eigenvalues could not be computed");
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            double l = eig.getEigenvalue(i).real;
            min = Math.min(min, l);
            max = Math.max(max, Math.abs(l));
        }
        if (min < -TOLERANCE * Math.max(1, max))
            throw new SourceError(what + " is not positive semidefinite, as " + name + " is declared: its smallest eigenvalue is "
                    + String.format(java.util.Locale.ROOT, "%.4g", min));
    }

    /** {@code x[3]} for a vector, {@code A[2,3]} for a matrix, {@code c} for a scalar. */
    static String entry(String name, DMatrixRMaj m, int i, int j) {
        if (m.numRows == 1 && m.numCols == 1) return name;
        if (m.numCols == 1) return name + "[" + (i + 1) + "]";
        if (m.numRows == 1) return name + "[" + (j + 1) + "]";
        return name + "[" + (i + 1) + "," + (j + 1) + "]";
    }
}
