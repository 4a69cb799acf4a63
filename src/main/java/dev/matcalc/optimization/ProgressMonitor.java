package dev.matcalc.optimization;

/** Asked after every iteration whether a driver should hand the problem to another method. */
@FunctionalInterface
interface ProgressMonitor {
    ProgressMonitor NEVER = (iteration, optimality) -> null;

    /** A reason to hand over, or null to go on. */
    String handOver(int iteration, double optimality);
}
