package dev.matcalc.bench;

/**
 * The steps of the layer families' joint gradient plans with their average times, to see where a
 * slow family spends its time; JMH ({@link AutodiffBenchmark}) gives the numbers to report.
 * Run: {@code java --add-modules jdk.incubator.vector -cp ... dev.matcalc.bench.LayerProfile [n]}.
 */
public final class LayerProfile {
    private LayerProfile() { }

    public static void main(String[] args) {
        int n = args.length == 0 ? 512 : Integer.parseInt(args[0]);
        for (String family : new String[] {"mlp-ce", "attention"}) {
            AutodiffProblems p = AutodiffProblems.of(family, n, 42);
            JointGradient g = new JointGradient(p);
            for (int i = 0; i < 20; i++) g.run(p.values()); // warm up the JIT
            long t = System.nanoTime();
            int runs = 20;
            for (int i = 0; i < runs; i++) g.run(p.values());
            System.out.printf("%s n=%d: %.3f ms per gradient%n", family, n, (System.nanoTime() - t) / 1e6 / runs);
            g.profile(runs).forEach(line -> System.out.println("  " + line));
        }
    }
}
