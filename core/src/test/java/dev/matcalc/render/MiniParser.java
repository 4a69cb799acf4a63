package dev.matcalc.render;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.matcalc.expr.Exprs.*;

/**
 * A test-only reader of matcalc's input grammar, building through {@link Exprs} as a parser
 * would, to check that rendered text re-parses to the expression it came from. Lowest to highest:
 * {@code + -}; {@code * / .* ./}; unary {@code -}; {@code ^ .^}; postfix {@code '}.
 * Context-typed leaves ({@code eye}, {@code vector(1)}) are not supported.
 */
final class MiniParser {
    private static final Pattern NUMBER = Pattern.compile("[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String src;
    private final Map<String, Var> vars;
    private int pos;

    private MiniParser(String src, Map<String, Var> vars) {
        this.src = src;
        this.vars = vars;
    }

    static Expr parse(String src, Map<String, Var> vars) {
        MiniParser p = new MiniParser(src, vars);
        Expr e = p.sum();
        p.skip();
        if (p.pos != src.length()) throw p.error("trailing input");
        return e;
    }

    private Expr sum() {
        Expr e = product();
        while (true) {
            if (eat("+")) e = add(e, product());
            else if (eat("-")) e = sub(e, product());
            else return e;
        }
    }

    private Expr product() {
        Expr e = unary();
        while (true) {
            if (eat(".*")) e = hadamard(e, unary());
            else if (eat("./")) e = div(e, unary());
            else if (eat("*")) e = mul(e, unary());
            else if (eat("/")) e = div(e, unary());
            else return e;
        }
    }

    private Expr unary() {
        if (eat("-")) return neg(unary());
        return power();
    }

    private Expr power() {
        Expr base = postfix();
        if (eat(".^") || eat("^")) return pow(base, postfix());
        return base;
    }

    private Expr postfix() {
        Expr e = primary();
        while (eat("'")) e = transpose(e);
        return e;
    }

    private Expr primary() {
        skip();
        if (eat("(")) {
            Expr e = sum();
            expect(")");
            return e;
        }
        if (eat("[")) {
            List<List<Expr>> rows = new ArrayList<>();
            List<Expr> row = new ArrayList<>();
            rows.add(row);
            row.add(sum());
            while (!eat("]")) {
                if (eat(";")) rows.add(row = new ArrayList<>());
                else expect(",");
                row.add(sum());
            }
            return block(rows);
        }
        Matcher m = NUMBER.matcher(src).region(pos, src.length());
        if (m.lookingAt()) {
            pos = m.end();
            return num(Double.parseDouble(m.group()));
        }
        m = NAME.matcher(src).region(pos, src.length());
        if (!m.lookingAt()) throw error("expected an operand");
        pos = m.end();
        String name = m.group();
        if (eat("(")) {
            Expr arg = sum();
            if ((name.equals("max") || name.equals("min")) && eat(",")) {      // element-wise, operands of one shape
                Expr second = sum();
                expect(")");
                return maxMin(name.equals("max") ? MaxMin.Op.MAX : MaxMin.Op.MIN, arg, second);
            }
            expect(")");
            var fn = Fn.byName(name);
            if (fn.isPresent()) return apply(fn.get(), arg);
            return call(MatFn.byName(name, arg.shape()).orElseThrow(() -> error("unknown function " + name)), arg);
        }
        Var v = vars.get(name);
        if (v == null) throw error("unknown variable " + name);
        return v;
    }

    private void skip() {
        while (pos < src.length() && src.charAt(pos) == ' ') pos++;
    }

    private boolean eat(String token) {
        skip();
        if (src.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!eat(token)) throw error("expected " + token);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at " + pos + " in: " + src);
    }
}
