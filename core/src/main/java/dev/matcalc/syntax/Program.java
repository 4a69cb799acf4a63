package dev.matcalc.syntax;

import java.util.List;

/**
 * A parsed program: definitions {@code NAME = expr}, in order, then the final expression.
 *
 * @param source the text it was parsed from, for error messages
 */
public record Program(List<Definition> definitions, Node result, String source) {

    public Program {
        definitions = List.copyOf(definitions);
    }

    /** {@code name = value}. */
    public record Definition(String name, Span nameSpan, Node value) { }
}
