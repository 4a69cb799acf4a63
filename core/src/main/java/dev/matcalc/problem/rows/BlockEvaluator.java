package dev.matcalc.problem.rows;

import dev.matcalc.compile.Plan;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.problem.CompiledObjective;
import dev.matcalc.problem.Packing;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Evaluates a {@link BlockProgram} on one {@link RowBlock}: where the rows are. Plans are compiled
 * once per program and block size and kept in this JVM (a pool per size, since a compiled plan's
 * buffers serve one thread at a time and an executor runs several tasks at once); a block then
 * only rebinds its matrices and runs the plan. Outside the objective's domain the value is +Inf
 * and the gradient NaN, as {@link CompiledObjective} gives them.
 */
public final class BlockEvaluator {
    private static final Map<String, ConcurrentLinkedDeque<Compiled>> POOLS = new ConcurrentHashMap<>();

    private BlockEvaluator() { }

    /** The block's answer to the request (see {@link BlockRequest.Pass} for its layout). */
    public static double[] evaluate(BlockProgram program, BlockRequest request, RowBlock block) {
        ConcurrentLinkedDeque<Compiled> pool = POOLS.computeIfAbsent(program.id() + "/" + block.rows(), k -> new ConcurrentLinkedDeque<>());
        Compiled c = pool.poll();
        if (c == null) c = new Compiled(program, block);
        try {
            return c.run(request, block);
        } finally {
            pool.push(c);
        }
    }

    /** Drops this JVM's plans for a program (its solve ended). */
    public static void forget(String programId) {
        POOLS.keySet().removeIf(k -> k.startsWith(programId + "/"));
    }

    /** The length of each pass's answer. */
    static int answerLength(BlockProgram program, BlockRequest.Pass pass, Map<String, int[]> sumSizes) {
        return switch (pass) {
            case VALUE_GRADIENT -> 1 + program.dimension();
            case WEIGHTED_GRADIENT -> program.dimension();
            case SUMS -> sumSizes.values().stream().mapToInt(s -> s[0] * s[1]).sum();
        };
    }

    /** One thread's compiled plans for one block size. */
    private static final class Compiled {
        private final BlockProgram program;
        private final Packing packing;
        private final Map<String, DMatrixRMaj> values;
        private final DMatrixRMaj[] point;
        private CompiledObjective onePass, weighted;
        private Plan sums;

        Compiled(BlockProgram program, RowBlock first) {
            this.program = program;
            this.packing = new Packing(program.variables(), program.sizes());
            this.point = packing.buffers();
            this.values = new HashMap<>(program.parameters());
            values.putAll(first.values());
        }

        double[] run(BlockRequest r, RowBlock block) {
            return switch (r.pass()) {
                case VALUE_GRADIENT -> {
                    if (onePass == null) onePass = new CompiledObjective(program.onePass(), packing, values);
                    block.values().forEach(onePass::bind);
                    double[] out = new double[1 + packing.dimension()], g = new double[packing.dimension()];
                    out[0] = onePass.valueAndGradient(r.x(), g);
                    System.arraycopy(g, 0, out, 1, g.length);
                    yield out;
                }
                case WEIGHTED_GRADIENT -> {
                    if (weighted == null) {
                        Map<String, DMatrixRMaj> with = new HashMap<>(values);
                        for (int k = 0; k < r.weights().size(); k++) with.put(program.weight(k).name(), r.weights().get(k));
                        weighted = new CompiledObjective(program.weighted(), packing, with);
                    }
                    block.values().forEach(weighted::bind);
                    for (int k = 0; k < r.weights().size(); k++) weighted.bind(program.weight(k).name(), r.weights().get(k));
                    double[] g = new double[packing.dimension()];
                    double v = weighted.valueAndGradient(r.x(), g);
                    if (!Double.isFinite(v)) Arrays.fill(g, Double.NaN);
                    yield g;
                }
                case SUMS -> sums(r.x(), block);
            };
        }

        private double[] sums(double[] x, RowBlock block) {
            if (sums == null) {
                Map<String, DMatrixRMaj> at = new HashMap<>(values);
                for (int k = 0; k < point.length; k++) at.put(packing.slots().get(k).variable().name(), point[k]);
                sums = Plan.compile(program.sums(), new Evaluator(at));
                sums.setAll(at);
            }
            block.values().forEach(sums::set);
            packing.unpack(x, point);
            List<dev.matcalc.expr.Expr> roots = program.sums();
            int length = 0;
            for (int k = 0; k < roots.size(); k++) length += sums.entries(k);
            double[] out = new double[length];
            try {
                sums.run();
            } catch (SourceError outsideDomain) {
                Arrays.fill(out, Double.NaN);
                return out;
            }
            int at = 0;
            for (int k = 0; k < roots.size(); k++) {
                DMatrixRMaj m = sums.result(k);
                System.arraycopy(m.data, 0, out, at, sums.entries(k));
                at += sums.entries(k);
            }
            return out;
        }
    }
}
