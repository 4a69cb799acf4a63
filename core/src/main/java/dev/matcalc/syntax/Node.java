package dev.matcalc.syntax;

import java.util.List;

/**
 * The syntax tree: what the user wrote, untyped, each node with the {@link Span} it came from so
 * that the typer can point at it. Runs of binary operators of one precedence level are kept flat
 * ({@link Chain}) so that a sum of 50,000 terms is one node, not a tree 50,000 levels deep.
 */
public sealed interface Node {

    Span span();

    /** A reference to a variable or to a name defined earlier in the program. */
    record Name(String name, Span span) implements Node { }

    /** A number literal, with its text as written. */
    record Literal(double value, String text, Span span) implements Node { }

    /** Unary minus (unary plus leaves no node). */
    record Negate(Node operand, Span span) implements Node { }

    /** Postfix {@code '}. An even run of quotes leaves no node. */
    record Transpose(Node operand, Span span) implements Node { }

    /**
     * {@code first op1 x1 op2 x2 ...}, evaluated left to right; all operators belong to one level:
     * additive ({@code + -}), multiplicative ({@code * / .* ./}) or power ({@code ^ .^}).
     */
    record Chain(Node first, List<Step> steps, Span span) implements Node {
        public Chain {
            steps = List.copyOf(steps);
        }
    }

    /** One {@code op operand} of a {@link Chain}. */
    record Step(Op op, Span opSpan, Node operand) { }

    /** A function call {@code name(args)}: an element-wise function, a matrix function or {@code vector(e1, e2, ...)}. */
    record Call(String name, Span nameSpan, List<Node> args, Span span) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code vector(1)} or {@code matrix(1)}: all ones, of a size inferred from context. */
    record Ones(boolean isMatrix, Span span) implements Node { }

    /** {@code eye}: the identity, of a size inferred from context. */
    record Eye(Span span) implements Node { }

    /** {@code [a, b; c, d]}: rows of entries; {@code [e1; e2]} stacks into a column. */
    record Brackets(List<List<Node>> rows, Span span) implements Node {
        public Brackets {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** The binary operators, as written. */
    enum Op {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), HADAMARD(".*"), ELEMENT_DIV("./"), POW("^"), ELEMENT_POW(".^");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
