/**
 * Reading matcalc's input language (matrixcalculus.org-compatible) into a syntax tree.
 *
 * <p>{@link dev.matcalc.syntax.Parser#parse(String)} turns source text into a
 * {@link dev.matcalc.syntax.Program}; every user error is a {@link dev.matcalc.syntax.SourceError}
 * with the span it concerns. Grammar, lowest precedence first (MATLAB's):
 * <pre>
 * program     := sep* (NAME '=' expr sep+)* expr sep*          sep := ';' | newline
 * expr        := mul (('+' | '-') mul)*
 * mul         := signed (('*' | '/' | '.*' | './') signed)*
 * signed      := ('-' | '+')* power                             -x^2 is -(x^2); a*-b is a*(-b)
 * power       := postfix (('^' | '.^') ('-' | '+')* postfix)*    left-associative: a^b^c = (a^b)^c
 * postfix     := primary "'"*                                   transpose
 * primary     := NUMBER | NAME | 'eye' | NAME '(' args ')' | '(' expr ')' | '[' rows ']'
 * args        := expr (',' expr)*
 * rows        := row (';' row)* ';'?                            a newline inside [ ] also ends a row
 * row         := expr (',' expr)*
 * NAME        := [A-Za-z_][A-Za-z0-9_]*                          # starts a comment to the end of the line
 * NUMBER      := digits ('.' digits?)? exponent? | '.' digits exponent?    exponent := [eE] [+-]? digits
 * </pre>
 * Function names are those of {@link dev.matcalc.expr.Fn} (element-wise) and
 * {@link dev.matcalc.expr.MatFn} (matrix functions), each taking one argument; {@code vector(1)}
 * and {@code matrix(1)} are all-ones, {@code eye} the identity (sizes inferred), and
 * {@code vector(e1, e2, ...)} stacks scalars into a column. A newline ends a statement only at
 * the top level and not after an operator. Inputs longer than {@link dev.matcalc.syntax.Limits}
 * allows, or nested deeper, are rejected with a clear error (no stack overflow).
 */
package dev.matcalc.syntax;
