package dev.matcalc.optimization;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The Newton step of {@link ActiveSetPolish}: the KKT system of the working set,
 * <pre>
 *   [ H_FF  J_Fᵀ ] [ d_F ]     [ ∇f_F ]
 *   [ J_F    0   ] [  ν  ] = − [ c_W  ]
 * </pre>
 * solved densely by LU, or by the pseudo-inverse where the constraints are dependent or H_FF is
 * singular on their null space (the minimum-norm step then).
 */
final class KktSystem {
    private KktSystem() {
    }

    /**
     * @param hessian  H's columns by free coordinate: hessian[a] is H·e_{free[a]} (length n)
     * @param jacobian the working constraints' gradients (each length n)
     * @param gradient ∇f (length n)
     * @param c        the working constraints' values
     * @param free     the coordinates not held on a bound
     * @return [d_F; ν], or null where no finite solution was found
     */
    static double[] solve(double[][] hessian, double[][] jacobian, double[] gradient, double[] c, int[] free) {
        int nf = free.length, m = c.length, size = nf + m;
        if (size == 0) return new double[0];
        DMatrixRMaj k = new DMatrixRMaj(size, size), rhs = new DMatrixRMaj(size, 1), sol = new DMatrixRMaj(size, 1);
        for (int a = 0; a < nf; a++) {
            for (int b = 0; b < nf; b++) k.set(a, b, 0.5 * (hessian[a][free[b]] + hessian[b][free[a]]));
            rhs.set(a, -gradient[free[a]]);
        }
        for (int r = 0; r < m; r++) {
            for (int a = 0; a < nf; a++) {
                k.set(nf + r, a, jacobian[r][free[a]]);
                k.set(a, nf + r, jacobian[r][free[a]]);
            }
            rhs.set(nf + r, -c[r]);
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(size);
        if (lu.setA(k.copy()) && lu.quality() > 1e-12) {
            lu.solve(rhs, sol);
            if (finite(sol) && residualSmall(k, sol, rhs)) return sol.data;
        }
        LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!pinv.setA(k.copy())) return null;
        pinv.solve(rhs, sol);
        return finite(sol) ? sol.data : null;
    }

    private static boolean finite(DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) if (!Double.isFinite(m.data[i])) return false;
        return true;
    }

    /** ‖K·sol − rhs‖∞ ≤ 1e-10 times the size of the terms summed: LU did not lose the solution to pivoting. */
    private static boolean residualSmall(DMatrixRMaj k, DMatrixRMaj sol, DMatrixRMaj rhs) {
        double r = 0, scale = 0;
        for (int i = 0; i < k.numRows; i++) {
            double s = -rhs.get(i), row = Math.abs(rhs.get(i));
            for (int j = 0; j < k.numCols; j++) {
                s += k.get(i, j) * sol.get(j);
                row += Math.abs(k.get(i, j) * sol.get(j));
            }
            r = Math.max(r, Math.abs(s));
            scale = Math.max(scale, row);
        }
        return r <= 1e-10 * Math.max(scale, Double.MIN_NORMAL);
    }
}
