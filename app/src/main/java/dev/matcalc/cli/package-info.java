/**
 * The command line: a thin shell over {@link dev.matcalc.api.Service}, and for {@code minimize},
 * {@code maximize} and {@code solve} over {@link dev.matcalc.problem.ProblemSolver} (options shared in
 * {@code SolveOptions}, answers printed by {@code SolutionPrinter}, files by {@code SolutionFiles}).
 * Exit codes: 0 success, 1 a failed check or a solve that did not end optimal (its answer printed), 2 bad input (the error on stderr, or as JSON with {@code --format json}),
 * 4 an internal error (a bug: reported without a stack trace, which {@code MATCALC_DEBUG=1} shows).
 */
package dev.matcalc.cli;
