package dev.matcalc.problem.rows;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.problem.CompiledObjective;
import dev.matcalc.problem.Packing;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link Separation} as the solver sees it, on the driver: f(x) with its gradient, the row part
 * summed over the table's blocks by a {@link RowAggregator} (one pass, or two for a function of
 * sums), the rest (r(w), or h of the sums) compiled here. The solver, its bounds and constraints
 * are those of a local solve.
 */
public final class RowSeparableObjective implements DifferentiableFunction, AutoCloseable {
    private final Separation separation;
    private final Packing packing;
    private final RowAggregator aggregator;
    private final CompiledObjective local;
    private final CompiledObjective outer;
    private final List<int[]> sumSizes = new ArrayList<>();
    private final int sumLength;
    private long evaluations;

    /**
     * @param localData the parameters' values that are not the table's
     * @param sizes     every parameter's value, the table's columns as {@link RowPlaceholder}s (for sizes)
     */
    public RowSeparableObjective(Separation separation, Packing packing, Map<String, DMatrixRMaj> localData,
                                 Map<String, DMatrixRMaj> sizes, RowTable table) {
        this.separation = separation;
        this.packing = packing;
        Set<String> rowNames = table.shapes().keySet();
        List<Var> variables = new ArrayList<>();
        Map<String, int[]> varSizes = new LinkedHashMap<>();
        for (Packing.Slot s : packing.slots()) {
            variables.add(s.variable());
            varSizes.put(s.variable().name(), new int[] {s.rows(), s.cols()});
        }
        List<Expr> shipped = new ArrayList<>(separation.sums());
        if (separation.onePass() != null) shipped.add(separation.onePass());
        Map<String, DMatrixRMaj> parameters = new LinkedHashMap<>();
        for (Expr e : shipped)
            for (Var v : Nodes.variables(e))
                if (!varSizes.containsKey(v.name()) && !rowNames.contains(v.name()) && localData.containsKey(v.name()))
                    parameters.put(v.name(), localData.get(v.name()));
        BlockProgram program = new BlockProgram(UUID.randomUUID().toString(), variables, varSizes, separation.onePass(),
                separation.sumVars(), separation.sums(), parameters);
        this.local = separation.local() == null ? null : new CompiledObjective(separation.local(), packing, localData);
        if (separation.twoPass()) {
            Map<String, DMatrixRMaj> at = new HashMap<>(sizes);
            DMatrixRMaj[] buffers = packing.buffers();
            for (int k = 0; k < buffers.length; k++) at.put(packing.slots().get(k).variable().name(), buffers[k]);
            Evaluator ev = new Evaluator(at);
            List<Var> all = new ArrayList<>(variables);
            Map<String, int[]> allSizes = new LinkedHashMap<>(varSizes);
            int length = 0;
            for (int k = 0; k < separation.sums().size(); k++) {
                Expr s = separation.sums().get(k);
                int[] size = ev.bind(s).size(s.shape());
                sumSizes.add(size);
                length += size[0] * size[1];
                all.add(separation.sumVars().get(k));
                allSizes.put(separation.sumVars().get(k).name(), size);
            }
            this.sumLength = length;
            this.outer = new CompiledObjective(separation.outer(), new Packing(all, allSizes), localData);
        } else {
            this.sumLength = 0;
            this.outer = null;
        }
        if (!table.sparse().isEmpty()) checkSparse(program, packing, sizes, table);
        this.aggregator = table.aggregator(program);
    }

    /**
     * What the blocks will compile (the row part and its gradients) multiplies the sparse columns
     * by dense operands only: checked here, before the program ships, so that a use that would
     * make them dense is an error now rather than on every executor.
     */
    private static void checkSparse(BlockProgram program, Packing packing, Map<String, DMatrixRMaj> sizes, RowTable table) {
        List<Expr> compiled = new ArrayList<>();
        if (program.onePass() != null) compiled.add(program.onePass());
        else {
            compiled.addAll(program.sums());
            compiled.add(program.weighted());
        }
        Map<String, DMatrixRMaj> at = new HashMap<>(sizes);
        for (Packing.Slot s : packing.slots()) at.put(s.variable().name(), new RowPlaceholder(s.rows(), s.cols()));
        for (int k = 0; k < program.sums().size(); k++) {
            Expr sum = program.sums().get(k);
            int[] size = new Evaluator(at).bind(sum).size(sum.shape());
            at.put(program.weight(k).name(), new RowPlaceholder(size[0], size[1]));
        }
        for (Expr e : compiled) {
            List<Expr> all = new ArrayList<>(List.of(e));
            if (e.isScalar())
                for (Packing.Slot s : packing.slots())
                    all.add(dev.matcalc.api.Work.call(() -> dev.matcalc.calculus.Differentiation.derivative(e, List.of(s.variable()),
                            dev.matcalc.calculus.Layout.MIXED).matrix()));
            for (Expr x : all) {
                Evaluator ev = new Evaluator(at);
                dev.matcalc.compile.SparseUses.check(x, table.sparse(), table.sparseSource(), shape -> {
                    try {
                        return ev.bind(x).size(shape);
                    } catch (RuntimeException unsized) {
                        return new int[] {-1, -1};
                    }
                });
            }
        }
    }

    public Separation separation() {
        return separation;
    }

    /** The part compiled on the driver that adds to the row part: r(w), or 0 (two passes: h holds it). */
    public Expr localPart() {
        return separation.local() == null ? Num.ZERO : separation.local();
    }

    /** f minus {@link #localPart()}: the part that needs the table. */
    public DifferentiableFunction remotePart() {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return packing.dimension();
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                return remote(x, gradient);
            }
        };
    }

    @Override
    public int dimension() {
        return packing.dimension();
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double v = remote(x, gradient);
        if (local != null && Double.isFinite(v)) {
            double[] g = new double[gradient.length];
            v += local.valueAndGradient(x, g);
            for (int i = 0; i < g.length; i++) gradient[i] += g[i];
        }
        return finite(v, gradient);
    }

    /** The value alone, for reports. */
    @Override
    public double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }

    private double remote(double[] x, double[] gradient) {
        evaluations++;
        if (!separation.twoPass()) {
            double[] out = aggregator.sum(new BlockRequest(BlockRequest.Pass.VALUE_GRADIENT, x.clone(), List.of()));
            System.arraycopy(out, 1, gradient, 0, gradient.length);
            return finite(out[0], gradient);
        }
        double[] sums = aggregator.sum(new BlockRequest(BlockRequest.Pass.SUMS, x.clone(), List.of()));
        double[] all = Arrays.copyOf(x, x.length + sumLength), gAll = new double[all.length];
        System.arraycopy(sums, 0, all, x.length, sumLength);
        double h = outer.valueAndGradient(all, gAll);
        if (!Double.isFinite(h)) return finite(h, gradient);
        List<DMatrixRMaj> weights = new ArrayList<>();
        int at = x.length;
        for (int[] size : sumSizes) {
            DMatrixRMaj g = new DMatrixRMaj(size[0], size[1]);
            System.arraycopy(gAll, at, g.data, 0, size[0] * size[1]);
            at += size[0] * size[1];
            weights.add(g);
        }
        double[] weighted = aggregator.sum(new BlockRequest(BlockRequest.Pass.WEIGHTED_GRADIENT, x.clone(), weights));
        for (int i = 0; i < gradient.length; i++) gradient[i] = gAll[i] + weighted[i];
        return finite(h, gradient);
    }

    private static double finite(double v, double[] gradient) {
        boolean ok = Double.isFinite(v);
        for (int i = 0; ok && i < gradient.length; i++) ok = Double.isFinite(gradient[i]);
        if (ok) return v;
        Arrays.fill(gradient, Double.NaN);
        return Double.POSITIVE_INFINITY;
    }

    /** Evaluations of f so far, passes over the table, and the seconds those took. */
    public long evaluations() {
        return evaluations;
    }

    public long passes() {
        return aggregator.passes();
    }

    public double seconds() {
        return aggregator.seconds();
    }

    @Override
    public void close() {
        aggregator.close();
    }
}
