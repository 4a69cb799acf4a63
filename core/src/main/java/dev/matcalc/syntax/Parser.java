package dev.matcalc.syntax;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.syntax.Token.Kind.*;

/**
 * Recursive descent over the grammar in {@code package-info.java}. Operator runs are parsed in
 * loops; recursion happens only for nesting (parentheses, brackets, call arguments), which is
 * counted, so that any input ends in a tree or a {@link SourceError}, never a stack overflow.
 */
public final class Parser {
    private final String source;
    private final Limits limits;
    private List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(String source, Limits limits) {
        this.source = source;
        this.limits = limits;
    }

    public static Program parse(String source) {
        return parse(source, Limits.DEFAULT);
    }

    public static Program parse(String source, Limits limits) {
        String text = source == null ? "" : source;
        if (text.length() > limits.maxLength()) {
            throw new SourceError("input too long: " + text.length() + " characters (at most "
                    + limits.maxLength() + ")", text, spanAt(text, limits.maxLength()));
        }
        Parser parser = new Parser(text, limits);
        parser.tokens = Lexer.tokenize(text);
        return parser.program();
    }

    /** A one-character span at {@code offset}, with its line and column counted. */
    private static Span spanAt(String text, int offset) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Span(offset, offset + 1, line, offset - lineStart + 1);
    }

    // program := sep* (NAME '=' expr sep+)* expr sep*
    private Program program() {
        skipSeparators();
        if (peek().is(EOF)) throw error("empty expression", peek().span());
        List<Program.Definition> definitions = new ArrayList<>();
        while (true) {
            if (peek().is(IDENT) && peek(1).is(EQUALS)) {
                Token name = next();
                Token equals = next();
                checkDefinable(name);
                Node value = expression("'='", equals);
                definitions.add(new Program.Definition(name.text(), name.span(), value));
                endOfStatement(value);
                skipSeparators();
                if (peek().is(EOF)) {
                    throw error("missing the final expression after the definition of '" + name.text() + "'",
                            peek().span());
                }
                continue;
            }
            Node result = expression(null, null);
            endOfStatement(result);
            boolean separated = skipSeparators();
            if (!peek().is(EOF)) {
                if (separated) {
                    throw error("only the last statement may be an expression; define a name with NAME = ...",
                            result.span());
                }
                throw error("unexpected " + peek().describe(), peek().span());
            }
            return new Program(definitions, result, source);
        }
    }

    private void checkDefinable(Token name) {
        if (FunctionNames.isKnown(name.text())) {
            throw error("cannot define '" + name.text() + "': it is a built-in function", name.span());
        }
    }

    private void endOfStatement(Node statement) {
        Token t = peek();
        if (t.is(EOF) || t.is(SEMI) || t.is(NEWLINE)) return;
        if (t.is(RPAREN) || t.is(RBRACKET)) throw error("unmatched " + t.describe(), t.span());
        String product = implicitProduct(t);
        if (product != null) throw error(product, tokens.get(pos - 1).span().to(t.span()));
        throw error("unexpected " + t.describe() + " after '" + Text.quote(source, statement.span())
                + "'; expected an operator", t.span());
    }

    /**
     * For a name or '(' right after a number ({@code 2x}, {@code 3(a + b)}): matcalc has no implicit
     * multiplication, and the likely intent is a product, so the message says how to write it.
     */
    private String implicitProduct(Token t) {
        if (pos == 0 || !(t.is(IDENT) || t.is(LPAREN))) return null;
        Token before = tokens.get(pos - 1);
        if (!before.is(NUMBER) || before.span().end() != t.span().start()) return null;
        String written = before.text() + (t.is(IDENT) ? t.text() : "(");
        String meant = before.text() + "*" + (t.is(IDENT) ? t.text() : "(");
        return "'" + Text.abbreviate(written) + "' is not a product: write " + Text.abbreviate(meant)
                + " (multiplication is always written with *)";
    }

    private boolean skipSeparators() {
        boolean any = false;
        while (peek().is(SEMI) || peek().is(NEWLINE)) {
            next();
            any = true;
        }
        return any;
    }

    /** A nested expression: counts depth; {@code after} names what precedes it, for messages. */
    private Node expression(String afterText, Token after) {
        if (++depth > limits.maxDepth()) {
            Token at = after != null ? after : peek();
            throw error("expression nested too deeply (more than " + limits.maxDepth() + " levels)", at.span());
        }
        Node node = additive(afterText);
        depth--;
        return node;
    }

    // additive := multiplicative (('+' | '-') multiplicative)*
    private Node additive(String after) {
        Node first = multiplicative(after);
        List<Node.Step> steps = new ArrayList<>();
        while (peek().is(PLUS) || peek().is(MINUS)) {
            Token op = next();
            steps.add(new Node.Step(op.is(PLUS) ? Node.Op.ADD : Node.Op.SUB, op.span(), multiplicative(quoted(op))));
        }
        return chain(first, steps);
    }

    // multiplicative := signed (('*' | '/' | '.*' | './') signed)*, signed := ('-' | '+')* power
    // Unary minus binds tighter than '*' but looser than '^': -x^2 is -(x^2), a*-b is a*(-b).
    private Node multiplicative(String after) {
        Node first = signed(after, this::power);
        List<Node.Step> steps = new ArrayList<>();
        while (true) {
            Node.Op op = switch (peek().kind()) {
                case STAR -> Node.Op.MUL;
                case SLASH -> Node.Op.DIV;
                case DOT_STAR -> Node.Op.HADAMARD;
                case DOT_SLASH -> Node.Op.ELEMENT_DIV;
                default -> null;
            };
            if (op == null) return chain(first, steps);
            Token t = next();
            steps.add(new Node.Step(op, t.span(), signed(quoted(t), this::power)));
        }
    }

    private interface Operand {
        Node parse(String after);
    }

    /** Signs, then an operand; signs are folded in a loop so a run of them costs no stack. */
    private Node signed(String after, Operand operand) {
        Token first = peek();
        boolean negative = false;
        while (peek().is(MINUS) || peek().is(PLUS)) {
            Token sign = next();
            if (sign.is(MINUS)) negative = !negative;
            after = quoted(sign);
        }
        Node node = operand.parse(after);
        return negative ? new Node.Negate(node, first.span().to(node.span())) : node;
    }

    // power := postfix (('^' | '.^') ('-' | '+')* postfix)*, left-associative as in MATLAB
    private Node power(String after) {
        Node first = postfix(after);
        List<Node.Step> steps = new ArrayList<>();
        while (peek().is(CARET) || peek().is(DOT_CARET)) {
            Token t = next();
            Node.Op op = t.is(CARET) ? Node.Op.POW : Node.Op.ELEMENT_POW;
            steps.add(new Node.Step(op, t.span(), signed(quoted(t), this::postfix)));
        }
        return chain(first, steps);
    }

    // postfix := primary "'"*
    private Node postfix(String after) {
        Node node = primary(after);
        int quotes = 0;
        Span end = node.span();
        while (peek().is(QUOTE)) {
            end = next().span();
            quotes++;
        }
        return quotes % 2 == 1 ? new Node.Transpose(node, node.span().to(end)) : node;
    }

    private Node primary(String after) {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                return new Node.Literal(Double.parseDouble(t.text()), t.text(), t.span());
            }
            case IDENT -> {
                next();
                return identifier(t);
            }
            case LPAREN -> {
                Token open = next();
                Node inner = expression("'('", open);
                close(open, RPAREN, inner);
                return inner;
            }
            case LBRACKET -> {
                return brackets(next());
            }
            default -> {
                String where = after == null ? "expected an expression" : "expected an expression after " + after;
                String found = t.is(EOF) ? "" : ", found " + t.describe();
                throw error(where + found, t.span());
            }
        }
    }

    private Node identifier(Token name) {
        String id = name.text();
        boolean call = peek().is(LPAREN);
        if (id.equals(FunctionNames.EYE)) {
            if (call) throw error("eye takes no arguments: its size is inferred from context", name.span());
            return new Node.Eye(name.span());
        }
        if (!call) {
            if (FunctionNames.isKnown(id)) {
                throw error("'" + id + "' is a function; write " + id + "(...)", name.span());
            }
            return new Node.Name(id, name.span());
        }
        if (!FunctionNames.isKnown(id)) {
            String hint = FunctionNames.suggest(id).map(s -> "; did you mean '" + s + "'?").orElse("");
            throw error("unknown function '" + Text.abbreviate(id) + "'" + hint, name.span());
        }
        Token open = next();
        List<Node> args = new ArrayList<>();
        if (!peek().is(RPAREN)) {
            args.add(expression("'('", open));
            while (peek().is(COMMA)) {
                Token comma = next();
                args.add(expression("','", comma));
            }
        }
        Token close = close(open, RPAREN, args.isEmpty() ? null : args.get(args.size() - 1));
        Span span = name.span().to(close.span());
        return FunctionCalls.check(new Node.Call(id, name.span(), args, span), source);
    }

    // '[' row (';' row)* ']' where row := expr (',' expr)*
    private Node brackets(Token open) {
        List<List<Node>> rows = new ArrayList<>();
        List<Node> row = new ArrayList<>();
        if (peek().is(RBRACKET)) throw error("empty brackets: a matrix needs at least one entry", open.span().to(peek().span()));
        Token previous = open;
        while (true) {
            row.add(expression(quoted(previous), previous));
            if (peek().is(COMMA)) {
                previous = next();
            } else if (peek().is(SEMI)) {
                previous = next();
                rows.add(row);
                row = new ArrayList<>();
                if (peek().is(RBRACKET)) break; // a trailing ';' (or newline) before ']'
            } else {
                break;
            }
        }
        if (!row.isEmpty()) rows.add(row);
        Token close = close(open, RBRACKET, rows.get(rows.size() - 1).get(rows.get(rows.size() - 1).size() - 1));
        return new Node.Brackets(rows, open.span().to(close.span()));
    }

    /** Consumes the closing token, or explains why it is missing. */
    private Token close(Token open, Token.Kind closing, Node last) {
        Token t = peek();
        if (t.is(closing)) return next();
        String want = closing == RPAREN ? "')'" : "']'";
        if (t.is(EOF) || t.is(NEWLINE) || (t.is(SEMI) && closing == RPAREN)) {
            throw error("unclosed " + open.describe(), open.span());
        }
        String product = implicitProduct(t);
        if (product != null) throw error(product, tokens.get(pos - 1).span().to(t.span()));
        String after = last == null ? open.describe() : "'" + Text.quote(source, last.span()) + "'";
        String options = closing == RBRACKET ? "',', ';' or ']'" : want;
        throw error("expected " + options + " after " + after + ", found " + t.describe(), t.span());
    }

    private static Node chain(Node first, List<Node.Step> steps) {
        if (steps.isEmpty()) return first;
        return new Node.Chain(first, steps, first.span().to(steps.get(steps.size() - 1).operand().span()));
    }

    private static String quoted(Token t) {
        return t.describe();
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(EOF)) pos++;
        return t;
    }

    private SourceError error(String message, Span span) {
        return new SourceError(message, source, span);
    }
}
