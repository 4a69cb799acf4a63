package dev.matcalc.spark;

import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.CsvTable;
import dev.matcalc.data.TableSource;
import dev.matcalc.syntax.SourceError;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad data in a table: the same clear error from Spark's executors as from the local CSV reader,
 * naming the file, the row (line) and the column.
 */
class BadTableTest {
    private static final String HEADER = "a,b,c\n";

    private static TableSource source(String path) {
        return new TableSource(path, List.of(ColumnBinding.parse("X=a:b"), ColumnBinding.parse("y=c")), 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not-a-number | 1,2,3;4,abc,6;7,8,9 | bad1.csv:3:3: 'abc' is not a number (column b)",
            "nan          | 1,2,3;4,5,6;7,8,NaN | bad2.csv:4:5: NaN is not a finite number (column c)",
            "wrong width  | 1,2,3;4,5;7,8,9     | bad3.csv:3: this row has 2 entries, but the header names 3 columns",
            "empty entry  | 1,2,3;4,,6          | bad4.csv:3:3: an empty entry, expected a number (column b)",
    })
    void csvErrorsNameFileLineAndColumn(String name, String rows, String message) {
        String file = message.substring(0, message.indexOf(':'));
        String path = TestTables.csv(file, HEADER + rows.replace(';', '\n') + "\n");
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), source(path), null))
                .isInstanceOf(SourceError.class).hasMessageEndingWith(message.substring(file.length()))
                .hasMessageContaining(path);
        assertThatThrownBy(() -> CsvTable.read(source(path)))      // the local reader says the same
                .isInstanceOf(SourceError.class).hasMessageEndingWith(message.substring(file.length()));
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        String path = TestTables.csv("cols.csv", HEADER + "1,2,3\n");
        TableSource s = new TableSource(path, List.of(ColumnBinding.parse("X=a:z")), 2);
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), s, null))
                .isInstanceOf(SourceError.class).hasMessageContaining("no column 'z'").hasMessageContaining("its columns are a, b, c");
    }

    @Test
    void parquetErrorsNameFileRowAndColumn() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType, true).add("b", DataTypes.DoubleType, true);
        String path = TestTables.DIR.resolve("bad.parquet").toString();
        SharedSpark.get().createDataFrame(List.of(RowFactory.create(1.0, 2.0), RowFactory.create(3.0, null), RowFactory.create(Double.NaN, 1.0)), schema)
                .coalesce(1).write().mode("overwrite").parquet(path);
        TableSource b = new TableSource(path, List.of(ColumnBinding.parse("y=b")), 2);
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), b, null))
                .isInstanceOf(SourceError.class).hasMessageContaining(".parquet: row 2: column b is null");
        TableSource a = new TableSource(path, List.of(ColumnBinding.parse("y=a")), 2);
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), a, null))
                .isInstanceOf(SourceError.class).hasMessageContaining(".parquet: row 3: column a is NaN, not a finite number");
    }

    @Test
    void aMissingOrUnreadableParquetTableIsNamedNotAnInternalError() {
        String missing = TestTables.DIR.resolve("no-such-table.parquet").toString();
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), source(missing), null))
                .isInstanceOf(SourceError.class).hasMessage("--table " + missing + ": no such file or directory");
        String notParquet = TestTables.csv("not-parquet.parquet", "this is text\n");
        assertThatThrownBy(() -> SparkBackend.open(SharedSpark.get(), source(notParquet), null))
                .isInstanceOf(SourceError.class).hasMessageStartingWith("--table " + notParquet + ": cannot read it as Parquet: ");
    }
}
