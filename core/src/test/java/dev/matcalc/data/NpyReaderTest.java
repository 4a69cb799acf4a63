package dev.matcalc.data;

import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The committed fixtures under {@code src/test/resources/data/}, written once by {@code numpy.save}. */
class NpyReaderTest {
    private static final double[] MATRIX = {1.5, -2.0, 3.25, 4.0, 5.5, -6.75};   // [[1.5,-2,3.25],[4,5.5,-6.75]]

    static DataValue fixture(String name) {
        try (InputStream in = NpyReaderTest.class.getResourceAsStream("/data/" + name)) {
            assertThat(in).as(name).isNotNull();
            return NpyReader.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceError fixtureError(String name) {
        return catchThrowableOfType(SourceError.class, () -> fixture(name));
    }

    private static void assertValue(DataValue v, ValueShape.Kind kind, int rows, int cols, double... data) {
        assertThat(v.kind()).isEqualTo(kind);
        assertThat(v.matrix().numRows).isEqualTo(rows);
        assertThat(v.matrix().numCols).isEqualTo(cols);
        assertThat(v.matrix().data).startsWith(data).hasSizeGreaterThanOrEqualTo(rows * cols);
        assertThat(v.matrix().getNumElements()).isEqualTo(data.length);
    }

    @ParameterizedTest
    @CsvSource({"float64_matrix_c.npy", "float64_matrix_fortran.npy", "float64_bigendian_matrix.npy",
            "float64_matrix_version2.npy"})
    void float64MatricesInEveryOrderAndVersion(String file) {
        assertValue(fixture(file), ValueShape.Kind.MATRIX, 2, 3, MATRIX);
    }

    @Test
    void float32Vector() {
        assertValue(fixture("float32_vector.npy"), ValueShape.Kind.VECTOR, 3, 1, 0.5, -1.25, 2.0);
    }

    @Test
    void int32VectorKeepsItsExtremes() {
        assertValue(fixture("int32_vector.npy"), ValueShape.Kind.VECTOR, 4, 1, 3, -4, 5, 2147483647);
    }

    @Test
    void int64MatrixInFortranOrder() {
        assertValue(fixture("int64_matrix_fortran.npy"), ValueShape.Kind.MATRIX, 3, 2, 1, 2, 3, 4, -5, 6);
    }

    @Test
    void zeroDimensionalArrayIsAScalar() {
        assertValue(fixture("float64_scalar.npy"), ValueShape.Kind.SCALAR, 1, 1, 0.5);
    }

    @Test
    void twoDimensionalColumnIsAMatrix() {
        assertValue(fixture("float64_column.npy"), ValueShape.Kind.MATRIX, 3, 1, 1, 2, 3);
    }

    @Test
    void boolAndUint8() {
        assertValue(fixture("bool_vector.npy"), ValueShape.Kind.VECTOR, 3, 1, 1, 0, 1);
        assertValue(fixture("uint8_matrix.npy"), ValueShape.Kind.MATRIX, 2, 2, 0, 255, 7, 128);
    }

    @Test
    void unsupportedDtypesAreNamed() {
        assertThat(fixtureError("complex_vector.npy").getMessage()).isEqualTo("complex_vector.npy: unsupported dtype "
                + "'<c16'; matcalc reads float64, float32, float16, int8 to int64, uint8 to uint64 and bool arrays");
        assertThat(fixtureError("strings.npy").getMessage()).startsWith("strings.npy: unsupported dtype '<U2'");
        assertThat(fixtureError("structured.npy").getMessage())
                .startsWith("structured.npy: unsupported dtype 'structured [('a', '<f8'), ('b', '<i4')]'");
    }

    @Test
    void moreThanTwoAxesIsAnError() {
        assertThat(fixtureError("three_d.npy").getMessage()).isEqualTo("three_d.npy: a 3-d array (shape (2, 2, 2)); "
                + "matcalc takes 0-d (a scalar), 1-d (a vector) and 2-d (a matrix) arrays");
    }

    @Test
    void emptyArrayIsAnError() {
        assertThat(fixtureError("empty_vector.npy").getMessage()).isEqualTo("empty_vector.npy: an empty array (shape (0,))");
    }

    @Test
    void nonFiniteEntriesAreLocatedInEitherOrder() {
        assertThat(fixtureError("nan_matrix.npy").getMessage())
                .isEqualTo("nan_matrix.npy: the entry at row 2, column 2 is NaN, not a finite number");
        // stored column by column: the infinity is the third entry on disk, at row 1, column 2
        assertThat(fixtureError("inf_fortran.npy").getMessage())
                .isEqualTo("inf_fortran.npy: the entry at row 1, column 2 is Infinity, not a finite number");
    }

    @Test
    void truncatedFilesSayWhatIsMissing() {
        assertThat(fixtureError("truncated_matrix.npy").getMessage()).isEqualTo(
                "truncated_matrix.npy is truncated: its header promises 6 entries of 8 bytes (48 bytes of data), it holds 43");
        assertThat(fixtureError("truncated_header.npy").getMessage()).isEqualTo("truncated_header.npy is truncated (in its header)");
        assertThat(error(new byte[]{(byte) 0x93, 'N', 'U'}).getMessage()).isEqualTo("x.npy is truncated (in its header)");
    }

    @Test
    void bytesAfterTheDataAreAnError() {
        assertThat(fixtureError("extra_bytes.npy").getMessage())
                .isEqualTo("extra_bytes.npy: more bytes than the 6 entries its header promises");
    }

    @Test
    void notANumpyFile() {
        assertThat(error("1,2,3\n".getBytes(StandardCharsets.UTF_8)).getMessage())
                .isEqualTo("x.npy: not a NumPy .npy file (it does not start with \\x93NUMPY)");
        assertThat(error(new byte[0]).getMessage()).startsWith("x.npy: not a NumPy .npy file");
    }

    @Test
    void unsupportedVersionAndMalformedHeaders() {
        assertThat(error(npy(4, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8)).getMessage())
                .isEqualTo("x.npy: .npy format version 4.0 is not supported (versions 1 to 3 are)");
        assertThat(error(npy(1, "{'descr': '<f8', 'shape': (), }", 8)).getMessage()).isEqualTo(
                "x.npy: malformed .npy header (it needs 'descr', 'fortran_order' and 'shape'): "
                        + "{'descr': '<f8', 'shape': (), }");
        assertThat(error(npy(1, "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (), }", 8)).getMessage())
                .startsWith("x.npy: malformed .npy header (expected True or False at character 35)");
        assertThat(error(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", 16)).getMessage())
                .startsWith("x.npy: malformed .npy header (expected an axis length at character 55)");
    }

    @Test
    void handWrittenVersion3FileWithFloat16AndUint64() {
        ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        half.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
        DataValue v = read(npy(3, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", half.array()));
        assertValue(v, ValueShape.Kind.VECTOR, 2, 1, 1.5, -2);
        ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);   // 2^64 - 1
        assertValue(read(npy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (), }", big.array())),
                ValueShape.Kind.SCALAR, 1, 1, 18446744073709551615.0);
    }

    @Test
    void oversizedShapeIsRefusedBeforeReading() {
        assertThat(error(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 8)).getMessage())
                .isEqualTo("x.npy: an array (shape (100000, 100000)) has more than 250000000 entries, the limit for one value");
        assertThat(error(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (999999999999999999, 0), }", 0))
                .getMessage()).startsWith("x.npy: an empty array");
    }

    /** A .npy file of the given version and header, followed by {@code dataBytes} zero bytes. */
    static byte[] npy(int version, String header, int dataBytes) {
        return npy(version, header, new byte[dataBytes]);
    }

    static byte[] npy(int version, String header, byte[] data) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.UTF_8);
        int lengthBytes = version == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (lengthBytes == 2) b.putShort((short) h.length); else b.putInt(h.length);
        return b.put(h).put(data).array();
    }

    private static DataValue read(byte[] bytes) {
        try {
            return NpyReader.read(new ByteArrayInputStream(bytes), "x.npy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceError error(byte[] bytes) {
        return catchThrowableOfType(SourceError.class, () -> read(bytes));
    }
}
