package dev.matcalc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.syntax.SourceError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --out FILE}: the solution written as {@code .json} (an object, every variable by name, as
 * nested arrays), {@code .npy} (little-endian float64, C order, the variable's own dimensions) or
 * {@code .csv} (a vector one entry per line, a matrix one row per line). With several variables and
 * a one-array format, one file each, {@code stem.NAME.ext}. Every file is written to a temporary
 * file beside it and moved into place only when all were written, so that a failed run leaves no
 * half-written file.
 */
final class SolutionFiles {
    enum Format { JSON, NPY, CSV }

    private SolutionFiles() { }

    static Format format(Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) return Format.JSON;
        if (name.endsWith(".npy")) return Format.NPY;
        if (name.endsWith(".csv")) return Format.CSV;
        throw new SourceError("--out " + out + ": the extension says the format; use .npy, .csv or .json");
    }

    /** Writes the solution; returns the files written, by variable (every variable maps to the one file for .json). */
    static Map<String, Path> write(Path out, Map<String, Tensor> solution) {
        Format format = format(out);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Map<String, Path> written = new LinkedHashMap<>();
        if (format == Format.JSON) {
            Map<String, Object> object = new LinkedHashMap<>();
            solution.forEach((name, t) -> object.put(name, t.toNested()));
            try {
                files.put(out, (new ObjectMapper().writeValueAsString(object) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SourceError("--out " + out + ": " + e.getMessage());
            }
            solution.keySet().forEach(name -> written.put(name, out));
        } else {
            solution.forEach((name, t) -> {
                Path file = solution.size() == 1 ? out : perVariable(out, name);
                files.put(file, format == Format.NPY ? npy(t) : csv(t).getBytes(StandardCharsets.UTF_8));
                written.put(name, file);
            });
        }
        commit(files);
        return written;
    }

    /** {@code w.npy} for S → {@code w.S.npy}. */
    private static Path perVariable(Path out, String name) {
        String file = out.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return out.resolveSibling(file.substring(0, dot) + "." + name + file.substring(dot));
    }

    private static void commit(Map<Path, byte[]> files) {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                Path target = f.getKey().toAbsolutePath();
                if (Files.isDirectory(target)) throw new SourceError("--out " + f.getKey() + ": it is a directory");
                Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
                temps.put(temp, target);
                try (OutputStream o = Files.newOutputStream(temp)) {
                    o.write(f.getValue());
                }
            }
            for (Map.Entry<Path, Path> t : temps.entrySet())
                Files.move(t.getKey(), t.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            for (Path temp : temps.keySet()) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the message below is what matters
                }
            }
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new SourceError("cannot write --out " + files.keySet().iterator().next() + ": " + why);
        }
    }

    /** NPY version 1.0: magic, header length, a Python dict padded to a multiple of 64, the data. */
    static byte[] npy(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        for (int s : t.shape()) shape.append(s).append(", ");
        if (t.rank() == 1) shape.setLength(shape.length() - 1);        // (3,)
        else if (t.rank() > 1) shape.setLength(shape.length() - 2);    // (2, 3)
        shape.append(')');
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (double d : t.data()) b.putDouble(d);
        return b.array();
    }

    static String csv(Tensor t) {
        int[] shape = t.shape();
        int cols = shape.length == 2 ? shape[1] : 1;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            sb.append(repr(t.data()[i])).append(i % cols == cols - 1 ? "\n" : ",");
        }
        return sb.toString();
    }

    /** Shortest text that reads back as the same double. */
    static String repr(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
