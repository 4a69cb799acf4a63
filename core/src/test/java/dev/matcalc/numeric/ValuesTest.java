package dev.matcalc.numeric;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.*;

class ValuesTest {
    @Test
    void numbersVectorsAndMatrices() {
        Map<String, DMatrixRMaj> v = Values.fromJson("{\"c\": 2.5, \"x\": [1, 2, 3], \"A\": [[1, 2], [3, 4], [5, 6]], \"r\": [[7, 8]]}");
        assertThat(v).containsOnlyKeys("c", "x", "A", "r");
        assertThat(v.get("c").numRows).isEqualTo(1);
        assertThat(v.get("c").data).containsExactly(2.5);
        assertThat(v.get("x").numRows).isEqualTo(3);
        assertThat(v.get("x").numCols).isEqualTo(1);
        assertThat(v.get("A").numRows).isEqualTo(3);
        assertThat(v.get("A").get(2, 1)).isEqualTo(6);
        assertThat(v.get("r").numCols).isEqualTo(2);
        assertThat(Values.fromJson("{}")).isEmpty();
    }

    private static void rejects(String json, String message) {
        assertThatThrownBy(() -> Values.fromJson(json)).isInstanceOf(SourceError.class).hasMessageContaining(message);
    }

    @Test
    void everyMalformedValueIsAClearError() {
        rejects("[1, 2]", "expected a JSON object mapping variable names to values, got an array");
        rejects("3", "got 3");
        rejects("", "got nothing");
        rejects("{\"A\": [[1, 2], [3, 4, 5]]}", "A: row 2 has 3 entries, row 1 has 2");
        rejects("{\"A\": [[1, 2], 3]}", "A: row 2 is 3, but row 1 is an array");
        rejects("{\"A\": [[1, 2], []]}", "A: row 2 is empty");
        rejects("{\"x\": [1, \"two\"]}", "x[2] is not a number (got the string \"two\")");
        rejects("{\"x\": [1, [2]]}", "x[2] is not a number (got an array)");
        rejects("{\"x\": null}", "x is not a number (got null)");
        rejects("{\"x\": true}", "x is not a number (got true)");
        rejects("{\"A\": [[1, {}]]}", "A[1,2] is not a number (got an object)");
        rejects("{\"x\": []}", "x: empty array");
        rejects("{\"x\": [1, NaN]}", "x[2] is not a finite number");
        rejects("{\"x\": [Infinity]}", "x[1] is not a finite number");
        rejects("{\"A\": [[1, -Infinity]]}", "A[1,2] is not a finite number");
        rejects("{\"c\": 1e400}", "c is not a finite number");
        rejects("{\"x\": 1, \"x\": 2}", "'x' is given twice");
    }

    @Test
    void invalidJsonTellsLineAndColumn() {
        assertThatThrownBy(() -> Values.fromJson("{\n  \"x\": [1, 2,,]\n}"))
                .isInstanceOf(SourceError.class)
                .hasMessageStartingWith("invalid JSON in values, line 2, column 14: unexpected ','");
        assertThatThrownBy(() -> Values.fromJson("{\"x\": 1")).hasMessageContaining("line 1");
    }

    @Test
    void toNestedFollowsTheDeclaredShapeAndReadsBack() throws Exception {
        Dim n = Dim.of("n");
        assertThat(Values.toNested(one(3), Shape.SCALAR)).isEqualTo(3.0);
        assertThat(Values.toNested(col(1, 2), Shape.vector(n))).isEqualTo(List.of(1.0, 2.0));
        DMatrixRMaj a = rows(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThat(Values.toNested(a, Shape.matrix(Dim.of(2), n))).isEqualTo(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)));
        DMatrixRMaj row = rows(new double[] {7, 8});
        Object nestedRow = Values.toNested(row, Shape.matrix(Dim.ONE, n));
        assertThat(nestedRow).isEqualTo(List.of(List.of(7.0, 8.0)));
        String json = JsonMapper.builder().build().writeValueAsString(Map.of("A", Values.toNested(a, Shape.matrix(Dim.of(2), n)), "r", nestedRow));
        Map<String, DMatrixRMaj> back = Values.fromJson(json);
        assertThat(back.get("A").data).containsExactly(a.data);
        assertThat(back.get("r").numRows).isEqualTo(1);
    }
}
