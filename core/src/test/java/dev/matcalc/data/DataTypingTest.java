package dev.matcalc.data;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Data read by {@link DataSource} types and evaluates an expression through the library, kinds respected. */
class DataTypingTest {
    @TempDir
    Path dir;

    @Test
    void ridgeObjectiveFromFilesAndInlineValues() throws IOException {
        Files.writeString(dir.resolve("X.csv"), "x1,x2\n1,2\n3,-1\n0.5,4\n");
        Files.writeString(dir.resolve("y.csv"), "y\n1\n0\n2\n");
        Map<String, DataValue> data = DataSource.parseAll(List.of("X=X.csv", "y=y.csv", "lam=0.1"), dir);

        Expression f = MatCalc.parse("norm2(X*w - y)^2 + lam*w'*w", Map.of(), DataValue.shapes(data));
        assertThat(f.variable("lam").shape()).isEqualTo(Shape.SCALAR);      // l is a vector letter
        assertThat(f.variable("X").shape()).isEqualTo(Shape.matrix(Dim.of("n"), Dim.of("m")));
        assertThat(f.variable("y").shape()).isEqualTo(Shape.vector(Dim.of("n")));
        assertThat(f.typed().dimensionValues()).isEqualTo(Map.of("n", 3, "m", 2));

        Map<String, Object> at = new HashMap<>(data);
        double[] w = {0.5, -0.25};
        at.put("w", w);
        double[] gradient = f.derivative(Layout.MIXED, "w").evaluate(at).data();
        // 2 X'(Xw - y) + 2 lam w, by hand
        double[][] x = {{1, 2}, {3, -1}, {0.5, 4}};
        double[] y = {1, 0, 2};
        for (int j = 0; j < 2; j++) {
            double g = 2 * 0.1 * w[j];
            for (int i = 0; i < 3; i++) g += 2 * x[i][j] * (x[i][0] * w[0] + x[i][1] * w[1] - y[i]);
            assertThat(gradient[j]).as("gradient[%d]", j).isCloseTo(g, within(1e-12));
        }
    }

    @Test
    void declarationsWinOverData() {
        Map<String, DataValue> data = DataSource.parse("b=[1,2,3]", null);
        Expression declaredMatrix = MatCalc.parse("b'*x", Map.of("b", dev.matcalc.shapes.Declaration.parse("vector(3)")),
                DataValue.shapes(data));
        assertThat(declaredMatrix.variable("b").shape()).isEqualTo(Shape.vector(Dim.of(3)));
        SourceError e = catchThrowableOfType(SourceError.class, () -> MatCalc.parse("b'*x",
                Map.of("b", dev.matcalc.shapes.Declaration.parse("matrix(3,1)")), DataValue.shapes(data)));
        assertThat(e.getMessage()).isEqualTo("b is declared matrix(3,1), but the value given for b is a vector of length 3");
    }

    @Test
    void valuesKeepKindAndNumbers() {
        DataValue v = DataValue.vector(1, 2);
        assertThat(v.shape().describe()).isEqualTo("a vector of length 2");
        assertThat(DataValue.scalar(3).shape().describe()).isEqualTo("a scalar");
        assertThat(DataValue.matrix(new double[][]{{1, 2, 3}}).shape().describe()).isEqualTo("a 1×3 matrix");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new DataValue(
                dev.matcalc.shapes.ValueShape.Kind.SCALAR, new DMatrixRMaj(2, 1))).getMessage())
                .isEqualTo("a SCALAR value cannot be 2×1");
    }
}
