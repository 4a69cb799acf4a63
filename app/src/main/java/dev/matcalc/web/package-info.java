/**
 * The HTTP front end: {@code matcalc serve} starts a Javalin server with a JSON API
 * ({@code /api/derive} answers exactly what {@code matcalc diff --format json} prints,
 * {@code /api/check} the numeric check at random points or at one given, {@code /api/point} random
 * values to evaluate at) and a single static page under {@code /web} (plain scripts, no build step:
 * {@code dom.js}, {@code forms.js}, {@code steps.js}, {@code answer.js}, {@code evaluate.js},
 * {@code app.js}).
 * Every derivation runs on its own bounded, interruptible worker ({@link dev.matcalc.web.BoundedRunner})
 * so that a slow or runaway input can never block the server; request size, expression
 * length, time and concurrency are limited by {@link dev.matcalc.web.Limits}.
 */
package dev.matcalc.web;
