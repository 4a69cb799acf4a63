package dev.matcalc.codegen;

import dev.matcalc.numeric.SymmetricValues;

/** The fixed part of a generated Java class: its result type and the EJML helpers expressions call. */
final class JavaSupport {
    private JavaSupport() { }

    static final String IMPORTS = """
            import org.ejml.data.DMatrixRMaj;
            import org.ejml.dense.row.CommonOps_DDRM;
            import org.ejml.dense.row.NormOps_DDRM;

            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.function.DoubleUnaryOperator;
            """;

    /**
     * {@code requireSymmetric}, for a class with a symmetric input: its formulas take S' = S, so a
     * value farther from symmetric than matcalc accepts ({@link SymmetricValues#TOLERANCE} of its
     * largest entry) is refused at entry, naming the largest asymmetry.
     */
    static String requireSymmetric() {
        return """
                    private static void requireSymmetric(DMatrixRMaj m, String name, String declared) {
                        int row = 1, col = 0;
                        double gap = -1;
                        for (int i = 0; i < m.numRows; i++)
                            for (int j = 0; j < i; j++) {
                                double g = Math.abs(m.get(i, j) - m.get(j, i));
                                if (g > gap) {
                                    gap = g;
                                    row = i;
                                    col = j;
                                }
                            }
                        double bound = TOLERANCE * CommonOps_DDRM.elementMaxAbs(m);
                        if (gap > bound)
                            throw new IllegalArgumentException(name + " is declared " + declared + " but its value is not symmetric: "
                                    + name + ".get(" + row + ", " + col + ") = " + m.get(row, col) + " but "
                                    + name + ".get(" + col + ", " + row + ") = " + m.get(col, row) + ", a difference of " + gap
                                    + " (at most TOLERANCE × max|" + name + "| = " + bound + " is allowed)");
                    }
                """.replace("TOLERANCE", String.format(java.util.Locale.ROOT, "%.0e", SymmetricValues.TOLERANCE));
    }

    /** What {@code checkGradient} uses: random values where f is defined, and one derivative's check. */
    static final String CHECK_HELPERS = """
                /** Random entries where f is defined, as the Python modules' _draw: see matcalc's RandomPoints. */
                private static DMatrixRMaj draw(java.util.Random rng, int rows, int cols, String... kinds) {
                    Set<String> k = Set.of(kinds);
                    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
                    for (int i = 0; i < a.data.length; i++) {
                        double u = k.contains("positive") ? 0.5 + 1.5 * rng.nextDouble()
                                : k.contains("unit") ? -0.6 + 1.2 * rng.nextDouble()
                                : k.contains("small") ? -1 + 2 * rng.nextDouble() : rng.nextGaussian();
                        if (k.contains("nonzero")) u = Math.signum(u) * (Math.abs(u) + 0.1);
                        a.data[i] = u;
                    }
                    if (rows == cols && rows > 1) {
                        if (k.contains("spd")) {
                            DMatrixRMaj s = new DMatrixRMaj(rows, rows);
                            CommonOps_DDRM.multTransB(a, a, s);
                            CommonOps_DDRM.scale(1.0 / rows, s);
                            for (int i = 0; i < rows; i++) s.add(i, i, 1);
                            a = s;
                        } else if (k.contains("symmetric")) {
                            for (int i = 0; i < rows; i++)
                                for (int j = i + 1; j < rows; j++) a.set(j, i, a.get(i, j));
                        }
                        if (k.contains("invertible"))
                            for (int i = 0; i < rows; i++) {
                                double sum = 0;
                                for (int j = 0; j < rows; j++) sum += Math.abs(a.get(i, j));
                                a.add(i, i, sum + 0.5);
                            }
                    }
                    return a;
                }

                /**
                 * One derivative (row-major in shape(f) + shape(wrt...)) applied to random directions, from the
                 * last variable to the first, against central differences of f along them; relative to its size.
                 */
                private static double check(Map<String, DMatrixRMaj> values, DMatrixRMaj derivative, java.util.Random rng, String... wrt) {
                    DMatrixRMaj[] directions = new DMatrixRMaj[wrt.length];
                    for (int i = 0; i < wrt.length; i++) {
                        DMatrixRMaj v = values.get(wrt[i]);
                        directions[i] = SYMMETRIC.contains(wrt[i]) ? draw(rng, v.numRows, v.numCols, "symmetric") : draw(rng, v.numRows, v.numCols);
                    }
                    double[] exact = derivative.data;
                    int size = derivative.getNumElements();
                    for (int i = wrt.length - 1; i >= 0; i--) {
                        double[] u = directions[i].data;
                        int n = directions[i].getNumElements(), rows = size / n;
                        double[] next = new double[rows];
                        for (int r = 0; r < rows; r++)
                            for (int c = 0; c < n; c++) next[r] += exact[r * n + c] * u[c];
                        exact = next;
                        size = rows;
                    }
                    double h = wrt.length == 1 ? 1e-6 : 1e-4;
                    double[] approx = new double[size];
                    for (int signs = 0; signs < 1 << wrt.length; signs++) {
                        Map<String, DMatrixRMaj> moved = new java.util.HashMap<>(values);
                        double sign = 1;
                        for (int i = 0; i < wrt.length; i++) {
                            double s = (signs >> i & 1) == 0 ? 1 : -1;
                            sign *= s;
                            DMatrixRMaj m = moved.get(wrt[i]).copy();
                            CommonOps_DDRM.addEquals(m, s * h, directions[i]);
                            moved.put(wrt[i], m);
                        }
                        DMatrixRMaj f = valueAt(moved);
                        for (int r = 0; r < size; r++) approx[r] += sign * f.data[r];
                    }
                    double scale = Math.pow(2 * h, wrt.length), gap = 0, largest = 0;
                    for (int r = 0; r < size; r++) {
                        gap = Math.max(gap, Math.abs(exact[r] - approx[r] / scale));
                        largest = Math.max(largest, Math.abs(exact[r]));
                    }
                    return gap / Math.max(1, largest);
                }
            """;

    static final String MEMBERS = """
                /**
                 * The value of f and its derivatives, each in the shape(f) + shape(wrt...) convention: a vector
                 * is an n×1 matrix, an array of two axes [m, n] an m×n matrix; {@code data} is row-major either way.
                 */
                public record Result(DMatrixRMaj value, List<DMatrixRMaj> derivatives) {
                    /** The value of a scalar f. */
                    public double scalar() {
                        return value.get(0);
                    }

                    public DMatrixRMaj derivative() {
                        return derivatives.get(0);
                    }
                }

                private static DMatrixRMaj input(Map<String, DMatrixRMaj> values, String name) {
                    DMatrixRMaj m = values.get(name);
                    if (m == null) throw new IllegalArgumentException("no value for " + name);
                    return m;
                }

                private static void require(DMatrixRMaj m, String name, int rows, int cols) {
                    if (m.numRows != rows || m.numCols != cols)
                        throw new IllegalArgumentException(name + " must be " + rows + "×" + cols + ", got " + m.numRows + "×" + m.numCols);
                }

                /** A derivative in its convention: vectors as columns (a 1×n row becomes n×1). */
                private static DMatrixRMaj output(DMatrixRMaj m) {
                    DMatrixRMaj out = m.copy();
                    if (out.numRows == 1 && out.numCols > 1) out.reshape(out.numCols, 1, true);
                    return out;
                }

                private static DMatrixRMaj num(double v) {
                    DMatrixRMaj m = new DMatrixRMaj(1, 1);
                    m.set(0, v);
                    return m;
                }

                private static boolean isScalar(DMatrixRMaj m) {
                    return m.numRows == 1 && m.numCols == 1;
                }

                private static DMatrixRMaj ones(int rows, int cols) {
                    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                    m.fill(1);
                    return m;
                }

                /** A sum; scalar terms are added to every entry of a larger sum. */
                private static DMatrixRMaj add(DMatrixRMaj... terms) {
                    DMatrixRMaj sum = null;
                    double shift = 0;
                    for (DMatrixRMaj t : terms) {
                        if (isScalar(t)) shift += t.get(0);
                        else if (sum == null) sum = t.copy();
                        else CommonOps_DDRM.addEquals(sum, t);
                    }
                    if (sum == null) return num(shift);
                    if (shift != 0) CommonOps_DDRM.add(sum, shift);
                    return sum;
                }

                /** A product chain: 1×1 factors scale, the others multiply as matrices. */
                private static DMatrixRMaj mul(DMatrixRMaj... factors) {
                    double scale = 1;
                    DMatrixRMaj chain = null;
                    for (DMatrixRMaj f : factors) {
                        if (isScalar(f)) scale *= f.get(0);
                        else if (chain == null) chain = f;
                        else if (isScalar(chain)) chain = scaled(chain.get(0), f); // x'*y mid-chain
                        else {
                            DMatrixRMaj p = new DMatrixRMaj(chain.numRows, f.numCols);
                            CommonOps_DDRM.mult(chain, f, p);
                            chain = p;
                        }
                    }
                    if (chain == null) return num(scale);
                    return scale == 1 ? chain : scaled(scale, chain);
                }

                private static DMatrixRMaj scaled(double s, DMatrixRMaj a) {
                    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
                    CommonOps_DDRM.scale(s, a, out);
                    return out;
                }

                private static DMatrixRMaj hadamard(DMatrixRMaj a, DMatrixRMaj b) {
                    return CommonOps_DDRM.elementMult(a, b, null);
                }

                private static DMatrixRMaj pow(DMatrixRMaj a, DMatrixRMaj p) {
                    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
                    double e = p.get(0);
                    for (int i = 0; i < out.data.length; i++) out.data[i] = e == 2 ? a.data[i] * a.data[i] : e == -1 ? 1 / a.data[i] : Math.pow(a.data[i], e);
                    return out;
                }

                private static double relu(double u) {
                    return u > 0 ? u : 0;
                }

                private static double step(double u) {
                    return u > 0 ? 1 : 0;  // relu's derivative, the subgradient 0 at 0
                }

                private static double ge0(double u) {
                    return u >= 0 ? 1 : 0;  // where max(u, v) chooses u: u - v >= 0, ties included
                }

                /** max(a, b) (max true) or min(a, b) entry by entry, a 1×1 operand against every entry; ties take a. */
                private static DMatrixRMaj maxMin(DMatrixRMaj a, DMatrixRMaj b, boolean max) {
                    DMatrixRMaj like = isScalar(a) ? b : a, out = new DMatrixRMaj(like.numRows, like.numCols);
                    for (int i = 0; i < out.data.length; i++) {
                        double x = a.data[isScalar(a) ? 0 : i], y = b.data[isScalar(b) ? 0 : i];
                        out.data[i] = (max ? x >= y : x <= y) ? x : y;
                    }
                    return out;
                }

                /** The row-major index of the first largest (max) or smallest entry, in column order (as vec lists them). */
                private static int chosen(DMatrixRMaj a, boolean max) {
                    int best = 0;
                    for (int j = 0; j < a.numCols; j++)
                        for (int i = 0; i < a.numRows; i++) {
                            int k = i * a.numCols + j;
                            if (max ? a.data[k] > a.data[best] : a.data[k] < a.data[best]) best = k;
                        }
                    return best;
                }

                /** ismax(a) (max true) or ismin(a): 1 at the chosen entry, 0 elsewhere (the gradient of max(a)). */
                private static DMatrixRMaj oneHot(DMatrixRMaj a, boolean max) {
                    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
                    out.data[chosen(a, max)] = 1;
                    return out;
                }

                private static double sigmoid(double u) {
                    return 1 / (1 + Math.exp(-u));  // exp(-u) = inf at u < -709 gives 0, the right limit
                }

                private static double softplus(double u) {
                    return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));  // log(1 + exp(u)) without overflow
                }

                private static DMatrixRMaj map(DMatrixRMaj a, DoubleUnaryOperator f) {
                    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
                    for (int i = 0; i < out.data.length; i++) out.data[i] = f.applyAsDouble(a.data[i]);
                    return out;
                }

                private static DMatrixRMaj inv(DMatrixRMaj a) {
                    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
                    if (!CommonOps_DDRM.invert(a, out)) throw new ArithmeticException("singular matrix");
                    return out;
                }

                private static double logsumexp(DMatrixRMaj v) {
                    double m = CommonOps_DDRM.elementMax(v), s = 0;  // shifted by the max: no overflow
                    if (!Double.isFinite(m)) return m;                // an infinite (or NaN) entry decides the sum
                    for (double x : v.data) s += Math.exp(x - m);
                    return m + Math.log(s);
                }

                private static DMatrixRMaj softmax(DMatrixRMaj v) {
                    double lse = logsumexp(v);
                    return map(v, x -> Math.exp(x - lse));
                }

                /** softmax (rows = 0) or logsumexp (rows = 1) of each column. */
                private static DMatrixRMaj columns(DMatrixRMaj a, int rows) {
                    DMatrixRMaj out = new DMatrixRMaj(rows == 0 ? a.numRows : 1, a.numCols);
                    for (int j = 0; j < a.numCols; j++) {
                        DMatrixRMaj column = CommonOps_DDRM.extractColumn(a, j, null);
                        if (rows == 1) out.set(0, j, logsumexp(column));
                        else CommonOps_DDRM.insert(softmax(column), out, 0, j);
                    }
                    return out;
                }

                private static DMatrixRMaj block(DMatrixRMaj[][] blocks) {
                    int rows = 0, cols = 0;
                    for (DMatrixRMaj[] row : blocks) rows += row[0].numRows;
                    for (DMatrixRMaj b : blocks[0]) cols += b.numCols;
                    DMatrixRMaj out = new DMatrixRMaj(rows, cols);
                    int r = 0;
                    for (DMatrixRMaj[] row : blocks) {
                        int c = 0;
                        for (DMatrixRMaj b : row) {
                            CommonOps_DDRM.insert(b, out, r, c);
                            c += b.numCols;
                        }
                        r += row[0].numRows;
                    }
                    return out;
                }
            """;
}
