package dev.matcalc.data;

import dev.matcalc.numeric.Values;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * NumPy's {@code .npy} format (versions 1 to 3, as {@code numpy.save} writes it): a magic string,
 * a header naming the dtype, the order and the shape, then the entries. A 0-d array is a scalar,
 * a 1-d array a vector, a 2-d array a matrix, in C or Fortran order; every entry becomes a double
 * (64-bit integers beyond 2^53 round). An unsupported dtype, more than two axes, an empty
 * array, a file shorter or longer than its header promises and a NaN or infinite entry are errors
 * that name the file.
 */
final class NpyReader {
    private NpyReader() { }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;

    /** An entry reader: the entry at byte offset {@code at}, in the buffer's byte order. */
    private interface Entry {
        double read(ByteBuffer b, int at);
    }

    /** The dtypes read, by NumPy's kind letter and size in bytes. */
    private enum DType {
        FLOAT64('f', 8, ByteBuffer::getDouble),
        FLOAT32('f', 4, ByteBuffer::getFloat),
        FLOAT16('f', 2, (b, at) -> Float.float16ToFloat(b.getShort(at))),
        INT64('i', 8, ByteBuffer::getLong),
        INT32('i', 4, ByteBuffer::getInt),
        INT16('i', 2, ByteBuffer::getShort),
        INT8('i', 1, ByteBuffer::get),
        UINT64('u', 8, (b, at) -> unsigned(b.getLong(at))),
        UINT32('u', 4, (b, at) -> Integer.toUnsignedLong(b.getInt(at))),
        UINT16('u', 2, (b, at) -> Short.toUnsignedInt(b.getShort(at))),
        UINT8('u', 1, (b, at) -> Byte.toUnsignedInt(b.get(at))),
        BOOL('b', 1, (b, at) -> b.get(at) != 0 ? 1 : 0);

        final char kind;
        final int size;
        final Entry entry;

        DType(char kind, int size, Entry entry) {
            this.kind = kind;
            this.size = size;
            this.entry = entry;
        }

        boolean isFloat() {
            return kind == 'f';
        }

        static DType of(String descr, String file) {
            for (DType t : values())
                if (descr.length() >= 3 && descr.charAt(1) == t.kind && descr.substring(2).equals(Integer.toString(t.size))
                        && "<>|=".indexOf(descr.charAt(0)) >= 0)
                    return t;
            throw new SourceError(file + ": unsupported dtype '" + descr + "'; matcalc reads float64, float32, "
                    + "float16, int8 to int64, uint8 to uint64 and bool arrays");
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }
    }

    static DataValue read(InputStream in, String file) throws IOException {
        byte[] start = in.readNBytes(10);
        int prefix = Math.min(start.length, MAGIC.length);
        if (start.length == 0 || !Arrays.equals(start, 0, prefix, MAGIC, 0, prefix))
            throw new SourceError(file + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        if (start.length < 10) throw truncatedHeader(file);
        int major = Byte.toUnsignedInt(start[6]);
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new SourceError(file + ": .npy format version " + major + "." + Byte.toUnsignedInt(start[7])
                    + " is not supported (versions 1 to 3 are)");
        };
        byte[] lengthField = Arrays.copyOfRange(start, 8, 10);
        if (lengthBytes == 4) lengthField = concat(lengthField, in.readNBytes(2));
        if (lengthField.length < lengthBytes) throw truncatedHeader(file);
        long headerLength = lengthBytes == 2
                ? Short.toUnsignedInt(ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort())
                : Integer.toUnsignedLong(ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (headerLength > MAX_HEADER) throw new SourceError(file + ": a .npy header of " + headerLength + " bytes is too long");
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) throw truncatedHeader(file);
        NpyHeader header = NpyHeader.parse(new String(headerBytes,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), file);

        DType type = DType.of(header.descr(), file);
        long[] shape = header.shape();
        if (shape.length > 2)
            throw new SourceError(file + ": a " + shape.length + "-d array " + shapeText(shape)
                    + "; matcalc takes 0-d (a scalar), 1-d (a vector) and 2-d (a matrix) arrays");
        long entries = 1;
        for (long axis : shape) entries = Math.min(entries * Math.min(axis, Values.MAX_FILE_ENTRIES + 1), Values.MAX_FILE_ENTRIES + 1);
        if (entries == 0) throw new SourceError(file + ": an empty array " + shapeText(shape));
        if (entries > Values.MAX_FILE_ENTRIES)
            throw new SourceError(file + ": an array " + shapeText(shape) + " has more than " + Values.MAX_FILE_ENTRIES
                    + " entries, the limit for one value");

        int bytes = (int) entries * type.size;
        byte[] data = in.readNBytes(bytes);
        if (data.length < bytes)
            throw new SourceError(file + " is truncated: its header promises " + entries + " entries of " + type.size
                    + " bytes (" + bytes + " bytes of data), it holds " + data.length);
        if (in.read() >= 0)
            throw new SourceError(file + ": more bytes than the " + entries + " entries its header promises");
        ByteBuffer buffer = ByteBuffer.wrap(data).order(header.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : header.descr().charAt(0) == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN);

        int rows = shape.length == 0 ? 1 : (int) shape[0], cols = shape.length == 2 ? (int) shape[1] : 1;
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        if (type == DType.FLOAT64 && !(header.fortranOrder() && shape.length == 2)) {
            buffer.asDoubleBuffer().get(m.data, 0, (int) entries);   // in bulk: a large design matrix loads at copy speed
            for (int k = 0; k < entries; k++)
                if (!Double.isFinite(m.data[k]))
                    throw new SourceError(file + ": " + where(shape, k, false) + " is " + m.data[k] + ", not a finite number");
            return new DataValue(kind(shape), m);
        }
        for (int k = 0; k < entries; k++) {
            double v = type.entry.read(buffer, k * type.size);
            if (type.isFloat() && !Double.isFinite(v))
                throw new SourceError(file + ": " + where(shape, k, header.fortranOrder()) + " is " + v
                        + ", not a finite number");
            // Fortran order stores column by column: entry k is (k mod rows, k div rows)
            if (header.fortranOrder() && shape.length == 2) m.set(k % rows, k / rows, v);
            else m.data[k] = v;
        }
        return new DataValue(kind(shape), m);
    }

    private static ValueShape.Kind kind(long[] shape) {
        return switch (shape.length) {
            case 0 -> ValueShape.Kind.SCALAR;
            case 1 -> ValueShape.Kind.VECTOR;
            default -> ValueShape.Kind.MATRIX;
        };
    }

    /** The entry at storage position k, counted from 1 as matcalc's messages count. */
    private static String where(long[] shape, int k, boolean fortran) {
        return switch (shape.length) {
            case 0 -> "the value";
            case 1 -> "entry " + (k + 1);
            default -> {
                long rows = shape[0], cols = shape[1];
                long i = fortran ? k % rows : k / cols, j = fortran ? k / rows : k % cols;
                yield "the entry at row " + (i + 1) + ", column " + (j + 1);
            }
        };
    }

    private static String shapeText(long[] shape) {
        return "(shape " + (shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"))) + ")";
    }

    private static SourceError truncatedHeader(String file) {
        return new SourceError(file + " is truncated (in its header)");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
