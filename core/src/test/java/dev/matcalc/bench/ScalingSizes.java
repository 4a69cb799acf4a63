package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Nodes;

/**
 * The answer sizes of the scaling families, one tab-separated line per case:
 * {@code family k gradient-nodes gradient-chars hessian-nodes|- hessian-chars|-}, where nodes is
 * {@link Nodes#dagSize} of the matrix form and chars the length of {@link DerivativeResult#toText()}
 * (the answer with its definitions). Run by {@code bench/scaling.sh}; arguments are the depths.
 */
public final class ScalingSizes {
    private ScalingSizes() { }

    public static void main(String[] args) {
        for (ScalingFamilies f : ScalingFamilies.values()) {
            for (String arg : args) {
                int k = Integer.parseInt(arg);
                Expression e = MatCalc.parse(f.source(k), f.lets().toArray(String[]::new));
                DerivativeResult g = e.derivative(Layout.MIXED, f.wrt());
                String line = f + "\t" + k + "\t" + Nodes.dagSize(g.expr()) + "\t" + g.toText().length();
                if (f.hessian()) {
                    DerivativeResult h = e.derivative(Layout.MIXED, f.wrt(), f.wrt());
                    line += "\t" + Nodes.dagSize(h.expr()) + "\t" + h.toText().length();
                } else {
                    line += "\t-\t-";
                }
                System.out.println(line);
            }
        }
    }
}
