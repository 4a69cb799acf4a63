package dev.matcalc.api;

import java.util.List;

/** The outcome of a numeric check: the worst relative error per derivative, and whether all pass. */
public record CheckReport(boolean passed, double worstError, double tolerance, int points, List<String> lines) { }
