package dev.matcalc.shapes;

import dev.matcalc.shapes.Inference.Inferred;
import dev.matcalc.syntax.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape rules of bracket literals {@code [a, b; c, d]}: entries in a row share their height,
 * entries in a column share their width; the result's size is the sum of the parts.
 */
final class Blocks {
    private Blocks() { }

    static Inferred infer(Inference in, Node.Brackets brackets) {
        List<List<Node>> rows = brackets.rows();
        List<List<Inferred>> types = new ArrayList<>();
        for (List<Node> row : rows) types.add(in.inferAll(row));
        if (rows.size() == 1 && rows.get(0).size() == 1) return types.get(0).get(0);

        int width = rows.get(0).size();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != width) {
                throw in.error("row " + (i + 1) + " of the brackets has " + rows.get(i).size() + " entries but row 1 has "
                        + width, span(rows.get(i)));
            }
        }
        List<Integer> heights = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Inferred first = types.get(i).get(0);
            for (int j = 1; j < width; j++) {
                Inferred t = types.get(i).get(j);
                if (!in.dims.unify(first.rows(), t.rows())) {
                    throw in.error("the entries of row " + (i + 1) + " differ in height: "
                            + in.describe(rows.get(i).get(0).span(), first) + " and "
                            + in.describe(rows.get(i).get(j).span(), t), span(rows.get(i)));
                }
            }
            heights.add(first.rows());
        }
        List<Integer> widths = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            Inferred first = types.get(0).get(j);
            for (int i = 1; i < rows.size(); i++) {
                Inferred t = types.get(i).get(j);
                if (!in.dims.unify(first.cols(), t.cols())) {
                    throw in.error("the entries of column " + (j + 1) + " differ in width: "
                            + in.describe(rows.get(0).get(j).span(), first) + " and "
                            + in.describe(rows.get(i).get(j).span(), t), rows.get(i).get(j).span());
                }
            }
            widths.add(first.cols());
        }
        return new Inferred(in.dims.sum(heights), in.dims.sum(widths));
    }

    private static dev.matcalc.syntax.Span span(List<Node> row) {
        return row.get(0).span().to(row.get(row.size() - 1).span());
    }
}
