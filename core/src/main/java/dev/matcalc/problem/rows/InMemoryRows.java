package dev.matcalc.problem.rows;

import dev.matcalc.shapes.ValueShape;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RowTable} whose blocks are in this JVM, evaluated one after another: what a cluster
 * does, without one. It checks the row separation against the whole-table objective, and it
 * gives the reference answer a cluster's must match.
 */
public final class InMemoryRows implements RowTable {
    private final int rows;
    private final Map<String, ValueShape> shapes = new LinkedHashMap<>();
    private final List<RowBlock> blocks = new ArrayList<>();
    private final java.util.Set<String> sparse;
    private long nanos, passes;

    /**
     * A table already in blocks (a LIBSVM table read here, its features sparse).
     *
     * @param shapes each binding's kind and size, in the order they were bound
     * @param sparse the bindings whose blocks hold {@link dev.matcalc.numeric.SparseMatrix}es
     */
    public InMemoryRows(List<RowBlock> blocks, Map<String, ValueShape> shapes, java.util.Set<String> sparse) {
        int n = 0;
        for (RowBlock b : blocks) n = Math.addExact(n, b.rows());
        for (Map.Entry<String, ValueShape> e : shapes.entrySet())
            if (e.getValue().rows() != n) throw new IllegalArgumentException(e.getKey() + " has " + e.getValue().rows() + " rows, not " + n);
        this.rows = n;
        this.shapes.putAll(shapes);
        this.blocks.addAll(blocks);
        this.sparse = java.util.Set.copyOf(sparse);
    }

    /** @param columns the table's bindings (each with the same number of rows), split into blocks of {@code blockRows} */
    public InMemoryRows(Map<String, DMatrixRMaj> columns, Map<String, ValueShape.Kind> kinds, int blockRows) {
        Map<String, Integer> widths = new LinkedHashMap<>();
        int n = -1;
        for (Map.Entry<String, DMatrixRMaj> e : columns.entrySet()) {
            DMatrixRMaj m = e.getValue();
            if (n >= 0 && m.numRows != n) throw new IllegalArgumentException(e.getKey() + " has " + m.numRows + " rows, not " + n);
            n = m.numRows;
            widths.put(e.getKey(), m.numCols);
            shapes.put(e.getKey(), new ValueShape(kinds.getOrDefault(e.getKey(), m.numCols == 1 ? ValueShape.Kind.VECTOR : ValueShape.Kind.MATRIX),
                    m.numRows, m.numCols));
        }
        this.rows = n;
        this.sparse = java.util.Set.of();
        RowBlockBuilder builder = new RowBlockBuilder(widths, blockRows);
        int width = widths.values().stream().mapToInt(Integer::intValue).sum();
        double[] row = new double[width];
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (DMatrixRMaj m : columns.values()) {
                System.arraycopy(m.data, i * m.numCols, row, at, m.numCols);
                at += m.numCols;
            }
            builder.add(row);
        }
        blocks.addAll(builder.finish());
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public Map<String, ValueShape> shapes() {
        return shapes;
    }

    @Override
    public java.util.Set<String> sparse() {
        return sparse;
    }

    public int blocks() {
        return blocks.size();
    }

    @Override
    public RowAggregator aggregator(BlockProgram program) {
        return new RowAggregator() {
            private long nanos, passes;

            @Override
            public double[] sum(BlockRequest request) {
                long started = System.nanoTime();
                double[] total = null;
                for (RowBlock b : blocks) {
                    double[] part = BlockEvaluator.evaluate(program, request, b);
                    if (total == null) total = part;
                    else for (int i = 0; i < part.length; i++) total[i] += part[i];
                }
                long took = System.nanoTime() - started;
                nanos += took;
                passes++;
                InMemoryRows.this.nanos += took;
                InMemoryRows.this.passes++;
                return total;
            }

            @Override
            public double seconds() {
                return nanos / 1e9;
            }

            @Override
            public long passes() {
                return passes;
            }

            @Override
            public void close() {
                BlockEvaluator.forget(program.id());
            }
        };
    }

    @Override
    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public long passes() {
        return passes;
    }

    @Override
    public String describe() {
        return "in memory: " + rows + " rows in " + blocks.size() + " blocks";
    }

    @Override
    public void close() { }
}
