package dev.matcalc.optimization;

/** Which algorithm {@link Solvers#minimize} runs. */
public enum Method {
    /** L-BFGS-B, switching to Newton-CG when a Hessian-vector product exists and progress is slow (see {@link Solvers}). */
    AUTO,
    /** {@link LbfgsB}. */
    LBFGSB,
    /** {@link NewtonCg}. */
    NEWTON_CG
}
