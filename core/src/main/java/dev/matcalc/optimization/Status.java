package dev.matcalc.optimization;

/** How a solve ended; {@link Result#message()} says why in words. */
public enum Status {
    /** A stopping test for a (local) minimizer passed: projected gradient or relative decrease, constraints satisfied. */
    OPTIMAL,
    /** The iteration limit was reached first; x is the last iterate. */
    ITERATION_LIMIT,
    /** The bounds are empty, or the constraint violation could not be driven below the tolerance. */
    INFEASIBLE,
    /** f fell below −10³⁰⁰ (or to −∞), decreased without bound along a ray, or the iterates diverged. */
    UNBOUNDED,
    /** Something else stopped the solver (no decrease possible, f not finite at the start, interrupted). */
    FAILED
}
