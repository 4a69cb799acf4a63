package dev.matcalc.problem;

import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.FunctionNames;
import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GENO model file (geno-project.org's modeling language) as it is, into a {@link Problem}:
 * <pre>
 * parameters
 *   matrix A
 *   vector b, c
 *   matrix K symmetric
 * variables
 *   vector x
 * min
 *   c'*x
 * st
 *   A*x <= b
 *   x >= 0
 * </pre>
 * Sections: {@code parameters} and {@code variables} (declarations, in either order), then
 * {@code min} or {@code max} (the objective, over one or more lines), then optionally {@code st}
 * (one constraint per line). A declaration is a type, {@code scalar}, {@code vector} or
 * {@code matrix} (any case, as older GENO files write {@code Matrix}), one or more names separated by
 * commas, and for a matrix the properties {@code symmetric} or {@code psd}. Sizes are not declared:
 * they come from the data. {@code #} starts a comment. Errors carry the file's line and column, also
 * those found later in an expression ({@link Problem.Origin}).
 */
public final class GenoModel {
    private GenoModel() { }

    private enum Section { NONE, PARAMETERS, VARIABLES, OBJECTIVE, CONSTRAINTS }

    /** One line: [start, end) of the document, the content before any comment. */
    private record Line(int number, int start, int end, int contentEnd) { }

    public static Problem parse(String document) {
        return new Reader(document).read();
    }

    private static final class Reader {
        private final String doc;
        private final Map<String, Declaration> declarations = new LinkedHashMap<>();
        private final Map<String, Integer> declaredOn = new LinkedHashMap<>();
        private final List<String> variables = new ArrayList<>();
        private final Set<String> psd = new LinkedHashSet<>();
        private final List<String> constraints = new ArrayList<>();
        private final List<Integer> constraintOffsets = new ArrayList<>();
        private final Set<Section> seen = new LinkedHashSet<>();
        private Sense sense;
        private Line objectiveHeader, firstObjective, lastObjective;

        Reader(String document) {
            this.doc = document;
        }

        Problem read() {
            Section section = Section.NONE;
            for (Line line : lines()) {
                String content = doc.substring(line.start(), line.contentEnd()).strip();
                if (content.isEmpty()) continue;
                Section header = header(content.toLowerCase(Locale.ROOT));
                if (header != null) {
                    enter(header, line, content);
                    section = header;
                    continue;
                }
                switch (section) {
                    case NONE -> throw at(line, "expected a section: parameters, variables, min or max, got '" + content + "'");
                    case PARAMETERS, VARIABLES -> declare(line, section == Section.VARIABLES);
                    case OBJECTIVE -> {
                        if (firstObjective == null) firstObjective = line;
                        lastObjective = line;
                    }
                    case CONSTRAINTS -> {
                        constraints.add(doc.substring(line.start(), line.end()));
                        constraintOffsets.add(line.start());
                    }
                }
            }
            if (!seen.contains(Section.VARIABLES))
                throw new SourceError("the model declares no variables: it needs a 'variables' section, e.g. 'variables' then 'vector x'");
            if (sense == null) throw new SourceError("the model has no objective: it needs a 'min' or 'max' section");
            if (firstObjective == null) throw at(objectiveHeader, "'" + (sense == Sense.MIN ? "min" : "max") + "' is followed by no objective");
            int from = firstObjective.start(), to = lastObjective.contentEnd();
            Problem.Origin origin = new Problem.Origin(doc, from, constraintOffsets);
            return new Problem(objective(from, to), sense, variables, declarations, psd, constraints, Map.of(), Map.of(), origin);
        }

        /** The objective's lines as one line (an expression continues over lines in GENO), comments blanked. */
        private String objective(int from, int to) {
            StringBuilder sb = new StringBuilder(to - from);
            boolean comment = false;
            for (int i = from; i < to; i++) {
                char c = doc.charAt(i);
                if (c == '\n') comment = false;
                else if (c == '#') comment = true;
                sb.append(comment || c == '\n' || c == '\r' ? ' ' : c);
            }
            return sb.toString();
        }

        private Section header(String word) {
            return switch (word) {
                case "parameters" -> Section.PARAMETERS;
                case "variables" -> Section.VARIABLES;
                case "min", "minimize", "max", "maximize" -> Section.OBJECTIVE;
                case "st", "s.t.", "subject to" -> Section.CONSTRAINTS;
                default -> null;
            };
        }

        private void enter(Section header, Line line, String word) {
            String name = word.toLowerCase(Locale.ROOT);
            if (!seen.add(header))
                throw at(line, header == Section.OBJECTIVE ? "a second objective ('" + name + "'): a model has one"
                        : "a second '" + name + "' section");
            if ((header == Section.PARAMETERS || header == Section.VARIABLES) && seen.contains(Section.OBJECTIVE))
                throw at(line, "'" + name + "' comes after the objective; declare parameters and variables first");
            if (header == Section.CONSTRAINTS && !seen.contains(Section.OBJECTIVE))
                throw at(line, "the constraints ('" + name + "') come after the objective ('min' or 'max')");
            if (header == Section.OBJECTIVE) {
                sense = name.startsWith("min") ? Sense.MIN : Sense.MAX;
                objectiveHeader = line;
            }
        }

        /** {@code TYPE NAME[, NAME]* [symmetric|psd]*} */
        private void declare(Line line, boolean variable) {
            Words w = new Words(line);
            int[] typeAt = w.next();
            String type = w.text(typeAt).toLowerCase(Locale.ROOT);
            if (!List.of("scalar", "vector", "matrix").contains(type))
                throw at(typeAt, "unknown type '" + w.text(typeAt) + "'; expected scalar, vector or matrix");
            List<int[]> names = new ArrayList<>();
            do {
                int[] nameAt = w.next();
                if (nameAt == null) throw at(line, "expected a name after '" + (names.isEmpty() ? w.text(typeAt) : ",") + "'");
                names.add(nameAt);
            } while (w.comma());
            boolean symmetric = false, positive = false;
            for (int[] q = w.next(); q != null; q = w.next()) {
                String property = w.text(q).toLowerCase(Locale.ROOT);
                if (!property.equals("symmetric") && !property.equals("psd"))
                    throw at(q, "unknown property '" + w.text(q) + "'; a matrix may be symmetric or psd (separate names with commas)");
                if (!type.equals("matrix")) throw at(q, "only a matrix can be " + property + ", not a " + type);
                symmetric = true;
                positive |= property.equals("psd");
            }
            Declaration d = switch (type) {
                case "scalar" -> Declaration.SCALAR;
                case "vector" -> Declaration.ofKind(Declaration.Kind.VECTOR);
                default -> Declaration.ofKind(symmetric ? Declaration.Kind.SYMMETRIC : Declaration.Kind.MATRIX);
            };
            for (int[] nameAt : names) {
                String name = w.text(nameAt);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw at(nameAt, "'" + name + "' is not a name (letters, digits, _)");
                if (FunctionNames.isKnown(name)) throw at(nameAt, "'" + name + "' is a function's name; choose another");
                Integer earlier = declaredOn.putIfAbsent(name, line.number());
                if (earlier != null) throw at(nameAt, name + " is declared twice (first on line " + earlier + ")");
                declarations.put(name, d);
                if (variable) variables.add(name);
                if (positive) psd.add(name);
            }
        }

        private List<Line> lines() {
            List<Line> out = new ArrayList<>();
            int start = 0, number = 1;
            while (start <= doc.length()) {
                int end = doc.indexOf('\n', start);
                if (end < 0) end = doc.length();
                int hash = doc.indexOf('#', start);
                int contentEnd = hash >= 0 && hash < end ? hash : end;
                out.add(new Line(number++, start, end, contentEnd));
                start = end + 1;
            }
            return out;
        }

        private SourceError at(Line line, String message) {
            int[] span = Positions.trimmed(doc, line.start(), line.contentEnd());
            return Positions.error(message, doc, span[0], span[1]);
        }

        private SourceError at(int[] span, String message) {
            return Positions.error(message, doc, span[0], span[1]);
        }

        /** The words of a declaration line: runs of non-blank characters other than commas. */
        private final class Words {
            private final Line line;
            private int pos;

            Words(Line line) {
                this.line = line;
                this.pos = line.start();
            }

            int[] next() {
                skipBlanks();
                int s = pos;
                while (pos < line.contentEnd() && !Character.isWhitespace(doc.charAt(pos)) && doc.charAt(pos) != ',') pos++;
                return pos == s ? null : new int[] {s, pos};
            }

            boolean comma() {
                skipBlanks();
                if (pos < line.contentEnd() && doc.charAt(pos) == ',') {
                    pos++;
                    return true;
                }
                return false;
            }

            String text(int[] span) {
                return doc.substring(span[0], span[1]);
            }

            private void skipBlanks() {
                while (pos < line.contentEnd() && Character.isWhitespace(doc.charAt(pos))) pos++;
            }
        }
    }
}
