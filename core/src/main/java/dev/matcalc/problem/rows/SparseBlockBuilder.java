package dev.matcalc.problem.rows;

import dev.matcalc.data.LibsvmFormat;
import dev.matcalc.numeric.SparseMatrix;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the rows of a LIBSVM table into {@link RowBlock}s of at most {@code blockRows} rows: the
 * labels as a dense vector, the features as a {@link SparseMatrix} in compressed rows (never dense).
 * A block's features have as many columns as its own largest index until the table's width is
 * known ({@link RowBlock#widened}), or the width given.
 */
public final class SparseBlockBuilder {
    private final String labelName, featuresName;
    private final int blockRows, features;
    private final List<RowBlock> done = new ArrayList<>();
    private double[] labels;
    private int[] rowStart, columns;
    private double[] values;
    private int filled, stored, widest;

    /** The format's bound names; its {@code features} (0: each block's largest index) is the features' column count. */
    public SparseBlockBuilder(LibsvmFormat format, int blockRows) {
        if (blockRows < 1) throw new IllegalArgumentException("a block holds at least one row, not " + blockRows);
        this.labelName = format.labelName();
        this.featuresName = format.featuresName();
        this.blockRows = blockRows;
        this.features = format.features();
    }

    /** Adds one parsed row. */
    public void add(LibsvmFormat.Row row) {
        if (labels == null) {
            labels = new double[blockRows];
            rowStart = new int[blockRows + 1];
            columns = new int[Math.max(16, 8 * blockRows)];
            values = new double[columns.length];
        }
        labels[filled] = row.label;
        if (stored + row.size > columns.length) {
            int grown = Math.max(stored + row.size, 2 * columns.length);
            columns = Arrays.copyOf(columns, grown);
            values = Arrays.copyOf(values, grown);
        }
        System.arraycopy(row.index, 0, columns, stored, row.size);
        System.arraycopy(row.value, 0, values, stored, row.size);
        stored += row.size;
        if (row.size > 0) widest = Math.max(widest, row.index[row.size - 1] + 1);
        rowStart[++filled] = stored;
        if (filled == blockRows) flush();
    }

    private void flush() {
        if (filled == 0) return;
        Map<String, DMatrixRMaj> block = new LinkedHashMap<>();
        if (featuresName != null)
            block.put(featuresName, SparseMatrix.of(filled, Math.max(1, Math.max(features, widest)), Arrays.copyOf(rowStart, filled + 1),
                    Arrays.copyOf(columns, stored), Arrays.copyOf(values, stored)));
        if (labelName != null) block.put(labelName, DMatrixRMaj.wrap(filled, 1, Arrays.copyOf(labels, filled)));
        done.add(new RowBlock(filled, block));
        filled = 0;
        stored = 0;
        widest = 0;
    }

    /** The blocks, the last one partial; the builder is empty afterwards. */
    public List<RowBlock> finish() {
        flush();
        List<RowBlock> out = new ArrayList<>(done);
        done.clear();
        return out;
    }
}
