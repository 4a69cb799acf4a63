package dev.matcalc.explain;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits a function into intermediate variables, innermost first, as the notes' first step does:
 * one per operator or function application that depends on x. Constant subexpressions stay whole,
 * variables and numbers are never intermediates, and a subexpression that occurs twice (by
 * {@code equals}) gets one intermediate. The transpose of a vector is kept inside the operation
 * that uses it ({@code u1 = w'*x}, a dot product), so that every intermediate is a scalar or a
 * column and Jacobians chain as the notes write them.
 */
final class Decomposer {
    private final Var x;
    private final String prefix;
    private final Map<Expr, Expr> representative = new HashMap<>();
    private final List<Intermediate> intermediates = new ArrayList<>();

    private Decomposer(Var x, String prefix) {
        this.x = x;
        this.prefix = prefix;
    }

    /** The intermediates of {@code f}; the last one is f itself (none when f is x or constant). */
    static List<Intermediate> decompose(Expr f, Var x) {
        Decomposer d = new Decomposer(x, prefixAvoiding(Nodes.variables(f)));
        d.visit(f);
        return List.copyOf(d.intermediates);
    }

    /** A letter whose numbered names u1, u2, ... no user variable has or could be read as an entry of. */
    private static String prefixAvoiding(List<Var> vars) {
        return dev.matcalc.expr.HelperNames.prefix(vars.stream().map(Var::name).toList(), List.of("u", "v", "t", "q", "z"));
    }

    private Expr visit(Expr e) {
        Expr known = representative.get(e);
        if (known != null) return known;
        if (e instanceof Var || !Nodes.contains(e, x)) return e;
        List<Expr> kids = new ArrayList<>();
        for (Expr k : Nodes.children(e)) kids.add(argument(k));
        Expr definition = withChildren(e, kids);
        Var u = new Var(prefix + (intermediates.size() + 1), e.shape());
        List<Var> args = Nodes.variables(definition).stream()
                .filter(v -> v.equals(x) || intermediates.stream().anyMatch(i -> i.name().equals(v))).toList();
        intermediates.add(new Intermediate(u, definition, e, args));
        representative.put(e, u);
        return u;
    }

    /** A child as its operation sees it: the transpose of a varying column stays inline. */
    private Expr argument(Expr k) {
        Optional<Expr> unexpanded = Exprs.unbroadcast(k);
        if (unexpanded.isPresent() && Nodes.contains(k, x)) {  // W*X + b: the expansion stays inside the sum
            Expr u = argument(unexpanded.get());
            Shape s = k.shape();
            return u.shape().cols().isOne()
                    ? new MatMul(List.of(u, new Ones(new Shape(Dim.ONE, s.cols()))), s)
                    : new MatMul(List.of(new Ones(Shape.vector(s.rows())), u), s);
        }
        if (k instanceof Transpose t && t.arg().shape().isColumn() && Nodes.contains(t.arg(), x))
            return new Transpose(visit(t.arg()));
        return visit(k);
    }

    /** The same operation over new arguments, built as is (no folding), so it reads as one step. */
    private static Expr withChildren(Expr e, List<Expr> kids) {
        return switch (e) {
            case Add a -> new Add(kids, a.shape());
            case MatMul m -> new MatMul(kids, m.shape());
            case Transpose t -> new Transpose(kids.get(0));
            case Hadamard h -> new Hadamard(kids.get(0), kids.get(1));
            case Power p -> new Power(kids.get(0), kids.get(1));
            case Apply a -> new Apply(a.fn(), kids.get(0));
            case Call c -> new Call(c.fn(), kids.get(0));
            case MaxMin m -> new MaxMin(m.op(), kids.get(0), kids.get(1));
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int i = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(new ArrayList<>(kids.subList(i, i + row.size())));
                    i += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> e;
        };
    }
}
