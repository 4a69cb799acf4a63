package dev.matcalc.problem.rows;

import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.List;

/**
 * What every block computes in one pass over the table, at the point x (the solver's packed
 * variables); the answers of the blocks are added entry by entry.
 *
 * @param weights for {@link Pass#WEIGHTED_GRADIENT}, Gₖ = ∂h/∂sₖ for each sum (else empty)
 */
public record BlockRequest(Pass pass, double[] x, List<DMatrixRMaj> weights) implements Serializable {
    public enum Pass {
        /** One pass: [g, ∇g] of the per-block objective. */
        VALUE_GRADIENT,
        /** Two passes, the first: the sums over rows Sₖ, flat, one after another (each row-major). */
        SUMS,
        /** Two passes, the second: ∇ Σₖ ⟨Gₖ, Sₖ⟩. */
        WEIGHTED_GRADIENT
    }

    public BlockRequest {
        weights = List.copyOf(weights);
    }
}
