package dev.matcalc.codegen;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Ref;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns expressions into statements: a shared subterm ({@link Plan#isShared}) becomes a temporary
 * assigned once, just before its first use; any other subterm is written inline. {@code C} is a
 * target's code fragment (text plus whatever it needs to parenthesize correctly).
 */
abstract class Emitter<C> {
    protected final Plan plan;
    protected final Identifiers ids;
    private final Map<Expr, C> temporaries = new HashMap<>();
    private final List<String> statements = new ArrayList<>();

    Emitter(Plan plan, Identifiers ids) {
        this.plan = plan;
        this.ids = ids;
    }

    /** The code for {@code e}: a temporary's name when e is shared, else e written out. */
    final C ref(Expr e) {
        if (e instanceof Ref r && !plan.dependsOnDirection(r)) return named(r);
        if (!plan.isShared(e)) return inline(e);
        C known = temporaries.get(e);
        if (known != null) return known;
        C code = inline(e);
        if (text(code).matches("[A-Za-z_][A-Za-z0-9_]*")) {   // already a name (x' of a vector is x): nothing to compute
            temporaries.put(e, code);
            return code;
        }
        String name = ids.temporary();
        statements.add(assign(name, code, e));
        C named = name(name);
        temporaries.put(e, named);
        return named;
    }

    /**
     * A named subterm (the user's definition {@code mu = mean(x)}, or an answer's {@code G_Y}) is
     * assigned to its own name, where first used, whether used once or more: the code reads as the
     * input and the answers do.
     */
    private C named(Ref r) {
        C known = temporaries.get(r);
        if (known != null) return known;
        C code = inline(r.value());
        if (text(code).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            temporaries.put(r, code);
            return code;
        }
        String name = ids.fresh(r.name());
        statements.add(assign(name, code, r.value()));
        C named = name(name);
        temporaries.put(r, named);
        return named;
    }

    /** Adds a statement of the target (an assignment of an output, an assertion...). */
    final void statement(String s) {
        statements.add(s);
    }

    final List<String> statements() {
        return statements;
    }

    /** e written out, its children by {@link #ref}. */
    abstract C inline(Expr e);

    /** The statement assigning {@code code} (the value of {@code e}) to a new variable {@code name}. */
    abstract String assign(String name, C code, Expr e);

    /** The source text of a fragment. */
    abstract String text(C code);

    /** A reference to a variable. */
    abstract C name(String name);
}
