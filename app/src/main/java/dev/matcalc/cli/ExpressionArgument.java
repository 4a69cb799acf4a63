package dev.matcalc.cli;

import dev.matcalc.syntax.SourceError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The EXPR argument of every command that takes an expression: the expression itself, {@code @FILE}
 * (the whole file as the expression, whatever it holds: definitions, newlines, {@code #} comments,
 * quotes) or {@code -} (standard input). picocli's own {@code @FILE} expansion is off ({@link Main}):
 * it reads the file as more arguments, split at spaces and quotes.
 */
final class ExpressionArgument {
    /** At most 4 bytes per character (UTF-8's widest), over the longest expression the parser accepts. */
    private static final int MAX_BYTES = 4 * dev.matcalc.api.Limits.MAX_SOURCE_LENGTH;

    private ExpressionArgument() { }

    /** The expression {@code argument} stands for; a file or stream that cannot be read is a clear error. */
    static String read(String argument) {
        if (argument.equals("-")) {
            try {
                return text(System.in, "standard input");
            } catch (IOException e) {
                throw unreadable("standard input", e.getMessage());
            }
        }
        if (!argument.startsWith("@") || argument.length() == 1) return argument;
        String name = argument.substring(1);
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw unreadable(name, "not a valid file name (" + e.getReason() + ")");
        }
        if (Files.isDirectory(file)) throw unreadable(name, "it is a directory");
        try (InputStream in = Files.newInputStream(file)) {
            return text(in, name);
        } catch (NoSuchFileException e) {            // the messages of these two are the bare path
            throw unreadable(name, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(name, "permission denied");
        } catch (IOException e) {
            throw unreadable(name, e.getMessage());
        }
    }

    /** The text of {@code in}, read no further than the longest expression could reach (so /dev/zero ends). */
    private static String text(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES)
            throw new SourceError("the expression in " + name + " is too long: more than " + MAX_BYTES
                    + " bytes, and an expression has at most " + dev.matcalc.api.Limits.MAX_SOURCE_LENGTH + " characters");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw unreadable(name, "it is not UTF-8 text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;     // a byte-order mark some editors write
    }

    private static SourceError unreadable(String name, String why) {
        return new SourceError("cannot read the expression from " + name + ": " + why);
    }
}
