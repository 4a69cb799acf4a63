package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Plans of several sources compiled together, each root checked against the reference evaluator. */
final class PlanChecks {
    private PlanChecks() { }

    /** Gaussian values of the given sizes: name, rows, cols, name, rows, cols, ... */
    static Map<String, DMatrixRMaj> values(Random rnd, Object... nameRowsCols) {
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        for (int i = 0; i < nameRowsCols.length; i += 3) {
            DMatrixRMaj m = new DMatrixRMaj((Integer) nameRowsCols[i + 1], (Integer) nameRowsCols[i + 2]);
            for (int k = 0; k < m.data.length; k++) m.data[k] = rnd.nextGaussian();
            v.put((String) nameRowsCols[i], m);
        }
        return v;
    }

    /** The sources compiled together into one plan, after checking every root against the evaluator. */
    static Plan checked(Map<String, DMatrixRMaj> values, String... sources) {
        // every matrix and vector declared with dimensions named by its sizes, so that the sources type as the values
        List<String> lets = new ArrayList<>();
        values.forEach((name, m) -> {
            if (m.numRows > 1 && m.numCols > 1) lets.add(name + ":matrix(d" + m.numRows + ",d" + m.numCols + ")");
            else if (m.numRows > 1) lets.add(name + ":vector(d" + m.numRows + ")");
        });
        List<Expr> roots = new ArrayList<>();
        for (String s : sources) roots.add(MatCalc.parse(s, lets.toArray(String[]::new)).expr());
        Plan plan = Plan.compile(roots, new Evaluator(values)).setAll(values).run();
        for (int i = 0; i < roots.size(); i++) {
            DMatrixRMaj expected = Evaluator.evaluate(roots.get(i), values), got = plan.result(i);
            assertThat(got.getNumElements()).isEqualTo(expected.getNumElements());
            for (int k = 0; k < expected.getNumElements(); k++)
                assertThat(got.data[k]).as("%s entry %d; steps %s", sources[i], k, plan.describe())
                        .isCloseTo(expected.data[k], within(1e-11 * Math.max(1, Math.abs(expected.data[k]))));
        }
        return plan;
    }

    static long count(Plan p, String step) {
        return p.describe().stream().filter(s -> s.equals(step)).count();
    }
}
