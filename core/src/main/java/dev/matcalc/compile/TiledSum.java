package dev.matcalc.compile;

/**
 * Sums of matrices some of which are transposed, {@code A + A'}, without materializing a transpose:
 * the output is produced one square tile at a time, each transposed term read tile by tile (a
 * transposed read walks down columns, which only stays in cache when the walk is short). A symmetric
 * sum computes the tiles on and above the diagonal and mirrors each while it is in cache.
 */
final class TiledSum {
    private TiledSum() { }

    /** Tile side: three 64×64 tiles of doubles (two terms and the output) fit a 96 KB L1/L2 share. */
    static final int TILE = 64;

    /**
     * z (rows×cols, row-major) = constant + Σ op(x_t); a transposed term's data is cols×rows. When
     * {@code symmetric} (square, the sum known to equal its transpose) only the upper tiles are summed.
     */
    static void sum(double[][] xs, boolean[] trans, int rows, int cols, double constant, boolean symmetric, double[] z) {
        if (symmetric && (long) rows * cols <= SMALL) {
            symmetricInCache(xs, trans, rows, constant, z);
            return;
        }
        int bands = (rows + TILE - 1) / TILE;
        Parallel.forEach(bands, (long) rows * cols,
                band -> band(xs, trans, rows, cols, constant, symmetric, z, band * TILE));
    }

    /** Entries up to which a matrix stays in the L2 cache, where tiles only add loop overhead. */
    static final long SMALL = 1L << 17;

    /** z = constant + Σ op(x_t) for a symmetric n×n sum in cache: each upper entry once, written to both halves. */
    private static void symmetricInCache(double[][] xs, boolean[] trans, int n, double constant, double[] z) {
        if (xs.length == 2 && trans[0] != trans[1]) { // A + B' (B = A: the x'Ax Hessian), the loop without a term loop
            double[] a = trans[0] ? xs[1] : xs[0], b = trans[0] ? xs[0] : xs[1];
            for (int i = 0; i < n; i++)
                for (int j = i; j < n; j++) {
                    double v = constant + a[i * n + j] + b[j * n + i];
                    z[i * n + j] = v;
                    z[j * n + i] = v;
                }
            return;
        }
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) {
                double v = constant;
                for (int t = 0; t < xs.length; t++) v += trans[t] ? xs[t][j * n + i] : xs[t][i * n + j];
                z[i * n + j] = v;
                z[j * n + i] = v;
            }
    }

    private static void band(double[][] xs, boolean[] trans, int rows, int cols, double constant, boolean symmetric,
                             double[] z, int i0) {
        {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = symmetric ? i0 : 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                int from = 0;
                if (!trans[0]) { // the first term (with the constant) written, not added: one pass less
                    double[] x = xs[0];
                    for (int i = i0; i < i1; i++) {
                        int row = i * cols;
                        for (int j = j0; j < j1; j++) z[row + j] = constant + x[row + j];
                    }
                    from = 1;
                } else
                    for (int i = i0; i < i1; i++)
                        for (int j = j0; j < j1; j++) z[i * cols + j] = constant;
                for (int t = from; t < xs.length; t++) {
                    double[] x = xs[t];
                    if (trans[t]) addTransposedTile(x, rows, cols, i0, i1, j0, j1, z);
                    else
                        for (int i = i0; i < i1; i++) {
                            int row = i * cols;
                            for (int j = j0; j < j1; j++) z[row + j] += x[row + j];
                        }
                }
                if (symmetric && j0 != i0) // the mirror tile, written while this one is in cache
                    for (int j = j0; j < j1; j++)
                        for (int i = i0; i < i1; i++) z[j * cols + i] = z[i * cols + j];
            }
        }
    }

    /** z[i][j] += x[j][i] over the tile; the j-outer order makes the reads of x contiguous. */
    private static void addTransposedTile(double[] x, int rows, int cols, int i0, int i1, int j0, int j1, double[] z) {
        for (int j = j0; j < j1; j++) {
            int xr = j * rows;
            for (int i = i0; i < i1; i++) z[i * cols + j] += x[xr + i];
        }
    }
}
