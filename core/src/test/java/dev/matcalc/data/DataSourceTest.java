package dev.matcalc.data;

import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DataSourceTest {
    @TempDir
    Path dir;

    private Map<String, DataValue> parse(String spec) {
        return DataSource.parse(spec, dir);
    }

    private String error(String spec) {
        return catchThrowableOfType(SourceError.class, () -> parse(spec)).getMessage();
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    private static void assertValue(DataValue v, ValueShape.Kind kind, int rows, int cols, double... data) {
        assertThat(v.kind()).isEqualTo(kind);
        assertThat(v.matrix().numRows).isEqualTo(rows);
        assertThat(v.matrix().numCols).isEqualTo(cols);
        assertThat(Arrays.copyOf(v.matrix().data, v.matrix().getNumElements())).containsExactly(data);
    }

    @Test
    void inlineValuesKeepTheirKinds() {
        assertValue(parse("lam=0.5").get("lam"), ValueShape.Kind.SCALAR, 1, 1, 0.5);
        assertValue(parse("mu=.25").get("mu"), ValueShape.Kind.SCALAR, 1, 1, 0.25);
        assertValue(parse("a=[1,2]").get("a"), ValueShape.Kind.VECTOR, 2, 1, 1, 2);
        assertValue(parse("b=[7]").get("b"), ValueShape.Kind.VECTOR, 1, 1, 7);
        assertValue(parse("A=[[1,2],[3,4]]").get("A"), ValueShape.Kind.MATRIX, 2, 2, 1, 2, 3, 4);
        assertValue(parse("R=[[1,2,3]]").get("R"), ValueShape.Kind.MATRIX, 1, 3, 1, 2, 3);
        assertValue(parse(" x_1 = [ 1e-3, -2 ] ").get("x_1"), ValueShape.Kind.VECTOR, 2, 1, 1e-3, -2);
    }

    @Test
    void filesAreReadByExtensionRelativeToTheBaseDirectory() throws IOException, URISyntaxException {
        write("in/X.csv", "a,b\n1,2\n3,4\n5,6\n");
        write("in/y.CSV", "1\n2\n3\n");
        assertValue(parse("X=in/X.csv").get("X"), ValueShape.Kind.MATRIX, 3, 2, 1, 2, 3, 4, 5, 6);
        assertValue(parse("y=in/y.CSV").get("y"), ValueShape.Kind.VECTOR, 3, 1, 1, 2, 3);
        Path fixtures = Path.of(DataSourceTest.class.getResource("/data").toURI());
        assertValue(DataSource.parse("W=float64_matrix_fortran.npy", fixtures).get("W"), ValueShape.Kind.MATRIX, 2, 3,
                1.5, -2.0, 3.25, 4.0, 5.5, -6.75);
        assertValue(DataSource.parse("W=" + fixtures.resolve("float64_scalar.npy"), null).get("W"),
                ValueShape.Kind.SCALAR, 1, 1, 0.5);
    }

    @Test
    void jsonFileBindsEveryNameOrTheNamedOne() throws IOException {
        write("p.json", "{\"lam\": 0.5, \"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}");
        write("v.json", "[3, 4, 5]");
        Map<String, DataValue> all = parse("p.json");
        assertThat(all.keySet()).containsExactly("lam", "x", "A");
        assertThat(all.get("lam").kind()).isEqualTo(ValueShape.Kind.SCALAR);
        assertThat(all.get("x").kind()).isEqualTo(ValueShape.Kind.VECTOR);
        assertThat(all.get("A").kind()).isEqualTo(ValueShape.Kind.MATRIX);
        assertValue(parse("lam=p.json").get("lam"), ValueShape.Kind.SCALAR, 1, 1, 0.5);
        assertValue(parse("v=v.json").get("v"), ValueShape.Kind.VECTOR, 3, 1, 3, 4, 5);
        assertThat(error("mu=p.json")).isEqualTo("p.json: no value named mu; the file names lam, x, A");
        assertThat(error("v.json")).isEqualTo(
                "v.json: expected a JSON object mapping names to values; to bind one name to the value in it, write NAME=v.json");
    }

    @Test
    void severalBindingsBindEachNameOnce() throws IOException {
        write("p.json", "{\"lam\": 0.5, \"x\": [1, 2]}");
        Map<String, DataValue> all = DataSource.parseAll(List.of("A=[[1]]", "p.json", "mu=2"), dir);
        assertThat(all.keySet()).containsExactly("A", "lam", "x", "mu");
        SourceError twice = catchThrowableOfType(SourceError.class,
                () -> DataSource.parseAll(List.of("lam=0.25", "p.json"), dir));
        assertThat(twice.getMessage()).isEqualTo("lam is bound twice: by --data lam=0.25 and by --data p.json");
        assertThat(catchThrowableOfType(SourceError.class, () -> DataSource.parseAll(List.of("a=1", "a=[1]"), dir))
                .getMessage()).isEqualTo("a is bound twice: by --data a=1 and by --data a=[1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "2x=1          | --data 2x=1: '2x' is not a variable name (a letter or _, then letters, digits or _)",
            "a-b=1         | --data a-b=1: 'a-b' is not a variable name (a letter or _, then letters, digits or _)",
            "é=1           | --data é=1: 'é' is not a variable name (a letter or _, then letters, digits or _)",
            "=1            | --data =1: a name is missing before '='",
            "exp=[1,2]     | --data exp=[1,2]: 'exp' is a function's name, not a variable's",
            "a=            | --data a=: nothing after '='; give a value (0.5, [1,2], [[1,2],[3,4]]) or a .csv, .npy or .json file",
            "X.csv         | --data X.csv: say which name it binds, as in NAME=X.csv (only a .json file binds the names in it by itself)",
            "a=[1,NaN]     | --data a=[1,NaN]: a[2] is not a finite number (got NaN)",
            "a=[1,\"x\"]   | --data a=[1,\"x\"]: a[2] is not a number (got the string \"x\")",
            "A=[[1,2],[3]] | --data A=[[1,2],[3]]: A: row 2 has 1 entries, row 1 has 2",
            "a=[]          | --data a=[]: a: empty array, expected a vector or a matrix",
            "a={\"b\": 1}  | --data a={\"b\": 1}: a is not a number (got an object)",
    })
    void badBindingsSayWhatIsWrong(String spec, String message) {
        assertThat(error(spec)).isEqualTo(message);
    }

    @Test
    void malformedInlineValues() {
        assertThat(error("a=[1,2")).isEqualTo("--data a=[1,2: not a value (a number, [1,2] or [[1,2],[3,4]] in JSON) "
                + "nor a .csv, .npy or .json file: invalid JSON in values, line 1, column 5: "
                + "the input ends before the array opened at line 1, column 1 is closed by ']'");
        assertThat(error("lam=0.5x")).startsWith("--data lam=0.5x: not a value");
        assertThat(error("a=[1,2]]")).startsWith("--data a=[1,2]]: not a value");
        assertThat(error("X=data.txt")).startsWith("--data X=data.txt: not a value (a number, [1,2] or [[1,2],[3,4]] in JSON) "
                + "nor a .csv, .npy or .json file");
    }

    @Test
    void missingUnreadableAndMalformedFilesAreNamed() throws IOException {
        assertThat(error("X=nothere.csv")).isEqualTo("cannot read nothere.csv: no such file");
        assertThat(error("X=no/such/dir/x.npy")).isEqualTo("cannot read no/such/dir/x.npy: no such file");
        assertThat(error("nothere.json")).isEqualTo("cannot read nothere.json: no such file");
        Files.createDirectory(dir.resolve("sub.csv"));
        assertThat(error("X=sub.csv")).isEqualTo("cannot read sub.csv: it is a directory");
        Files.write(dir.resolve("bin.csv"), new byte[]{1, (byte) 0xff, (byte) 0xfe, 0});
        assertThat(error("X=bin.csv")).isEqualTo("cannot read bin.csv: it is not UTF-8 text");
        write("bad.csv", "1,2\n3,x\n");
        assertThat(error("X=bad.csv")).isEqualTo("bad.csv:2:3: 'x' is not a number");
        write("nan.json", "{\"x\": [1, NaN]}");
        assertThat(error("nan.json")).isEqualTo("nan.json: x[2] is not a finite number (got NaN)");
        assertThat(error("x=nan.json")).isEqualTo("nan.json: x[2] is not a finite number (got NaN)");
        write("broken.json", "{\"x\": [1, 2]\n");
        assertThat(error("broken.json")).startsWith("broken.json: invalid JSON in values, line 2");
        write("twice.json", "{\"x\": 1, \"x\": 2}");
        assertThat(error("twice.json")).startsWith("twice.json: invalid JSON in values").contains("'x' is given twice");
        write("trailing.json", "{\"x\": 1} {\"y\": 2}");
        assertThat(error("trailing.json")).startsWith("trailing.json: invalid JSON in values, line 1");
        Files.write(dir.resolve("text.npy"), "1,2,3\n".getBytes());
        assertThat(error("v=text.npy")).isEqualTo("text.npy: not a NumPy .npy file (it does not start with \\x93NUMPY)");
    }
}
