package dev.matcalc.problem.rows;

import org.ejml.data.DMatrixRMaj;

/**
 * Stands for a table column bound to a name while its rows are elsewhere: it has the column's
 * size, so the problem types and its variables get their sizes, but no entries (reading one is a
 * bug: the rows are only ever read block by block, where they are).
 */
@SuppressWarnings("unchecked")   // EJML's own generic create/copy signatures, inherited as they are
public final class RowPlaceholder extends DMatrixRMaj {
    public RowPlaceholder(int rows, int cols) {
        super(0, 0);
        this.numRows = rows;
        this.numCols = cols;
    }

    @Override
    public double get(int row, int col) {
        throw new IllegalStateException("the rows of this " + numRows + "×" + numCols + " column binding are held in blocks elsewhere");
    }

    @Override
    public double unsafe_get(int row, int col) {
        return get(row, col);
    }

    @Override
    public DMatrixRMaj copy() {
        return new RowPlaceholder(numRows, numCols);
    }
}
