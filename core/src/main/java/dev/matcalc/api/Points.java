package dev.matcalc.api;

import dev.matcalc.data.DataValue;
import dev.matcalc.data.JsonValues;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.SymmetricValues;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between what a Java user passes (numbers, arrays) and the evaluator's matrices. */
final class Points {
    private Points() { }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Values given as parsed JSON (numbers, lists, lists of rows), checked as a values file is, with their kinds. */
    static Map<String, DataValue> fromJsonObject(Map<String, Object> at) {
        try {
            return JsonValues.fromJson(JSON.writeValueAsString(at));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceError("values are not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The values a caller gives for {@code variables}, as matrices, each checked against what its
     * declaration asks beyond a shape: a symmetric variable's value must be symmetric
     * ({@link SymmetricValues}). Every evaluation entry of the API takes its point through here, so
     * the CLI's {@code --at}, the REPL's and the web API's {@code at}, the library's and the compiled
     * evaluations all refuse what one of them refuses.
     */
    static Map<String, DMatrixRMaj> toMatrices(Map<String, ?> values, Collection<Var> variables) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, toMatrix(name, v)));
        for (Var v : variables) {
            DMatrixRMaj value = out.get(v.name());
            if (value != null) SymmetricValues.require(v, value);
        }
        return out;
    }

    /** The variables of {@code e} (once, for an evaluator called many times). */
    static List<Var> variables(Expr e) {
        return List.copyOf(Nodes.variables(e));
    }

    static DMatrixRMaj toMatrix(String name, Object v) {
        return switch (v) {
            case DMatrixRMaj m -> m;
            case DataValue d -> d.matrix();
            case Number n -> new DMatrixRMaj(1, 1, true, n.doubleValue());
            case double[] column -> new DMatrixRMaj(column.length, 1, true, column);
            case double[][] rows -> {
                if (rows.length == 0) throw new SourceError(name + ": a matrix needs at least one row");
                for (double[] r : rows)
                    if (r.length != rows[0].length) throw new SourceError(name + ": rows differ in length");
                yield new DMatrixRMaj(rows);
            }
            case Tensor t when t.rank() <= 2 -> {
                int[] axes = t.shape();
                yield new DMatrixRMaj(axes.length == 0 ? 1 : axes[0], axes.length == 2 ? axes[1] : 1, true, t.data());
            }
            case Tensor t -> throw new SourceError(name + ": a value has at most 2 axes, this tensor has " + t.rank());
            default -> throw new SourceError(name + ": expected a number, double[], double[][], DMatrixRMaj, DataValue or Tensor, got "
                    + v.getClass().getSimpleName());
        };
    }

    /** A matrix value as a tensor in the shape convention: scalars 0-d, vectors 1-d, matrices 2-d. */
    static Tensor toTensor(DMatrixRMaj m, Shape s) {
        return new Tensor(axes(s, m.numRows, m.numCols), m.getData().clone());
    }

    static int[] axes(Shape s, int rows, int cols) {
        List<Integer> axes = new ArrayList<>();
        if (!s.rows().isOne()) axes.add(rows);
        if (!s.cols().isOne()) axes.add(cols);
        return axes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The length of a dense tensor's array, or a clear error where one Java array cannot hold it. */
    static int arrayLength(long entries) {
        if (entries > Integer.MAX_VALUE - 8)
            throw new SourceError("the derivative has " + entries + " entries, more than one array holds (2^31 - 9): "
                    + "use hvp (the derivative applied to a direction) instead of the dense tensor");
        return (int) entries;
    }
}
