package dev.matcalc.problem.rows;

import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block of consecutive rows of the table: each column binding's rows as a dense matrix
 * (row-major, as the compiled plans read their inputs: a vector binding is rows×1, a matrix
 * binding rows×k), or as a {@link dev.matcalc.numeric.SparseMatrix} in compressed rows (a LIBSVM
 * table's features). Blocks hold a few thousand rows, so that a plan's buffers stay in cache and a
 * block's matrices are one allocation each.
 */
public record RowBlock(int rows, Map<String, DMatrixRMaj> values) implements Serializable {
    public RowBlock {
        values = new LinkedHashMap<>(values);
        for (Map.Entry<String, DMatrixRMaj> e : values.entrySet())
            if (e.getValue().numRows != rows)
                throw new IllegalArgumentException(e.getKey() + " has " + e.getValue().numRows + " rows in a block of " + rows);
    }

    /**
     * This block with its sparse bindings widened to the table's column counts (a block read on
     * its own knows only its own largest column), sharing their entries.
     */
    public RowBlock widened(Map<String, Integer> columns) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>(values);
        columns.forEach((name, cols) -> {
            if (out.get(name) instanceof dev.matcalc.numeric.SparseMatrix s) out.put(name, s.withColumns(cols));
        });
        return new RowBlock(rows, out);
    }

    /** The default number of rows per block. */
    public static final int DEFAULT_ROWS = 4096;
}
