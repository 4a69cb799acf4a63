package dev.matcalc.optimization;

/** Asked after every iteration whether a driver should hand the problem to another method. */
@FunctionalInterface
interface ProgressMonitor {
    ProgressMonitor NEVER = (run, f, optimality) -> null;

    /** A reason to hand over, or null to go on; f and the optimality are those of the new iterate. */
    String handOver(Run run, double f, double optimality);
}
