package dev.matcalc.problem.rows;

import dev.matcalc.shapes.ValueShape;

import java.util.Map;

/**
 * A table whose rows are held elsewhere, in blocks: what a distributed solve sees of it. The
 * driver knows only each column binding's shape (rows × columns) and asks for sums over the
 * blocks through an {@link RowAggregator}.
 */
public interface RowTable extends AutoCloseable {
    /** The number of rows. */
    int rows();

    /** Each binding's kind and size (vector n×1, matrix n×k), by name, in the order they were bound. */
    Map<String, ValueShape> shapes();

    /** The bindings whose blocks are sparse ({@link dev.matcalc.numeric.SparseMatrix}): a LIBSVM table's features. */
    default java.util.Set<String> sparse() {
        return java.util.Set.of();
    }

    /** What the sparse bindings are, for messages. */
    default String sparseSource() {
        return "a LIBSVM table's features";
    }

    /** Ships {@code program} to the blocks; its aggregator runs the passes. */
    RowAggregator aggregator(BlockProgram program);

    /** Seconds spent in passes over the table so far, by every aggregator of this table. */
    double seconds();

    /** Passes over the table so far, by every aggregator of this table. */
    long passes();

    /** For a person: {@code Spark local[2]: 10000 rows in 3 blocks of up to 4096}. */
    String describe();

    @Override
    void close();
}
