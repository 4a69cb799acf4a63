package dev.matcalc.compile;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.logging.Logger;

/**
 * Dense row-major products. Large ones go to BLAS through dev.ludovic.netlib (OpenBLAS over JNI when
 * a native library is installed, multi-threaded as OpenBLAS is; its pure-Java implementation
 * otherwise); small ones to EJML, where a JNI call and BLAS's packing cost more than the work.
 * The choice is made once and logged once ({@link #describe()} is what {@code --verbose} prints).
 */
public final class Dense {
    private Dense() { }

    /**
     * Products with fewer multiply-adds than this stay in EJML. Native OpenBLAS is faster already at
     * 16×16×16 (0.3 µs against EJML's 2.4 µs here, about 10× at 100×10×100), so with a native library
     * only tiny products stay; the pure-Java BLAS gains only on large ones.
     */
    static final long BLAS_MIN_FLOPS = 48L * 48 * 48, NATIVE_BLAS_MIN_FLOPS = 8L * 8 * 8;
    private static volatile long blasMinFlops = BLAS_MIN_FLOPS;

    private static final Logger LOG = Logger.getLogger(Dense.class.getName());
    /**
     * netlib warns on stderr about every implementation it could not load (the Vector API one
     * without the incubator module) even when it goes on to use native BLAS: noise in a user's
     * terminal. Kept in a field, since java.util.logging holds its loggers weakly.
     */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");
    private static volatile BLAS blas;
    private static volatile String description;
    /** Tests set this to route every product through one path; null = by size. */
    private static volatile Boolean forceBlas;

    /** The BLAS in use, chosen (and logged) on first use. */
    static BLAS blas() {
        BLAS b = blas;
        if (b == null) {
            synchronized (Dense.class) {
                if (blas == null) choose();
                b = blas;
            }
        }
        return b;
    }

    private static void choose() {
        BLAS b;
        NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            b = BLAS.getInstance(); // native when libblas/libopenblas loads, else the best Java one
        } catch (Throwable t) { // a broken native setup must not break evaluation
            b = JavaBLAS.getInstance();
        }
        blas = b;
        String name = b.getClass().getSimpleName();
        boolean nativeBlas = name.contains("JNI") || name.contains("Native");
        blasMinFlops = nativeBlas ? NATIVE_BLAS_MIN_FLOPS : BLAS_MIN_FLOPS;
        description = (nativeBlas
                ? "native BLAS (" + name + ", dev.ludovic.netlib; threads as the library sets them)"
                : "pure-Java BLAS (" + name + "; no native BLAS library found, install libopenblas0)")
                + " for products of at least " + blasMinFlops + " multiply-adds, EJML below";
        LOG.fine(() -> "matcalc dense products: " + description);
    }

    /** Which implementation multiplies large matrices, in words. */
    public static String describe() {
        blas();
        return description;
    }

    /** For tests: true = always BLAS, false = always EJML, null = by size. */
    public static void force(Boolean useBlas) {
        forceBlas = useBlas;
    }

    /** For tests: replace the BLAS implementation (null = choose again). */
    static synchronized void use(BLAS implementation) {
        blas = implementation;
        if (implementation == null) choose();
        else description = implementation.getClass().getSimpleName() + " (set explicitly)";
    }

    /**
     * Matrix-vector products with fewer multiply-adds than this stay in EJML: dgemv has no packing to
     * amortize, and EJML's general product is several times slower on a vector already at n = 100.
     */
    static final long GEMV_MIN_FLOPS = 32L * 32;

    static boolean useBlasForVector(long flops) {
        Boolean f = forceBlas;
        return f != null ? f : flops >= GEMV_MIN_FLOPS;
    }

    static boolean useBlas(long flops) {
        Boolean f = forceBlas;
        if (f != null) return f;
        blas();
        return flops >= blasMinFlops;
    }

    /** c = alpha · op(a) · op(b), op = transpose where asked; c is overwritten. */
    static void gemm(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = ta ? a.numCols : a.numRows, k = ta ? a.numRows : a.numCols, n = tb ? b.numRows : b.numCols;
        if (m == 1 && n == 1) { // a dot product: both operands' data are the vectors, whatever their flags
            double s = 0;
            for (int i = 0; i < k; i++) s += a.data[i] * b.data[i];
            c.data[0] = alpha * s;
            return;
        }
        if ((n == 1 || m == 1) && useBlasForVector((long) m * n * k)) {
            // a matrix times a vector is dgemv: dgemm with one column (OpenBLAS before 0.3.27) packs the
            // whole matrix first, a copy that costs more than the product itself
            if (n == 1) gemv(ta, alpha, a, b.data, c.data);
            else gemv(!tb, alpha, b, a.data, c.data); // c' = op(b)'·a'
            return;
        }
        if (useBlas((long) m * n * k)) {
            gemm(ta, tb, m, n, k, alpha, a.data, 0, a.numCols, b.data, 0, b.numCols, 0, c.data, 0, n);
            return;
        }
        ejml(ta, tb, false, alpha, a, b, c);
    }

    /** c += alpha · op(a) · op(b) (c is m×n with m, n > 1). */
    static void gemmAdd(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = ta ? a.numCols : a.numRows, k = ta ? a.numRows : a.numCols, n = tb ? b.numRows : b.numCols;
        if (useBlas((long) m * n * k)) {
            gemm(ta, tb, m, n, k, alpha, a.data, 0, a.numCols, b.data, 0, b.numCols, 1, c.data, 0, n);
            return;
        }
        ejml(ta, tb, true, alpha, a, b, c);
    }

    /** c = (c if add) + alpha · op(a) · op(b) through EJML's routine for the transposes asked. */
    private static void ejml(boolean ta, boolean tb, boolean add, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (!ta && !tb) { if (add) CommonOps_DDRM.multAdd(alpha, a, b, c); else CommonOps_DDRM.mult(alpha, a, b, c); }
        else if (!tb) { if (add) CommonOps_DDRM.multAddTransA(alpha, a, b, c); else CommonOps_DDRM.multTransA(alpha, a, b, c); }
        else if (!ta) { if (add) CommonOps_DDRM.multAddTransB(alpha, a, b, c); else CommonOps_DDRM.multTransB(alpha, a, b, c); }
        else if (add) CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        else CommonOps_DDRM.multTransAB(alpha, a, b, c);
    }

    /** y = alpha · op(a) · v for a row-major a (a column-major aᵀ to Fortran BLAS, hence the flipped flag). */
    static void gemv(boolean ta, double alpha, DMatrixRMaj a, double[] v, double[] y) {
        blas().dgemv(ta ? "N" : "T", a.numCols, a.numRows, alpha, a.data, 0, a.numCols, v, 0, 1, 0, y, 0, 1);
    }

    /**
     * Row-major gemm on raw arrays: C[m×n] = alpha·op(A)·op(B) + beta·C. A row-major product is the
     * column-major product of the transposes in the other order, so B goes first to Fortran BLAS.
     */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        blas().dgemm(tb ? "T" : "N", ta ? "T" : "N", n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }

    /**
     * c = alpha · op(a) · op(b) for a product known to be symmetric (n×n): on the BLAS path only the
     * blocks on and above the diagonal are multiplied (about half the work) and then mirrored.
     */
    static void symmetricProduct(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int n = c.numRows, k = ta ? a.numRows : a.numCols;
        if (!useBlas((long) n * n * k) || n < 2) {
            gemm(ta, tb, alpha, a, b, c);
            return;
        }
        int block = Math.max(32, (n + 7) / 8);
        for (int i0 = 0; i0 < n; i0 += block) {
            int rows = Math.min(block, n - i0);
            // rows i0.. of op(a) and columns i0.. of op(b): the block row of C from the diagonal rightwards
            int aOff = ta ? i0 : i0 * a.numCols;
            int bOff = tb ? i0 * b.numCols : i0;
            gemm(ta, tb, rows, n - i0, k, alpha, a.data, aOff, a.numCols, b.data, bOff, b.numCols, 0, c.data,
                    i0 * n + i0, n);
        }
        mirrorUpperToLower(c);
    }

    /** c = alpha · g'·g (g m×n, c n×n): syrk, one triangle then mirrored. */
    static void gramian(double alpha, DMatrixRMaj g, DMatrixRMaj c) {
        int n = g.numCols, m = g.numRows;
        if (!useBlas((long) n * n * m)) {
            CommonOps_DDRM.multTransA(alpha, g, g, c);
            return;
        }
        // column-major, g's data is gᵀ (n×m, ld n): C = gᵀ·(gᵀ)ᵀ is dsyrk 'N'; its 'U' is row-major lower
        blas().dsyrk("U", "N", n, m, alpha, g.data, 0, n, 0, c.data, 0, n);
        mirrorLowerToUpper(c);
    }

    /** c = alpha · g·g' (g n×m, c n×n). */
    static void outerGramian(double alpha, DMatrixRMaj g, DMatrixRMaj c) {
        int n = g.numRows, m = g.numCols;
        if (!useBlas((long) n * n * m)) {
            CommonOps_DDRM.multTransB(alpha, g, g, c);
            return;
        }
        // column-major, g's data is gᵀ (m×n, ld m): C = (gᵀ)ᵀ·gᵀ is dsyrk 'T'
        blas().dsyrk("U", "T", n, m, alpha, g.data, 0, m, 0, c.data, 0, n);
        mirrorLowerToUpper(c);
    }

    static void mirrorUpperToLower(DMatrixRMaj c) {
        int n = c.numRows;
        double[] d = c.data;
        for (int i = 1; i < n; i++)
            for (int j = 0; j < i; j++) d[i * n + j] = d[j * n + i];
    }

    static void mirrorLowerToUpper(DMatrixRMaj c) {
        int n = c.numRows;
        double[] d = c.data;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i];
    }
}
