/**
 * The HTTP front end: {@code matcalc serve} starts a Javalin server with a JSON API
 * ({@code /api/derive} answers exactly what {@code matcalc diff --format json} prints,
 * {@code /api/check} the numeric check) and a single static page under {@code /web}.
 * Every derivation runs on its own bounded, interruptible worker ({@link dev.matcalc.web.BoundedRunner})
 * so that a slow or runaway input can never block the server; request size, expression
 * length, time and concurrency are limited by {@link dev.matcalc.web.Limits}.
 */
package dev.matcalc.web;
