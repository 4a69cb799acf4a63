package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Nodes;

/**
 * A rough per-stage timing of the scaling families (parse, gradient, Hessian, text), to find the
 * stage that dominates when a family is slow; JMH ({@link ScalingBenchmark}) gives the numbers to
 * report. Run: {@code java -cp ... dev.matcalc.bench.ScalingProfile [k ...]}.
 */
public final class ScalingProfile {
    private ScalingProfile() { }

    public static void main(String[] args) {
        int[] ks = args.length == 0 ? new int[]{1, 2, 4, 8, 16, 32, 64}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int round = 0; round < 3; round++) {               // the last round is after warm-up
            for (ScalingFamilies f : ScalingFamilies.values()) {
                for (int k : ks) {
                    long t0 = System.nanoTime();
                    Expression e = MatCalc.parse(f.source(k), f.lets().toArray(String[]::new));
                    long t1 = System.nanoTime();
                    DerivativeResult g = e.derivative(Layout.MIXED, f.wrt());
                    long t2 = System.nanoTime();
                    String gText = g.toText();
                    long t3 = System.nanoTime();
                    String line = String.format("%-18s k=%-3d parse %7.2f ms  grad %8.2f ms  text %8.2f ms  nodes %5d chars %6d",
                            f, k, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), Nodes.dagSize(g.expr()), gText.length());
                    if (f.hessian()) {
                        long t4 = System.nanoTime();
                        DerivativeResult h = e.derivative(Layout.MIXED, f.wrt(), f.wrt());
                        long t5 = System.nanoTime();
                        String hText = h.toText();
                        long t6 = System.nanoTime();
                        line += String.format("  | hess %8.2f ms  text %8.2f ms  nodes %5d chars %6d",
                                ms(t5 - t4), ms(t6 - t5), Nodes.dagSize(h.expr()), hText.length());
                    }
                    if (round == 2) System.out.println(line);
                }
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
