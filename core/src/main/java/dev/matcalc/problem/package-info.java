/**
 * Optimization problems: what {@code minimize} and {@code maximize} solve.
 *
 * <p><b>A problem is data, not code</b>: an objective, the variables, constraints, declarations and
 * data bindings ({@link dev.matcalc.problem.Problem}), read from the command line or from a GENO
 * model file ({@link dev.matcalc.problem.GenoModel}). The solver ({@code dev.matcalc.optimization})
 * sees only compiled value-and-gradient functions of one flat vector; it knows nothing of
 * expressions. Between the two, this package, one stage per file:
 * <ol>
 *   <li>{@link dev.matcalc.problem.Constraint}: {@code EXPR <= EXPR}, {@code >=}, {@code ==},
 *       element-wise with scalar expansion; normal form g(x) ≤ 0 or h(x) = 0.</li>
 *   <li>{@link dev.matcalc.problem.ProblemTyper}: the objective and every constraint side typed as
 *       one program ({@link dev.matcalc.problem.ProgramText}), so sizes unify across them and bind
 *       from the data; errors point into the text the user wrote (a constraint, a model file's line).</li>
 *   <li>{@link dev.matcalc.problem.L1Reformulation}: norm1 and sum(abs(·)) terms made smooth exactly
 *       (a split v = p - q, or an epigraph -t ≤ v ≤ t), as GENO does, where they are minimized;
 *       then {@link dev.matcalc.problem.MaxReformulation}: max and min terms by their epigraphs
 *       (t ≥ u, t ≥ v; u ≤ s), a hinge loss or a minimax; both on {@link dev.matcalc.problem.Reformulation}.</li>
 *   <li>{@link dev.matcalc.problem.Packing}: the variables in one vector; a symmetric matrix by its
 *       upper triangle, its gradient mapped to those free entries.</li>
 *   <li>{@link dev.matcalc.problem.BoundClassifier}: constraints that bound a variable's entries
 *       become the solver's box; the others go into the augmented Lagrangian.</li>
 *   <li>{@link dev.matcalc.problem.CompiledObjective} and
 *       {@link dev.matcalc.problem.AugmentedLagrangian}: value, gradient and Hessian-vector product
 *       derived symbolically and compiled once; the Lagrangian is one expression whose multipliers
 *       and penalty are parameters, so an outer iteration only rebinds numbers.</li>
 *   <li>{@link dev.matcalc.problem.StartPoint}: a start inside the domain when none is given.</li>
 * </ol>
 * {@link dev.matcalc.problem.CompiledProblem} runs them in that order;
 * {@link dev.matcalc.problem.ProblemSolver} hands the result to the solver its constraints call for
 * (none or bounds: {@code Solvers.minimize}; others: the augmented Lagrangian), keeping symmetric
 * variables under logdet positive definite ({@link dev.matcalc.problem.DefiniteDomain}), polishes an
 * optimal answer on its active set ({@code ActiveSetPolish}) and reports a
 * {@link dev.matcalc.problem.Solution} in the user's terms.
 *
 * <p>With a table held in row blocks elsewhere ({@code minimize --spark}),
 * {@link dev.matcalc.problem.CompiledProblem#compile(Problem, dev.matcalc.problem.rows.RowTable)}
 * splits the objective ({@code dev.matcalc.problem.rows}) and the same solvers run on the driver.
 *
 * <p>Invariants: nothing is parsed or differentiated during a solve; a point outside the domain
 * gives +Inf, never an exception; every user error is a {@link dev.matcalc.syntax.SourceError}
 * naming what is wrong, with a position where the text has one.
 */
package dev.matcalc.problem;
