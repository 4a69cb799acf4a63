/**
 * Typed expressions: immutable records under the sealed interface {@link dev.matcalc.expr.Expr}.
 *
 * <p>Every node knows its {@link dev.matcalc.shapes.Shape}; every value is a matrix (scalars and
 * vectors included). Nodes are built through {@link dev.matcalc.expr.Exprs}, whose smart
 * constructors check shapes and fold zeros, ones and identities at construction, so that a zero
 * term is never built (JAX's symbolic {@code Zero}). Shape errors raised here are internal
 * invariants: user input is checked earlier, by the typer, with source positions.
 *
 * <p>Element-wise functions live in the table {@link dev.matcalc.expr.Fn}, matrix functions and
 * reductions in {@link dev.matcalc.expr.MatFn}; each entry carries its name and derivative rule,
 * so adding a function touches one file.
 */
package dev.matcalc.expr;
