package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.Comparator;

/**
 * A deterministic total order on expressions for canonical sorting of commutative operands:
 * compares bounded structural keys (bounded so that keys of large shared DAGs stay cheap).
 * Variables sort by name, a transpose right after its argument ({@code A} before {@code A'}).
 */
final class Order {
    private static final int KEY_LIMIT = 160;

    static final Comparator<Expr> CANONICAL = Comparator.comparing(Order::key);

    private Order() { }

    static String key(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return sb.toString();
    }

    private static void write(Expr e, StringBuilder sb) {
        if (sb.length() > KEY_LIMIT) return;
        switch (e) {
            case Var v -> sb.append(v.name());
            case Num n -> sb.append('#').append(n.value());
            case Ones o -> sb.append("~1");
            case Identity i -> sb.append("~I");
            case Zero z -> sb.append("~0");
            case Transpose t -> { write(t.arg(), sb); sb.append('\''); }
            case MatMul m -> {
                for (Expr f : m.factors()) {
                    if (f instanceof Num) continue;          // coefficients do not decide order
                    write(f, sb);
                    sb.append('*');
                }
            }
            case Add a -> { sb.append("+("); a.terms().forEach(t -> { write(t, sb); sb.append(','); }); sb.append(')'); }
            case Hadamard h -> { write(h.left(), sb); sb.append(".*"); write(h.right(), sb); }
            case Power p -> { write(p.base(), sb); sb.append('^'); write(p.exponent(), sb); }
            case Apply a -> { sb.append(a.fn().fnName()).append('('); write(a.arg(), sb); sb.append(')'); }
            case Call c -> { sb.append(c.fn().fnName()).append('('); write(c.arg(), sb); sb.append(')'); }
            case MaxMin m -> { sb.append(m.op().fnName()).append('('); write(m.left(), sb); sb.append(','); write(m.right(), sb); sb.append(')'); }
            case Ref r -> sb.append(r.name());
            case Block b -> { sb.append('['); b.rows().forEach(r -> r.forEach(x -> { write(x, sb); sb.append(','); })); sb.append(']'); }
        }
    }
}
