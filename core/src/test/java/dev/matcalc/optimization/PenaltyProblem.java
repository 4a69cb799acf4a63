package dev.matcalc.optimization;

import java.util.List;

/**
 * A {@link ConstrainedProblem} from separate functions, with L_ρ assembled here by the PHR
 * formula, as matcalc's symbolic layer will assemble it: L_ρ = f + ρ/2·(Σ max(0, g_i + λ_i/ρ)² +
 * Σ (h_j + μ_j/ρ)²), ∇L_ρ = ∇f + Σ max(0, λ_i + ρg_i)∇g_i + Σ (μ_j + ρh_j)∇h_j.
 */
record PenaltyProblem(DifferentiableFunction objective, List<DifferentiableFunction> g, List<DifferentiableFunction> h)
        implements ConstrainedProblem {
    public int dimension() {
        return objective.dimension();
    }

    public int inequalities() {
        return g.size();
    }

    public int equalities() {
        return h.size();
    }

    public void constraints(double[] x, double[] gOut, double[] hOut) {
        double[] scratch = new double[x.length];
        for (int i = 0; i < g.size(); i++) gOut[i] = g.get(i).valueAndGradient(x, scratch);
        for (int j = 0; j < h.size(); j++) hOut[j] = h.get(j).valueAndGradient(x, scratch);
    }

    public DifferentiableFunction lagrangian(double[] lambda, double[] mu, double rho) {
        int n = dimension();
        return new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] gradient) {
                double[] scratch = new double[n];
                double value = objective.valueAndGradient(x, gradient);
                for (int i = 0; i < g.size(); i++) {
                    double gi = g.get(i).valueAndGradient(x, scratch), shifted = Math.max(0, gi + lambda[i] / rho);
                    value += rho / 2 * shifted * shifted;
                    for (int k = 0; k < n; k++) gradient[k] += rho * shifted * scratch[k];
                }
                for (int j = 0; j < h.size(); j++) {
                    double shifted = h.get(j).valueAndGradient(x, scratch) + mu[j] / rho;
                    value += rho / 2 * shifted * shifted;
                    for (int k = 0; k < n; k++) gradient[k] += rho * shifted * scratch[k];
                }
                return value;
            }
        };
    }

    /** a'x + c. */
    static DifferentiableFunction affine(double[] a, double c) {
        return new DifferentiableFunction() {
            public int dimension() {
                return a.length;
            }

            public double valueAndGradient(double[] x, double[] gradient) {
                System.arraycopy(a, 0, gradient, 0, a.length);
                return Box.dot(a, x) + c;
            }
        };
    }

    /** ‖x − c‖² + shift. */
    static DifferentiableFunction squaredDistance(double[] c, double shift) {
        return new DifferentiableFunction() {
            public int dimension() {
                return c.length;
            }

            public double valueAndGradient(double[] x, double[] gradient) {
                double v = shift;
                for (int i = 0; i < c.length; i++) {
                    v += (x[i] - c[i]) * (x[i] - c[i]);
                    gradient[i] = 2 * (x[i] - c[i]);
                }
                return v;
            }
        };
    }
}
