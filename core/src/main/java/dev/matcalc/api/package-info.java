/**
 * The library API that every front end (command line, REPL, web page) and a Java user call:
 * {@link dev.matcalc.MatCalc} parses and types, {@link dev.matcalc.api.Expression} differentiates
 * and evaluates, {@link dev.matcalc.api.DerivativeResult} renders and evaluates a derivative, and
 * {@link dev.matcalc.api.Service} answers a whole {@link dev.matcalc.api.Request} with an
 * {@link dev.matcalc.api.Answer} (the JSON shape shared by {@code --format json} and the HTTP API).
 */
package dev.matcalc.api;
