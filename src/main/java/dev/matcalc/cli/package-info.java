/**
 * The command line: a thin shell over {@link dev.matcalc.api.Service}. Exit codes: 0 success,
 * 1 a failed check, 2 bad input (the error on stderr, or as JSON with {@code --format json}),
 * 4 an internal error (a bug: reported without a stack trace, which {@code MATCALC_DEBUG=1} shows).
 */
package dev.matcalc.cli;
