package dev.matcalc.shapes;

import dev.matcalc.expr.Var;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Span;

/**
 * What a user declares a variable to be: {@code scalar}, {@code vector(n)}, {@code matrix(m,n)}
 * or {@code symmetric(n)}, with symbolic ({@code n}) or fixed ({@code 3}) dimensions. Read from
 * {@code --let} strings such as {@code A:matrix(n,n)} or {@code A: symmetric(3)}. A bare
 * {@code vector}, {@code matrix} or {@code symmetric} declares the kind alone and leaves the sizes
 * to inference (as a model file that says {@code vector a} does): its dimensions are null.
 */
public record Declaration(Kind kind, Dim rows, Dim cols) {

    public enum Kind { SCALAR, VECTOR, MATRIX, SYMMETRIC }

    /** A parsed {@code NAME:TYPE}. */
    public record Let(String name, Declaration declaration) { }

    public static final Declaration SCALAR = new Declaration(Kind.SCALAR, Dim.ONE, Dim.ONE);

    public Declaration {
        if (kind == Kind.SYMMETRIC && !java.util.Objects.equals(rows, cols))
            throw new IllegalArgumentException("a symmetric matrix is square, got " + rows + "×" + cols);
        if ((kind == Kind.SCALAR && !(isOne(rows) && isOne(cols))) || (kind == Kind.VECTOR && !isOne(cols)))
            throw new IllegalArgumentException(kind + " cannot be " + rows + "×" + cols);
    }

    private static boolean isOne(Dim d) {
        return d != null && d.isOne();
    }

    /** A vector, matrix or symmetric matrix whose sizes are inferred from use (null dimensions). */
    public static Declaration ofKind(Kind kind) {
        return switch (kind) {
            case SCALAR -> SCALAR;
            case VECTOR -> new Declaration(kind, null, Dim.ONE);
            case MATRIX, SYMMETRIC -> new Declaration(kind, null, null);
        };
    }

    /** Whether the sizes are left to inference ({@link #ofKind}). */
    public boolean sizesInferred() {
        return rows == null;
    }

    public static Declaration vector(Dim n) {
        return new Declaration(Kind.VECTOR, n, Dim.ONE);
    }

    public static Declaration matrix(Dim rows, Dim cols) {
        return new Declaration(Kind.MATRIX, rows, cols);
    }

    public static Declaration symmetric(Dim n) {
        return new Declaration(Kind.SYMMETRIC, n, n);
    }

    /** The declared shape; null when the sizes are left to inference. */
    public Shape shape() {
        return sizesInferred() ? null : new Shape(rows, cols);
    }

    public Var.Kind varKind() {
        return kind == Kind.SYMMETRIC ? Var.Kind.SYMMETRIC : Var.Kind.PLAIN;
    }

    /** The declaration as it is written: {@code vector(n)}, {@code symmetric(3)}, ... */
    @Override
    public String toString() {
        if (sizesInferred()) return kind.name().toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector(" + rows + ")";
            case MATRIX -> "matrix(" + rows + "," + cols + ")";
            case SYMMETRIC -> "symmetric(" + rows + ")";
        };
    }

    /** Parses {@code scalar}, {@code vector(n)}, {@code matrix(m,n)} or {@code symmetric(n)}. */
    public static Declaration parse(String text) {
        DeclarationReader reader = new DeclarationReader(text == null ? "" : text);
        Declaration d = reader.type();
        reader.end();
        return d;
    }

    /** Parses {@code NAME:TYPE} (spaces allowed around the parts), e.g. {@code A: symmetric(n)}. */
    public static Let parseLet(String let) {
        DeclarationReader reader = new DeclarationReader(let == null ? "" : let);
        String name = reader.name("a variable name before ':', as in A:matrix(n,n)");
        reader.expect(':', "':' after the variable name, as in " + name + ":matrix(n,n)");
        Declaration d = reader.type();
        reader.end();
        return new Let(name, d);
    }

    /** A hand-written scanner: the language is tiny and errors must point inside the string. */
    private static final class DeclarationReader {
        private static final int MAX_FIXED = 1_000_000_000;
        private final String text;
        private int pos;

        DeclarationReader(String text) {
            this.text = text;
        }

        Declaration type() {
            skipSpaces();
            int start = pos;
            String word = name("a type: scalar, vector(n), matrix(m,n) or symmetric(n)");
            if (java.util.List.of("vector", "matrix", "symmetric").contains(word) && !followedBy('('))
                return ofKind(Kind.valueOf(word.toUpperCase(java.util.Locale.ROOT)));
            return switch (word) {
                case "scalar" -> SCALAR;
                case "vector" -> {
                    Dim[] dims = dims(1, word);
                    yield vector(dims[0]);
                }
                case "matrix" -> {
                    Dim[] dims = dims(2, word);
                    yield matrix(dims[0], dims[1]);
                }
                case "symmetric" -> {
                    Dim[] dims = dims(1, word);
                    yield symmetric(dims[0]);
                }
                default -> throw error("unknown type '" + word + "'" + typeSuggestion(word)
                        + "scalar, vector(n), matrix(m,n) or symmetric(n)", start, pos);
            };
        }

        /** {@code ; did you mean 'symmetric'? The types are } for a type name within two edits of a known one. */
        private static String typeSuggestion(String word) {
            String best = null;
            int bestDistance = 3;
            for (String known : java.util.List.of("scalar", "vector", "matrix", "symmetric")) {
                int d = dev.matcalc.syntax.FunctionNames.editDistance(word.toLowerCase(java.util.Locale.ROOT), known);
                if (d < bestDistance) {
                    best = known;
                    bestDistance = d;
                }
            }
            return best == null ? "; expected " : "; did you mean '" + best + "'? The types are ";
        }

        private Dim[] dims(int count, String word) {
            String usage = count == 1 ? word + "(n)" : word + "(m,n)";
            expect('(', "'(' after " + word + ", as in " + usage);
            Dim[] dims = new Dim[count];
            for (int i = 0; i < count; i++) {
                if (i > 0) expect(',', "',' and a second dimension, as in " + usage);
                dims[i] = dim();
            }
            skipSpaces();
            if (peek() == ',') throw error(word + " takes " + count + (count == 1 ? " dimension" : " dimensions")
                    + ", as in " + usage, pos, pos + 1);
            expect(')', "')' after the dimensions of " + word);
            return dims;
        }

        private Dim dim() {
            skipSpaces();
            int start = pos;
            if (Character.isDigit(peek())) {
                while (Character.isDigit(peek())) pos++;
                String digits = text.substring(start, pos);
                long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
                if (value < 1) throw error("a dimension must be positive, got " + digits, start, pos);
                if (value > MAX_FIXED) throw error("dimension too large: " + digits, start, pos);
                return Dim.of((int) value);
            }
            if (isNameStart(peek())) return Dim.of(name("a dimension"));
            throw error("expected a dimension (a name such as n, or a positive integer)", start, start + 1);
        }

        String name(String what) {
            skipSpaces();
            int start = pos;
            if (!isNameStart(peek())) throw error("expected " + what, start, start + 1);
            while (isNameStart(peek()) || Character.isDigit(peek()) && peek() < 128) pos++;
            return text.substring(start, pos);
        }

        void expect(char c, String what) {
            skipSpaces();
            if (peek() != c) throw error("expected " + what, pos, pos + 1);
            pos++;
        }

        void end() {
            skipSpaces();
            if (pos < text.length()) throw error("unexpected '" + text.charAt(pos) + "' after the type", pos, pos + 1);
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        private boolean followedBy(char c) {
            skipSpaces();
            return peek() == c;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private static boolean isNameStart(char c) {
            return c < 128 && (Character.isLetter(c) || c == '_');
        }

        private SourceError error(String message, int start, int end) {
            int s = Math.min(start, text.length());
            return new SourceError(message, text, new Span(s, Math.max(s, Math.min(end, text.length())), 1, s + 1));
        }
    }
}
