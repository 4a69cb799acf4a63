package dev.matcalc.numeric;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * A sparse matrix in compressed rows (CSR), carried where the engine passes a {@link DMatrixRMaj}
 * (bindings, row blocks, a plan's inputs) so that it travels the same way a dense value does. It
 * holds no dense entries: its {@code data} is empty and reading an entry densely is an error. A
 * compiled plan multiplies it by dense operands ({@code X*w}, {@code X'*v}, {@code X*W}) and
 * nothing else; {@link dev.matcalc.compile.SparseUses} refuses the rest before a plan is built.
 *
 * <p>The rows are EJML's {@link DMatrixSparseCSC} of the transpose: compressed columns of X' are
 * compressed rows of X, so {@code rowStart} is X's row pointers (length rows + 1), {@code columns}
 * each entry's column (0-based, increasing within a row) and {@code values} the entries.
 */
@SuppressWarnings("unchecked")   // EJML's own generic create/copy signatures, inherited as they are
public final class SparseMatrix extends DMatrixRMaj {
    private final DMatrixSparseCSC transposed;

    /** @param transposed X' in compressed columns (its numRows is X's columns, its numCols X's rows) */
    public SparseMatrix(DMatrixSparseCSC transposed) {
        super(0, 0);
        this.transposed = transposed;
        this.numRows = transposed.numCols;
        this.numCols = transposed.numRows;
    }

    /** From CSR arrays (kept, not copied): {@code rowStart[rows]} entries in all. */
    public static SparseMatrix of(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
        DMatrixSparseCSC t = new DMatrixSparseCSC(cols, rows, 0);
        t.col_idx = rowStart;
        t.nz_rows = columns;
        t.nz_values = values;
        t.nz_length = rowStart[rows];
        t.indicesSorted = true;
        return new SparseMatrix(t);
    }

    /** The non-zero entries of a dense matrix (tests and small data). */
    public static SparseMatrix of(DMatrixRMaj dense) {
        int nnz = 0;
        for (int i = 0; i < dense.getNumElements(); i++) if (dense.data[i] != 0) nnz++;
        int[] start = new int[dense.numRows + 1], columns = new int[nnz];
        double[] values = new double[nnz];
        int k = 0;
        for (int i = 0; i < dense.numRows; i++) {
            for (int j = 0; j < dense.numCols; j++) {
                double v = dense.data[i * dense.numCols + j];
                if (v == 0) continue;
                columns[k] = j;
                values[k++] = v;
            }
            start[i + 1] = k;
        }
        return of(dense.numRows, dense.numCols, start, columns, values);
    }

    /**
     * The same rows with {@code cols} columns, at least as many as it has (the columns added are
     * zero), sharing the arrays: a block read on its own widened to its table's width, at no cost.
     */
    public SparseMatrix withColumns(int cols) {
        if (cols == numCols) return this;
        if (cols < numCols) throw new IllegalArgumentException("a " + numRows + "×" + numCols + " sparse matrix cannot narrow to " + cols + " columns");
        return of(numRows, cols, rowStart(), columns(), values());
    }

    /** X' in EJML's compressed columns (shared, not copied). */
    public DMatrixSparseCSC transposed() {
        return transposed;
    }

    public int[] rowStart() {
        return transposed.col_idx;
    }

    public int[] columns() {
        return transposed.nz_rows;
    }

    public double[] values() {
        return transposed.nz_values;
    }

    public int nonZeros() {
        return transposed.nz_length;
    }

    /** The fraction of entries that are stored. */
    public double density() {
        return numRows == 0 || numCols == 0 ? 0 : nonZeros() / ((double) numRows * numCols);
    }

    /** The dense matrix (tests and small data only: this is what the plans never do). */
    public DMatrixRMaj toDense() {
        DMatrixRMaj d = new DMatrixRMaj(numRows, numCols);
        int[] start = rowStart(), cols = columns();
        double[] v = values();
        for (int i = 0; i < numRows; i++)
            for (int k = start[i]; k < start[i + 1]; k++) d.data[i * numCols + cols[k]] = v[k];
        return d;
    }

    @Override
    public double get(int row, int col) {
        throw new IllegalStateException("this " + numRows + "×" + numCols + " matrix is sparse; it is read by sparse products only");
    }

    @Override
    public double unsafe_get(int row, int col) {
        return get(row, col);
    }

    /** Immutable once built: a copy is the same matrix. */
    @Override
    public DMatrixRMaj copy() {
        return this;
    }

    @Override
    public String toString() {
        return "sparse " + numRows + "×" + numCols + " (" + nonZeros() + " non-zeros)";
    }
}
