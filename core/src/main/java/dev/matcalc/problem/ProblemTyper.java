package dev.matcalc.problem;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Var;
import dev.matcalc.problem.ProgramText.Located;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.shapes.Typed;
import dev.matcalc.shapes.Typer;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.Parser;
import dev.matcalc.syntax.Program;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Text;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Types a {@link Problem}: parses each constraint, types the objective and every constraint side
 * together ({@link ProgramText}), so that {@code A*x <= b} and {@code c'*x} agree on x's size and
 * the data's shapes bind the sizes; then checks what typing alone does not: a scalar objective,
 * every variable present, data for every parameter and for nothing that is a variable, start
 * values for variables only. Every error names what is wrong, and points into the text where it
 * has a place there.
 */
final class ProblemTyper {
    private ProblemTyper() { }

    static TypedProblem type(Problem p) {
        Located objective = located(p, p.objective(), p.origin() == null ? 0 : p.origin().objectiveOffset());
        if (p.objective().isBlank()) throw new SourceError("the objective is empty");
        if (p.over().isEmpty()) throw new SourceError("no variables to optimize over: name them (e.g. x, or x and y)");
        List<Located> texts = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        for (int i = 0; i < p.constraints().size(); i++) {
            Located at = located(p, p.constraints().get(i), p.origin() == null ? 0 : p.origin().constraintOffsets().get(i));
            texts.add(at);
            constraints.add(parse(at));
        }
        Map<String, Declaration> lets = declarations(p);
        Map<String, ValueShape> shapes = new LinkedHashMap<>();
        p.data().forEach((name, m) -> shapes.put(name, valueShape(m, lets.get(name))));
        p.start().forEach((name, m) -> shapes.put(name, valueShape(m, lets.get(name))));

        try {
            Parser.parse(p.objective());
        } catch (SourceError e) {
            throw e.span() == null ? e : objective.error(e.getMessage(), e.span().start(), e.span().end());
        }
        ProgramText program = new ProgramText(objective, texts, constraints, -1);
        Typed typed;
        try {
            typed = Typer.type(Parser.parse(program.program), lets, shapes);
        } catch (SourceError e) {
            throw valuesNamed(explain(e, program, objective, texts, constraints, lets, shapes), p);
        }
        long nodes = dev.matcalc.api.Limits.treeSize(typed.expr(), dev.matcalc.api.Limits.MAX_EXPRESSION_NODES);
        for (Typed.Definition d : typed.definitions())
            nodes += dev.matcalc.api.Limits.treeSize(d.expr(), dev.matcalc.api.Limits.MAX_EXPRESSION_NODES);
        if (nodes > dev.matcalc.api.Limits.MAX_EXPRESSION_NODES)
            throw new SourceError("the problem is too large: its expressions stand for more than "
                    + dev.matcalc.api.Limits.MAX_EXPRESSION_NODES + " nodes once definitions are expanded");
        if (!typed.expr().isScalar())
            throw objective.whole("the objective must be a scalar, but it is a " + typed.expr().shape().kind()
                    + " (" + sized(typed.expr(), typed) + ")", objective.text().length());

        List<TypedConstraint> normal = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            Constraint c = constraints.get(i);
            Expr difference = definition(typed, program.names.get(i));          // LEFT - RIGHT
            if (difference.shape().isMatrix()) {                                 // only a matrix can come from expanding a row against a column
                java.util.Optional<SourceError> apart = sidesApart(i, objective, texts, constraints, lets, shapes, true);
                if (apart.isPresent()) throw apart.get();
            }
            Expr expr = c.relation() == Constraint.Relation.GREATER_EQUAL ? Exprs.neg(difference) : difference;
            normal.add(new TypedConstraint(c.written(), c.isEquality(), expr, i));
        }
        List<Var> variables = new ArrayList<>();
        for (String name : p.over()) {
            if (variables.stream().anyMatch(v -> v.name().equals(name)))
                throw new SourceError(name + " is named twice among the variables to optimize over");
            variables.add(typed.variable(name).orElseThrow(() -> new SourceError(name
                    + " is not in the objective or the constraints, so there is nothing to optimize it for"
                    + names(" (they use ", typed.variables(), ")"))));
        }
        List<Var> parameters = typed.variables().stream().filter(v -> !variables.contains(v)).toList();
        TypedProblem result = new TypedProblem(p, typed, typed.expr(), variables, parameters, normal);
        checkValues(result);
        for (TypedConstraint c : normal)
            if (Nodes.variables(c.expr()).stream().noneMatch(variables::contains))
                throw texts.get(c.index()).whole(c.describe() + " involves none of the variables ("
                        + String.join(", ", p.over()) + "): it holds or fails whatever they are", constraints.get(c.index()).end());
        return result;
    }

    private static Located located(Problem p, String text, int offset) {
        return p.origin() == null ? Located.alone(text) : new Located(text, p.origin().document(), offset);
    }

    /** The constraint's comparison, and each side on its own: an expression, nothing less and nothing more. */
    private static Constraint parse(Located at) {
        Constraint c;
        try {
            c = Constraint.parse(at.text());
        } catch (SourceError e) {
            throw at.error(e.getMessage(), e.span().start(), e.span().end());
        }
        side(at, c.left(), 0);
        side(at, c.right(), c.operatorEnd());
        return c;
    }

    private static void side(Located at, String side, int from) {
        Program program;
        try {
            program = Parser.parse(side);
        } catch (SourceError e) {
            if (e.span() == null) throw e;
            throw at.error(e.getMessage(), from + e.span().start(), from + e.span().end());
        }
        if (!program.definitions().isEmpty()) {
            Program.Definition d = program.definitions().get(0);
            throw at.error("a side of a constraint is one expression; define names (" + d.name()
                    + " = ...) in the objective", from + d.nameSpan().start(), from + d.nameSpan().end());
        }
    }

    /**
     * The declarations, with psd parameters symmetric, and the kind of every undeclared name that
     * has a value taken from the value: a 1×1 value is a scalar whatever its letter ({@code lam}),
     * an n×1 one a vector, an m×n one a matrix (their sizes are bound from the values as usual).
     */
    private static Map<String, Declaration> declarations(Problem p) {
        Map<String, Declaration> lets = new LinkedHashMap<>(p.declarations());
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>(p.data());
        values.putAll(p.start());
        values.forEach((name, m) -> {
            if (lets.containsKey(name) || p.psd().contains(name) || m.numRows == 1 && m.numCols > 1) return;
            lets.put(name, m.numRows == 1 ? Declaration.SCALAR
                    : Declaration.ofKind(m.numCols == 1 ? Declaration.Kind.VECTOR : Declaration.Kind.MATRIX));
        });
        for (String name : p.psd()) {
            Declaration d = lets.get(name);
            if (d == null || d.kind() == Declaration.Kind.MATRIX) lets.put(name, Declaration.ofKind(Declaration.Kind.SYMMETRIC));
            else if (d.kind() != Declaration.Kind.SYMMETRIC)
                throw new SourceError(name + " is declared psd, which a " + d + " cannot be: psd is for square matrices");
        }
        return lets;
    }

    /**
     * A value's kind as the typer takes it: the declared kind where the sizes allow it (a 1×1 value
     * of a declared vector is a vector of length 1), else by its sizes, so that a value that does
     * not fit its declaration is reported by the typer with both.
     */
    private static ValueShape valueShape(DMatrixRMaj m, Declaration declared) {
        ValueShape.Kind kind = declared == null ? null : switch (declared.kind()) {
            case SCALAR -> ValueShape.Kind.SCALAR;
            case VECTOR -> ValueShape.Kind.VECTOR;
            case MATRIX, SYMMETRIC -> ValueShape.Kind.MATRIX;
        };
        if (kind == ValueShape.Kind.MATRIX) return ValueShape.matrix(m.numRows, m.numCols);
        if (kind == ValueShape.Kind.VECTOR && m.numCols == 1) return ValueShape.vector(m.numRows);
        if (m.numRows == 1 && m.numCols == 1) return kind == null || kind == ValueShape.Kind.SCALAR ? ValueShape.SCALAR : ValueShape.vector(1);
        return m.numCols == 1 ? ValueShape.vector(m.numRows) : ValueShape.matrix(m.numRows, m.numCols);
    }

    private static final java.util.regex.Pattern VALUE_GIVEN = java.util.regex.Pattern.compile("the value given for (\\p{L}[\\p{L}\\p{N}_]*|_[\\p{L}\\p{N}_]*)");

    /**
     * The typer says "the value given for a"; a problem's values are data or start values, and the
     * user gave them in different places: say which ("the data for a", "the start value of x"),
     * the words {@link ValueChecks} uses too.
     */
    private static SourceError valuesNamed(SourceError e, Problem p) {
        java.util.regex.Matcher m = VALUE_GIVEN.matcher(e.getMessage());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String words = p.start().containsKey(name) ? "the start value of " + name
                    : p.data().containsKey(name) ? "the data for " + name : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(words));
        }
        m.appendTail(out);
        return out.toString().equals(e.getMessage()) ? e : new SourceError(out.toString(), e.source(), e.span());
    }

    /**
     * The typer's error in the user's text; where the two sides of a constraint could not be
     * subtracted, their shapes differ: say so in the constraint's terms, with both shapes.
     */
    private static SourceError explain(SourceError e, ProgramText program, Located objective, List<Located> texts,
                                       List<Constraint> constraints, Map<String, Declaration> lets, Map<String, ValueShape> shapes) {
        int i = e.span() == null ? -1 : program.sidesDisagree(e.span());
        if (i < 0) return program.map(e);
        return sidesApart(i, objective, texts, constraints, lets, shapes, false).orElseGet(() -> program.map(e));
    }

    /**
     * Constraint i's sides typed apart, and the error that names both shapes; empty where they cannot
     * be typed apart, or where {@code onlyExpanded} and they do not differ by an implicit expansion.
     * A comparison is element-wise: implicit expansion, which lets L - R succeed for a row and a
     * column ({@code x' <= b}, one inequality per pair of entries), is not a constraint's meaning.
     */
    private static java.util.Optional<SourceError> sidesApart(int i, Located objective, List<Located> texts, List<Constraint> constraints,
                                                             Map<String, Declaration> lets, Map<String, ValueShape> shapes,
                                                             boolean onlyExpanded) {
        Constraint c = constraints.get(i);
        ProgramText split = new ProgramText(objective, texts, constraints, i);
        Typed apart;
        try {
            apart = Typer.type(Parser.parse(split.program), lets, shapes);
        } catch (SourceError other) {
            return java.util.Optional.empty();
        }
        Expr left = definition(apart, split.names.get(i)), right = definition(apart, split.rightNames.get(i));
        if (onlyExpanded && !expandedAgainst(left, right)) return java.util.Optional.empty();
        return java.util.Optional.of(texts.get(i).whole("the two sides of the constraint differ in shape: " + Text.abbreviate(c.left())
                + " is " + sized(left, apart) + " but " + Text.abbreviate(c.right()) + " is " + sized(right, apart)
                + " (a comparison is element-wise; a scalar side compares with every entry)", c.end()));
    }

    /** Whether subtracting the sides expands one of them: neither is a scalar, and in some dimension one is 1 and the other not. */
    private static boolean expandedAgainst(Expr left, Expr right) {
        if (left.isScalar() || right.isScalar()) return false;
        return left.shape().rows().isOne() != right.shape().rows().isOne()
                || left.shape().cols().isOne() != right.shape().cols().isOne();
    }

    /** {@code n×1}, or {@code 3×1} where the data fixes n. */
    private static String sized(Expr e, Typed typed) {
        java.util.function.Function<dev.matcalc.shapes.Dim, String> size = d -> {
            Integer bound = typed.dimensionValues().get(d.toString());
            return bound != null ? bound.toString() : d.toString();
        };
        return size.apply(e.shape().rows()) + "×" + size.apply(e.shape().cols());
    }

    private static Expr definition(Typed typed, String name) {
        return typed.definitions().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().expr();
    }

    /** Values: data for every parameter and for no variable, start values for variables only, all well formed. */
    private static void checkValues(TypedProblem t) {
        Problem p = t.problem();
        for (Var v : t.variables())
            if (p.data().containsKey(v.name()))
                throw new SourceError(v.name() + " is a variable to optimize over, but data is given for it; "
                        + "give a start value instead, or leave it out of the variables to treat it as data");
        for (String name : p.start().keySet())
            if (t.variables().stream().noneMatch(v -> v.name().equals(name)))
                throw new SourceError("a start value is given for " + name + ", which is not a variable to optimize over"
                        + names(" (those are ", t.variables(), ")"));
        List<String> missing = new ArrayList<>();
        for (Var v : t.parameters())
            if (!p.data().containsKey(v.name())) missing.add(v.name() + " (" + kindOf(v) + ", used in " + usedIn(t, v) + ")");
        if (!missing.isEmpty())
            throw new SourceError("no data for " + (missing.size() == 1 ? "the parameter " : "the parameters ")
                    + String.join(", ", missing) + "; every name that is not a variable needs a value");
        for (Var v : t.parameters()) {
            if (p.data().get(v.name()) instanceof dev.matcalc.problem.rows.RowPlaceholder) continue;   // checked as it is read
            boolean psd = p.psd().contains(v.name());
            ValueChecks.check(v, p.data().get(v.name()), "the data for " + v.name(), psd);
        }
        for (String name : p.psd())
            if (t.variables().stream().anyMatch(v -> v.name().equals(name)))
                throw new SourceError(name + " is declared psd, but it is a variable: positive semidefiniteness is "
                        + "checked on data, not kept during a solve; declare it symmetric and keep it positive definite "
                        + "through the objective (a term such as -logdet(" + name + ") does)");
        for (Var v : t.variables()) {
            DMatrixRMaj start = p.start().get(v.name());
            if (start != null) ValueChecks.check(v, start, "the start value of " + v.name(), false);
        }
    }

    private static String kindOf(Var v) {
        return v.kind() == Var.Kind.SYMMETRIC ? "symmetric(" + v.shape().rows() + ")" : v.shape().declaration();
    }

    private static String usedIn(TypedProblem t, Var v) {
        if (Nodes.contains(t.objective(), v)) return "the objective";
        for (TypedConstraint c : t.constraints()) if (Nodes.contains(c.expr(), v)) return c.describe();
        return "the problem";
    }

    private static String names(String before, List<Var> vars, String after) {
        return vars.isEmpty() ? "" : before + String.join(", ", vars.stream().map(Var::name).toList()) + after;
    }
}
