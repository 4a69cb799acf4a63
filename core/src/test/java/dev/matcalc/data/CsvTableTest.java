package dev.matcalc.data;

import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV tables with a header: column bindings, parts of a directory, and errors that name file, line and column. */
class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void bindingsReadAsColumnsOnlyWhereTheyAreNotFilesOrValues() {
        assertThat(ColumnBinding.looksLikeColumns("X=x1:x20")).isTrue();
        assertThat(ColumnBinding.looksLikeColumns("y=label")).isTrue();
        assertThat(ColumnBinding.looksLikeColumns("A=A.csv")).isFalse();
        assertThat(ColumnBinding.looksLikeColumns("lam=0.5")).isFalse();
        assertThat(ColumnBinding.looksLikeColumns("b=[1,2]")).isFalse();
        assertThat(ColumnBinding.parse("X=x1:x20")).isEqualTo(new ColumnBinding("X", "x1", "x20"));
        assertThatThrownBy(() -> ColumnBinding.parse("X=a:")).isInstanceOf(SourceError.class).hasMessageContaining("a range of columns");
        assertThatThrownBy(() -> ColumnBinding.parse("sum=a")).isInstanceOf(SourceError.class).hasMessageContaining("function's name");
    }

    @Test
    void readsPartsInNameOrderEachWithTheHeader() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("t"));
        Files.writeString(parts.resolve("part-1.csv"), "a,b,c\n5,6,7\n");
        Files.writeString(parts.resolve("part-0.csv"), "a,b,c\n1,2,3\n\n# a comment\n3,4,5\n");
        Files.writeString(parts.resolve("_SUCCESS"), "");
        Map<String, DataValue> v = CsvTable.read(new TableSource(parts.toString(),
                List.of(ColumnBinding.parse("X=b:c"), ColumnBinding.parse("y=a")), 2));
        assertThat(v.get("X").kind()).isEqualTo(ValueShape.Kind.MATRIX);
        assertThat(v.get("X").matrix().data).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(v.get("y").kind()).isEqualTo(ValueShape.Kind.VECTOR);
        assertThat(v.get("y").matrix().data).containsExactly(1, 3, 5);
    }

    @Test
    void errorsNameTheFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("h.csv"), "a,b\n1,2\n");
        Files.writeString(dir.resolve("other.csv"), "a,c\n1,2\n");
        Path parts = Files.createDirectories(dir.resolve("p"));
        Files.copy(dir.resolve("h.csv"), parts.resolve("0.csv"));
        Files.copy(dir.resolve("other.csv"), parts.resolve("1.csv"));
        assertThatThrownBy(() -> CsvTable.read(new TableSource(parts.toString(), List.of(ColumnBinding.parse("y=a")), 2)))
                .isInstanceOf(SourceError.class).hasMessageContaining("1.csv:1: the header differs from the first file's (a,b)");
        Files.writeString(dir.resolve("noheader.csv"), "1,2\n3,4\n");
        assertThatThrownBy(() -> CsvTable.read(new TableSource(dir.resolve("noheader.csv").toString(), List.of(ColumnBinding.parse("y=a")), 2)))
                .isInstanceOf(SourceError.class).hasMessageContaining("the table has no header row");
        Files.writeString(dir.resolve("inf.csv"), "a,b\n1,2\n3,inf\n");
        assertThatThrownBy(() -> CsvTable.read(new TableSource(dir.resolve("inf.csv").toString(), List.of(ColumnBinding.parse("y=b")), 2)))
                .isInstanceOf(SourceError.class).hasMessageEndingWith("inf.csv:3:3: inf is not a finite number (column b)");
    }
}
