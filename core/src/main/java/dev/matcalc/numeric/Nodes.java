package dev.matcalc.numeric;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Structural walks over expression DAGs (each shared node visited once). */
final class Nodes {
    private Nodes() { }

    /** The direct sub-expressions of {@code e}. */
    static List<Expr> children(Expr e) {
        return dev.matcalc.expr.Nodes.children(e);
    }

    /** The variables of {@code e}, by name, in first-visit order. */
    static Map<String, Var> variables(Expr e) {
        Map<String, Var> vars = new LinkedHashMap<>();
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Expr> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            Expr x = todo.pop();
            if (!seen.add(x)) continue;
            if (x instanceof Var v) vars.putIfAbsent(v.name(), v);
            List<Expr> kids = new ArrayList<>(children(x));
            Collections.reverse(kids);
            kids.forEach(todo::push);
        }
        return vars;
    }
}
