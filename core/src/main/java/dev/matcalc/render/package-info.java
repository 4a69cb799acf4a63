/**
 * Answers as a person would write them: {@code (A + A')*x}, {@code -inv(X)'},
 * {@code W'*exp(W*x + b)}, {@code diag(exp(W*x + b))*W}.
 *
 * <h2>Design</h2>
 * One walk, three spellings. {@link dev.matcalc.render.ExprRenderer} walks the typed
 * expression once and decides everything about structure that a reader sees in every format:
 * <ul>
 *   <li>signs: a number or a product with a negative coefficient is a negation, shown with a
 *       leading minus ({@code -2*x}) or, inside a sum, as a subtraction ({@code a - 2*b});
 *       a negative number never follows a binary operator;</li>
 *   <li>division: a scalar factor {@code b^-p} of a product is a denominator ({@code a/b},
 *       {@code x/b^2}); {@code a .* b^-1} is {@code a./b}; a lone {@code b^-1} is {@code 1/b};</li>
 *   <li>brackets: every rendered piece carries the precedence of its outer operator and whether
 *       it starts with a minus ({@link dev.matcalc.render.Piece}); parents bracket operands
 *       that bind too loosely for their position, following matcalc's grammar
 *       ({@code + -} &lt; {@code * / .* ./} &lt; unary {@code -} &lt; {@code ^ .^} &lt; {@code '}).</li>
 * </ul>
 * The formats ({@link dev.matcalc.render.TextRenderer} for matcalc input that re-parses,
 * {@link dev.matcalc.render.PrettyRenderer} for Unicode, {@link dev.matcalc.render.LatexRenderer})
 * spell leaves, operators and calls, and may bracket more than the text needs (LaTeX cannot
 * stack two superscripts, so {@code x^\top} is bracketed before a power).
 *
 * <p>{@link dev.matcalc.render.CommonSubexpressions} names repeated subterms ({@code t0},
 * {@code t1}, ...) and every renderer prints the result as the body followed by
 * {@code where t0 = ...}.
 *
 * <p>Renderers are stateless and thread-safe; nothing here changes an expression.
 */
package dev.matcalc.render;
