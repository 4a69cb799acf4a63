/**
 * Objectives over a table whose rows are held in blocks elsewhere (a cluster): which objectives can
 * run there, decided symbolically, and how.
 *
 * <ol>
 *   <li>{@link dev.matcalc.problem.rows.RowSeparation}: classifies every subexpression by how it
 *       depends on the rows ({@link dev.matcalc.problem.rows.RowClass}: row-wise, a sum over rows,
 *       a function of sums) and splits the objective into a {@link dev.matcalc.problem.rows.Separation}:
 *       r(w) + Σ over blocks of g(rows, w) (one pass), or h(S₁(w), …, w) with sums over rows Sₖ (two
 *       passes). What pairs rows is refused, naming the subexpression.</li>
 *   <li>{@link dev.matcalc.problem.rows.BlockProgram}: what the machines holding the rows need
 *       (serializable: expressions, the packed variables, small parameters);
 *       {@link dev.matcalc.problem.rows.BlockEvaluator} runs it on a
 *       {@link dev.matcalc.problem.rows.RowBlock}, plans compiled once per block size.</li>
 *   <li>{@link dev.matcalc.problem.rows.RowSeparableObjective}: the driver's side, a
 *       {@code DifferentiableFunction} whose row part is summed by a
 *       {@link dev.matcalc.problem.rows.RowAggregator} (one per {@link dev.matcalc.problem.rows.RowTable}).</li>
 * </ol>
 * {@link dev.matcalc.problem.rows.InMemoryRows} is a table whose blocks are in this JVM (tests,
 * references); the Spark module provides one on Spark, found through
 * {@link dev.matcalc.problem.rows.RowBackend} and {@link java.util.ServiceLoader}. While a problem
 * is typed and compiled, each table column is a {@link dev.matcalc.problem.rows.RowPlaceholder}:
 * its size without its entries.
 */
package dev.matcalc.problem.rows;
