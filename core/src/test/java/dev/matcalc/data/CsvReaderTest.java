package dev.matcalc.data;

import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvReaderTest {

    private static DataValue csv(String text) {
        return CsvReader.parse(text, "X.csv");
    }

    private static String error(String text) {
        return catchThrowableOfType(SourceError.class, () -> csv(text)).getMessage();
    }

    private static void assertValue(DataValue v, ValueShape.Kind kind, int rows, int cols, double... data) {
        assertThat(v.kind()).isEqualTo(kind);
        assertThat(v.matrix().numRows).isEqualTo(rows);
        assertThat(v.matrix().numCols).isEqualTo(cols);
        assertThat(Arrays.copyOf(v.matrix().data, v.matrix().getNumElements())).containsExactly(data);
    }

    @Test
    void matrixRowPerLine() {
        assertValue(csv("1,2,3\n4,5,6\n"), ValueShape.Kind.MATRIX, 2, 3, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void headerOfNamesIsSkipped() {
        assertValue(csv("a,b\n1.5,-2\n3e2,.5\n"), ValueShape.Kind.MATRIX, 2, 2, 1.5, -2, 300, 0.5);
        assertValue(csv("\"x 1\", \"x 2\"\n1,2\n3,4"), ValueShape.Kind.MATRIX, 2, 2, 1, 2, 3, 4);
    }

    @Test
    void vectorAsOneColumnOrOneRow() {
        assertValue(csv("y\n1\n2\n3\n"), ValueShape.Kind.VECTOR, 3, 1, 1, 2, 3);
        assertValue(csv("1\n2\n3"), ValueShape.Kind.VECTOR, 3, 1, 1, 2, 3);
        assertValue(csv("1, 2, 3\n"), ValueShape.Kind.VECTOR, 3, 1, 1, 2, 3);
        assertValue(csv("a,b,c\n1,2,3\n"), ValueShape.Kind.VECTOR, 3, 1, 1, 2, 3);
    }

    @Test
    void singleNumberIsAScalar() {
        assertValue(csv("lam\n0.25\n"), ValueShape.Kind.SCALAR, 1, 1, 0.25);
    }

    @Test
    void spaceSeparatedCommentsBlankLinesCrlfAndBom() {
        // numpy.savetxt's default: spaces, '#' comments
        assertValue(csv("\uFEFF# written by savetxt\n1.0e+00 2.0e+00\r\n\r\n3.0e+00\t4.0e+00\r\n"),
                ValueShape.Kind.MATRIX, 2, 2, 1, 2, 3, 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,2\\n3,abc\\n                | X.csv:2:3: 'abc' is not a number",
            "x,y\\n1,2\\n3, 4x\\n           | X.csv:3:4: '4x' is not a number",
            "1,2\\n3,NaN\\n                | X.csv:2:3: NaN is not a finite number",
            "1,2\\n-inf,1\\n               | X.csv:2:1: -inf is not a finite number",
            "1,1e999\\n                   | X.csv:1:3: 1e999 is not a finite number (too large)",
            "1,,3\\n                      | X.csv:1:3: an empty entry, expected a number",
            "1,2,3\\n4,5\\n                | X.csv:2: this row has 2 entries, but the row on line 1 has 3",
            "a,b,c\\n1,2,3\\n4,5,6,7\\n     | X.csv:3: this row has 4 entries, but the header on line 1 names 3 columns",
            "a,b\\n1,2,3\\n                | X.csv:2: this row has 3 entries, but the header on line 1 names 2 columns",
            "1 2\\n3 4 5\\n                | X.csv:2: this row has 3 entries, but the row on line 1 has 2",
            "0x10,2\\n                    | X.csv:1:1: '0x10' is not a number",
            "1d,2\\n                      | X.csv:1:1: '1d' is not a number",
            "a,b\\n                       | X.csv: no numbers in the file (only a header)",
            "\\n# nothing\\n               | X.csv: no numbers in the file",
    })
    void badInputNamesFileLineAndColumn(String text, String message) {
        assertThat(error(text.replace("\\n", "\n").strip() + "\n")).isEqualTo(message);
    }

    @Test
    void emptyFile() {
        assertThat(error("")).isEqualTo("X.csv: no numbers in the file");
    }
}
