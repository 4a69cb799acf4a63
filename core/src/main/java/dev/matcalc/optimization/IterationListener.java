package dev.matcalc.optimization;

/** Receives each finished iteration; an exception it throws ends the solve and propagates. */
@FunctionalInterface
public interface IterationListener {
    void onIteration(Iteration it);
}
