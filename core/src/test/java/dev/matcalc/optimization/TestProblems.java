package dev.matcalc.optimization;

import java.util.SplittableRandom;

/**
 * Test functions with exact gradients and Hessian-vector products, and the deterministic data
 * shared with {@code src/test/resources/optimization/scipy_lbfgsb.py} (an LCG both languages
 * compute bit for bit).
 */
final class TestProblems {
    private TestProblems() {
    }

    /** SciPy's {@code rosen}: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
    static DifferentiableFunction rosenbrock(int n, boolean hessian) {
        return new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double f = 0;
                java.util.Arrays.fill(g, 0);
                for (int i = 0; i < n - 1; i++) {
                    double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
                    f += 100 * a * a + b * b;
                    g[i] += -400 * a * x[i] - 2 * b;
                    g[i + 1] += 200 * a;
                }
                return f;
            }

            public boolean hasHessianVectorProduct() {
                return hessian;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n - 1; i++) {
                    double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, hij = -400 * x[i];
                    out[i] += hii * v[i] + hij * v[i + 1];
                    out[i + 1] += hij * v[i] + 200 * v[i + 1];
                }
            }
        };
    }

    /** ½x'Ax − b'x (A symmetric n×n, row-major), with its Hessian-vector product A·v when asked. */
    static DifferentiableFunction quadratic(double[][] a, double[] b, boolean hessian) {
        int n = b.length;
        return new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] g) {
                multiply(a, x, g);
                double f = 0;
                for (int i = 0; i < n; i++) {
                    f += 0.5 * x[i] * g[i] - b[i] * x[i];
                    g[i] -= b[i];
                }
                return f;
            }

            public boolean hasHessianVectorProduct() {
                return hessian;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                multiply(a, v, out);
            }
        };
    }

    /** ½‖Ax − b‖² + c·Σx (A m×n); c = 0 for plain least squares. */
    static DifferentiableFunction leastSquares(double[][] a, double[] b, double c) {
        int m = a.length, n = a[0].length;
        return new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double[] r = new double[m];
                multiply(a, x, r);
                double f = 0;
                for (int i = 0; i < m; i++) {
                    r[i] -= b[i];
                    f += 0.5 * r[i] * r[i];
                }
                for (int j = 0; j < n; j++) {
                    double s = c;
                    for (int i = 0; i < m; i++) s += a[i][j] * r[i];
                    g[j] = s;
                    f += c * x[j];
                }
                return f;
            }

            public boolean hasHessianVectorProduct() {
                return true;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                double[] av = new double[m];
                multiply(a, v, av);
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) s += a[i][j] * av[i];
                    out[j] = s;
                }
            }
        };
    }

    /** c'x − Σ log x_i: defined for x &gt; 0 only (NaN elsewhere), minimum at x_i = 1/c_i. */
    static DifferentiableFunction negativeLog(double[] c) {
        int n = c.length;
        return new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double f = 0;
                for (int i = 0; i < n; i++) {
                    f += c[i] * x[i] - Math.log(x[i]);
                    g[i] = c[i] - 1 / x[i];
                }
                return f;
            }

            public boolean hasHessianVectorProduct() {
                return true;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                for (int i = 0; i < n; i++) out[i] = v[i] / (x[i] * x[i]);
            }
        };
    }

    /** c'x: unbounded below without bounds. */
    static DifferentiableFunction linear(double[] c) {
        return new DifferentiableFunction() {
            public int dimension() {
                return c.length;
            }

            public double valueAndGradient(double[] x, double[] g) {
                System.arraycopy(c, 0, g, 0, c.length);
                return Box.dot(c, x);
            }

            public boolean hasHessianVectorProduct() {
                return true;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                java.util.Arrays.fill(out, 0);
            }
        };
    }

    static void multiply(double[][] a, double[] x, double[] out) {
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            out[i] = s;
        }
    }

    /** Q·diag(eigenvalues)·Q' with Q a random orthogonal matrix (Householder QR of a Gaussian matrix). */
    static double[][] randomSpd(double[] eigenvalues, SplittableRandom random) {
        int n = eigenvalues.length;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) q[i][i] = 1;
        for (int k = 0; k < n; k++) {        // q := q·(I − 2vv') for n random unit vectors v
            double[] v = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                v[i] = gaussian(random);
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) v[i] /= norm;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += q[i][j] * v[j];
                for (int j = 0; j < n; j++) q[i][j] -= 2 * s * v[j];
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[i][k] * eigenvalues[k] * q[j][k];
                a[i][j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) a[i][j] = a[j][i] = 0.5 * (a[i][j] + a[j][i]);
        }
        return a;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** A 64-bit LCG (Knuth's MMIX constants) whose doubles Python reproduces exactly: (state >>> 11)·2⁻⁵³. */
    static final class Lcg {
        private long state;

        Lcg(long seed) {
            state = seed;
        }

        double next() {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (state >>> 11) * 0x1.0p-53;
        }

        /** rows×cols entries next() − ½, row by row. */
        double[][] matrix(int rows, int cols) {
            double[][] a = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) a[i][j] = next() - 0.5;
            }
            return a;
        }

        double[] vector(int n, double offset, double scale) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = offset + scale * next();
            return v;
        }
    }
}
