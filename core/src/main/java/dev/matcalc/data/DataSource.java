package dev.matcalc.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matcalc.numeric.Values;
import dev.matcalc.syntax.FunctionNames;
import dev.matcalc.syntax.Lexer;
import dev.matcalc.syntax.SourceError;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data bindings as a user writes them ({@code --data}): {@code NAME=SOURCE}, where SOURCE is a
 * {@code .csv}, {@code .npy} or {@code .json} file or an inline JSON value ({@code lam=0.5},
 * {@code a=[1,2]}, {@code A=[[1,2],[3,4]]}), or a bare {@code FILE.json} that binds every name
 * in it. The file's extension chooses the reader ({@link Format}); relative paths are read from
 * a base directory. Every error is a {@link SourceError} naming the binding or the file, and
 * nothing is returned unless everything was read.
 */
public final class DataSource {
    private DataSource() { }

    /** How a source is read, by its extension; anything else is an inline JSON value. */
    enum Format {
        CSV, NPY, JSON, INLINE;

        static Format of(String source) {
            String s = source.toLowerCase(Locale.ROOT);
            if (s.endsWith(".csv")) return CSV;
            if (s.endsWith(".npy")) return NPY;
            if (s.endsWith(".json")) return JSON;
            return INLINE;
        }
    }

    /**
     * The values one binding gives: {@code NAME=SOURCE} gives one, {@code FILE.json} every name in
     * the file.
     *
     * @param baseDir the directory relative file names are read from; null for the working directory
     */
    public static Map<String, DataValue> parse(String spec, Path baseDir) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            if (Format.of(spec) != Format.JSON)
                throw new SourceError("--data " + spec + ": say which name it binds, as in NAME=" + spec
                        + " (only a .json file binds the names in it by itself)");
            JsonNode object = object(json(spec, baseDir), spec);
            return inFile(spec, () -> JsonValues.object(object));
        }
        String name = spec.substring(0, equals).strip(), source = spec.substring(equals + 1).strip();
        if (name.isEmpty()) throw new SourceError("--data " + spec + ": a name is missing before '='");
        if (!Lexer.isIdentifier(name))
            throw new SourceError("--data " + spec + ": '" + name + "' is not a variable name (a letter or _, "
                    + "then letters, digits or _)");
        if (FunctionNames.isKnown(name))
            throw new SourceError("--data " + spec + ": '" + name + "' is a function's name, not a variable's");
        if (source.isEmpty())
            throw new SourceError("--data " + spec + ": nothing after '='; give a value (0.5, [1,2], [[1,2],[3,4]]) "
                    + "or a .csv, .npy or .json file");
        return Map.of(name, read(name, source, spec, baseDir));
    }

    /**
     * The values of several bindings; a name bound twice is an error naming both bindings.
     *
     * @param baseDir the directory relative file names are read from; null for the working directory
     */
    public static Map<String, DataValue> parseAll(List<String> specs, Path baseDir) {
        Map<String, DataValue> values = new LinkedHashMap<>();
        Map<String, String> boundBy = new LinkedHashMap<>();
        for (String spec : specs) {
            parse(spec, baseDir).forEach((name, value) -> {
                String earlier = boundBy.putIfAbsent(name, spec);
                if (earlier != null)
                    throw new SourceError(name + " is bound twice: by --data " + earlier + " and by --data " + spec);
                values.put(name, value);
            });
        }
        return values;
    }

    private static DataValue read(String name, String source, String spec, Path baseDir) {
        return switch (Format.of(source)) {
            case CSV -> withFile(source, baseDir, in -> CsvReader.read(new InputStreamReader(in,
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)), source));
            case NPY -> withFile(source, baseDir, in -> NpyReader.read(in, source));
            case JSON -> named(name, json(source, baseDir), source);
            case INLINE -> inline(name, source, spec);
        };
    }

    /** A .json file for one name: a bare value, or an object holding the name. */
    private static DataValue named(String name, JsonNode root, String file) {
        if (!root.isObject()) return inFile(file, () -> JsonValues.value(name, root));
        JsonNode value = root.get(name);
        if (value == null)
            throw new SourceError(file + ": no value named " + name + (root.isEmpty() ? "; the file names none"
                    : "; the file names " + String.join(", ", root.properties().stream().map(Map.Entry::getKey).toList())));
        return inFile(file, () -> JsonValues.value(name, value));
    }

    private static JsonNode object(JsonNode root, String file) {
        if (root.isObject()) return root;
        throw new SourceError(file + ": expected a JSON object mapping names to values; to bind one name to the "
                + "value in it, write NAME=" + file);
    }

    private static JsonNode json(String file, Path baseDir) {
        String text = withFile(file, baseDir, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return inFile(file, () -> Values.parse(text));
    }

    private static DataValue inline(String name, String source, String spec) {
        try {
            return JsonValues.value(name, source);
        } catch (SourceError e) {
            String message = e.getMessage().startsWith("invalid JSON")
                    ? "not a value (a number, [1,2] or [[1,2],[3,4]] in JSON) nor a .csv, .npy or .json file: "
                    + e.getMessage()
                    : e.getMessage();
            throw new SourceError("--data " + spec + ": " + message);
        }
    }

    /** Reads {@code file} (relative to {@code baseDir}), telling a missing or unreadable file by its name. */
    private static <T> T withFile(String file, Path baseDir, FileReader<T> reader) {
        Path path;
        try {
            path = baseDir == null ? Path.of(file) : baseDir.resolve(file);
        } catch (InvalidPathException e) {
            throw new SourceError("cannot read " + file + ": not a valid file name (" + e.getReason() + ")");
        }
        if (Files.isDirectory(path)) throw new SourceError("cannot read " + file + ": it is a directory");
        try (InputStream in = Files.newInputStream(path)) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw new SourceError("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new SourceError("cannot read " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new SourceError("cannot read " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new SourceError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Errors about a file's contents that do not say which file yet get its name in front. */
    private static <T> T inFile(String file, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (SourceError e) {
            throw new SourceError(file + ": " + e.getMessage());
        }
    }

    private interface FileReader<T> {
        T read(InputStream in) throws IOException;
    }
}
