package dev.matcalc.problem;

import dev.matcalc.optimization.Status;
import dev.matcalc.numeric.Tensor;

import java.util.Map;

/**
 * What solving a {@link Problem} found, in the user's terms.
 *
 * @param status      how the solve ended ({@link Status#OPTIMAL} when a stopping test for a minimizer passed)
 * @param objective   the objective as written at the solution (not negated for a maximization)
 * @param solution    each variable's value, in the order of {@link Problem#over}: a scalar 0-d, a vector 1-d, a matrix 2-d
 * @param iterations  solver iterations in all (inner iterations summed under constraints)
 * @param evaluations value-and-gradient evaluations in all (the polish's included)
 * @param optimality  the projected-gradient infinity norm at the solution (of the augmented Lagrangian under
 *                    constraints; after a polish, of the Lagrangian f + νᵀc at the active set's multipliers)
 * @param violation   the largest violation of a constraint that is not a bound (0 without such constraints)
 * @param seconds     the solver's wall-clock time (compilation not included)
 * @param method      what ran: "L-BFGS-B", "L-BFGS-B, then Newton-CG", "augmented Lagrangian (L-BFGS-B)"
 * @param message     why the solver stopped, in words
 * @param start       how the start point was chosen: {@code Starting from x = 0.}
 * @param notes       the rewrites made before solving (L1 terms made smooth), one line each
 */
public record Solution(Status status, double objective, Map<String, Tensor> solution, int iterations,
                       int evaluations, double optimality, double violation, double seconds, String method,
                       String message, String start, java.util.List<String> notes) {
    public Solution {
        solution = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(solution));
        notes = java.util.List.copyOf(notes);
    }

    /** A variable's value as rows: a scalar is 1×1, a vector a column. */
    public double[][] matrix(String name) {
        Tensor t = solution.get(name);
        if (t == null) throw new IllegalArgumentException(name + " is not a variable of this solution " + solution.keySet());
        int[] shape = t.shape();
        int rows = shape.length == 0 ? 1 : shape[0], cols = shape.length == 2 ? shape[1] : 1;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(t.data(), i * cols, out[i], 0, cols);
        return out;
    }

    /** Whether the solver found a (local) minimizer: every stopping test for one passed. */
    public boolean optimal() {
        return status == Status.OPTIMAL;
    }
}
