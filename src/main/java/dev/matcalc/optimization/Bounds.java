package dev.matcalc.optimization;

/** Box constraints lower ≤ x ≤ upper, entry by entry; -Inf and +Inf where unbounded. */
public record Bounds(double[] lower, double[] upper) { }
