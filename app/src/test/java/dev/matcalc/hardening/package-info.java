/**
 * Hardening tests: fuzzing the parser, typer, service and CLI with malformed input, resource
 * limits, numeric domains, and the named regression tests for every disagreement the random
 * oracles found. See {@code docs/hardening.md}.
 */
package dev.matcalc.hardening;
