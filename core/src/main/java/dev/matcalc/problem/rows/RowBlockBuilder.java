package dev.matcalc.problem.rows;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers rows, one flat array of values per row (each binding's columns in turn), into
 * {@link RowBlock}s of at most {@code blockRows} rows.
 */
public final class RowBlockBuilder {
    private final List<String> names;
    private final int[] widths;
    private final int blockRows;
    private final List<RowBlock> done = new ArrayList<>();
    private DMatrixRMaj[] current;
    private int filled, capacity;
    /** Rows a block is first allocated for; it doubles up to blockRows. */
    private static final int FIRST_ROWS = 4096;

    /** @param widths the number of columns of each binding, by name, in the order of a row's values */
    public RowBlockBuilder(Map<String, Integer> widths, int blockRows) {
        if (blockRows < 1) throw new IllegalArgumentException("a block holds at least one row, not " + blockRows);
        this.names = List.copyOf(widths.keySet());
        this.widths = widths.values().stream().mapToInt(Integer::intValue).toArray();
        // a block's matrix is one array: at most Integer.MAX_VALUE entries, whatever rows were asked for
        int widest = Math.max(1, java.util.Arrays.stream(this.widths).max().orElse(1));
        this.blockRows = Math.min(blockRows, Integer.MAX_VALUE / widest);
    }

    /** Adds one row: the values of every binding's columns, concatenated. */
    public void add(double[] row) {
        if (current == null) {
            current = new DMatrixRMaj[names.size()];
            capacity = Math.min(blockRows, FIRST_ROWS);
            for (int k = 0; k < names.size(); k++) current[k] = new DMatrixRMaj(capacity, widths[k]);
        } else if (filled == capacity) {   // grown as rows come: a large --block-rows costs nothing on a small table
            capacity = (int) Math.min(blockRows, 2L * capacity);
            for (int k = 0; k < names.size(); k++) current[k].reshape(capacity, widths[k], true);
        }
        int at = 0;
        for (int k = 0; k < names.size(); k++) {
            System.arraycopy(row, at, current[k].data, filled * widths[k], widths[k]);
            at += widths[k];
        }
        if (++filled == blockRows) flush();
    }

    private void flush() {
        if (filled == 0) return;
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            DMatrixRMaj m = current[k];
            if (m.numRows != filled) m.reshape(filled, widths[k], true);
            values.put(names.get(k), m);
        }
        done.add(new RowBlock(filled, values));
        current = null;
        filled = 0;
    }

    /** The blocks, the last one partial; the builder is empty afterwards. */
    public List<RowBlock> finish() {
        flush();
        List<RowBlock> out = new ArrayList<>(done);
        done.clear();
        return out;
    }

    /** The blocks completed so far (for streaming them out); the partial one stays. */
    public List<RowBlock> drain() {
        List<RowBlock> out = new ArrayList<>(done);
        done.clear();
        return out;
    }
}
