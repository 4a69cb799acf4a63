package dev.matcalc.problem.rows;

/**
 * Runs a {@link BlockProgram} over every block of a table and adds the blocks' answers: locally
 * ({@link InMemoryRows}) or on a cluster (the Spark module: one {@code treeAggregate} per call).
 */
public interface RowAggregator extends AutoCloseable {
    /** Σ over the blocks of {@link BlockEvaluator#evaluate} for this request. */
    double[] sum(BlockRequest request);

    /** Seconds spent in {@link #sum} so far (the jobs' wall time, as the driver sees it). */
    double seconds();

    /** The number of passes over the table so far. */
    long passes();

    @Override
    void close();
}
