/**
 * minimize on Apache Spark: the backend ({@link dev.matcalc.spark.SparkBackend}) that the command
 * line's {@code --spark} and the library's {@link dev.matcalc.problem.rows.RowBackend} find
 * through {@link java.util.ServiceLoader}.
 *
 * <p>A table ({@code --table}: CSV with a header, or Parquet) is read by the executors into
 * {@link dev.matcalc.problem.rows.RowBlock}s of a few thousand rows, cached
 * ({@link dev.matcalc.spark.CsvBlocks}, {@link dev.matcalc.spark.ParquetBlocks}). The objective's
 * row part, split in core ({@link dev.matcalc.problem.rows.RowSeparation}), is broadcast once;
 * each evaluation runs one Spark job ({@code SparkContext.runJob}; a {@code treeAggregate} over more
 * than 32 partitions) with the point in its tasks' closure
 * ({@link dev.matcalc.spark.SparkRowTable}), in which every block runs its compiled plan
 * ({@link dev.matcalc.problem.rows.BlockEvaluator}). The solver stays on the driver: the same
 * L-BFGS-B, bounds and augmented Lagrangian as a local solve.
 */
package dev.matcalc.spark;
