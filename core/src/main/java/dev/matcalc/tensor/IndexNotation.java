package dev.matcalc.tensor;

import dev.matcalc.expr.*;
import dev.matcalc.render.Render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entries of a derivative in index (Einstein) notation, read off its differential: each
 * entry of dF is a sum of products of entries of constant matrices and Kronecker deltas with
 * the direction's indices; deltas on summed indices are eliminated. Free indices name the
 * function's axes (i, j), then each direction's (k, l; p, q; ...); a vector contributes one
 * index, a scalar none.
 */
public final class IndexNotation {
    /** δ(a,b), or the entry e[row, col] of a constant e (null index: a dimension of size 1). */
    sealed interface Factor permits Delta, Entry { }

    record Delta(String a, String b) implements Factor { }

    record Entry(Expr of, String row, String col) implements Factor { }

    /** coefficient · Π factors. */
    record Term(double coefficient, List<Factor> factors) { }

    /** The whole form: the tensor's free indices and the sum of terms for its entry. */
    public record Form(List<String> indices, List<Term> terms) {
        public String toText() {
            return lhs("T") + " = " + body(false);
        }

        public String toLatex() {
            return "T_{" + String.join("", indices) + "} = " + body(true);
        }

        private String lhs(String name) {
            return indices.isEmpty() ? name : name + "[" + String.join(",", indices) + "]";
        }

        private String body(boolean latex) {
            if (terms.isEmpty()) return "0";
            StringBuilder sb = new StringBuilder();
            for (Term t : terms) {
                String factors = factors(t, latex);
                double c = t.coefficient();
                if (sb.isEmpty()) sb.append(c < 0 ? "-" : "");
                else sb.append(c < 0 ? " - " : " + ");
                double a = Math.abs(c);
                String coefficient = a == 1 ? "" : number(a);
                if (factors.isEmpty()) sb.append(coefficient.isEmpty() ? "1" : coefficient);
                else sb.append(coefficient.isEmpty() ? "" : coefficient + (latex ? "\\," : "·")).append(factors);
            }
            return sb.toString();
        }

        private static String factors(Term t, boolean latex) {
            List<String> out = new ArrayList<>();
            for (Factor f : t.factors()) {
                if (f instanceof Delta d) out.add(latex ? "\\delta_{" + d.a() + d.b() + "}" : "δ(" + d.a() + "," + d.b() + ")");
                else if (f instanceof Entry e) out.add(entry(e, latex));
            }
            return String.join(latex ? "\\," : "·", out);
        }

        private static String entry(Entry e, boolean latex) {
            String idx = e.row() == null && e.col() == null ? ""
                    : e.row() == null ? e.col() : e.col() == null ? e.row() : (latex ? e.row() + e.col() : e.row() + "," + e.col());
            // names and function calls read unbracketed: A[i,k], inv(X)[i,k], tr(A)
            boolean atom = e.of() instanceof Var || e.of() instanceof Call || e.of() instanceof Apply || idx.isEmpty()
                    && !(e.of() instanceof Add);
            if (latex) {
                String body = atom ? Render.latex(e.of()) : "\\left(" + Render.latex(e.of()) + "\\right)";
                return idx.isEmpty() ? body : body + "_{" + idx + "}";
            }
            String body = atom ? Render.text(e.of()) : "(" + Render.text(e.of()) + ")";
            return idx.isEmpty() ? body : body + "[" + idx + "]";
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private final Map<Var, String[]> directions = new LinkedHashMap<>();
    private int dummies;

    private IndexNotation() { }

    /**
     * The index form of {@code differential}, linear in each of {@code directions}, whose value
     * has the shape of {@code base}; null when some node has no index rule (block literals).
     */
    public static Form of(Expr base, Expr differential, List<Var> directions) {
        IndexNotation n = new IndexNotation();
        String[] names = {"i", "j", "k", "l", "p", "q", "r", "s", "u", "v"};
        int next = 0;
        List<String> free = new ArrayList<>();
        String fr = base.shape().rows().isOne() ? null : names[next++];
        String fc = base.shape().cols().isOne() ? null : names[next++];
        if (fr != null) free.add(fr);
        if (fc != null) free.add(fc);
        for (Var d : directions) {
            if (next + 2 > names.length) return null;
            String r = d.shape().rows().isOne() ? null : names[next++];
            String c = d.shape().cols().isOne() ? null : names[next++];
            n.directions.put(d, new String[]{r, c});
            if (r != null) free.add(r);
            if (c != null) free.add(c);
        }
        try {
            List<Term> terms = new ArrayList<>();
            for (Term t : n.terms(differential, fr, fc)) {
                Term reduced = renumberDummies(eliminateDeltas(t, free), free);
                if (reduced.coefficient() != 0) terms.add(reduced);
            }
            return new Form(free, terms);
        } catch (UnsupportedOperationException noRule) {
            return null;
        }
    }

    private String dummy() {
        return "a" + (++dummies);
    }

    private boolean linear(Expr e) {
        for (Var d : directions.keySet()) if (Nodes.contains(e, d)) return true;
        return false;
    }

    private List<Term> terms(Expr e, String r, String c) {
        String row = e.shape().rows().isOne() ? null : r, col = e.shape().cols().isOne() ? null : c;
        if (!linear(e)) return List.of(constant(e, row, col));
        return switch (e) {
            case Var v -> {
                String[] idx = directions.get(v);
                List<Factor> fs = new ArrayList<>();
                if (idx[0] != null) fs.add(new Delta(row, idx[0]));
                if (idx[1] != null) fs.add(new Delta(col, idx[1]));
                yield List.of(new Term(1, fs));
            }
            case Add a -> {
                List<Term> out = new ArrayList<>();
                for (Expr t : a.terms()) out.addAll(t.isScalar() ? terms(t, null, null) : terms(t, row, col));
                yield out;
            }
            case MatMul m -> product(m, row, col);
            case Transpose t -> terms(t.arg(), col, row);
            case Hadamard h -> times(terms(h.left(), row, col), terms(h.right(), row, col));
            case Call call -> switch (call.fn()) {
                case SUM -> terms(call.arg(), dummy(), dummy());
                case TR -> {
                    String s = dummy();
                    yield terms(call.arg(), s, s);
                }
                case DIAG_MATRIX -> times(List.of(new Term(1, List.of(new Delta(row, col)))), terms(call.arg(), row, null));
                case DIAG_VECTOR -> terms(call.arg(), row, row);
                default -> throw new UnsupportedOperationException();
            };
            default -> throw new UnsupportedOperationException();
        };
    }

    /** (F₁…Fₙ)[r,c] = Σ F₁[r,a₁]·F₂[a₁,a₂]⋯Fₙ[aₙ₋₁,c], with runs of constant factors kept together. */
    private List<Term> product(MatMul m, String row, String col) {
        List<Expr> groups = new ArrayList<>();
        List<Expr> scalars = new ArrayList<>();
        List<Expr> run = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f.isScalar()) {
                scalars.add(f);
            } else if (linear(f)) {
                if (!run.isEmpty()) groups.add(Exprs.mul(run));
                run = new ArrayList<>();
                groups.add(f);
            } else {
                run.add(f);
            }
        }
        if (!run.isEmpty()) groups.add(Exprs.mul(run));
        List<Term> out = List.of(new Term(1, List.of()));
        for (Expr s : scalars) out = times(out, terms(s, null, null));
        String left = row;
        for (int i = 0; i < groups.size(); i++) {
            Expr g = groups.get(i);
            String right = i == groups.size() - 1 ? col : g.shape().cols().isOne() ? null : dummy();
            out = times(out, terms(g, left, right));
            left = right;
        }
        return out;
    }

    private static Term constant(Expr e, String row, String col) {
        return switch (e) {
            case Num n -> new Term(n.value(), List.of());
            case Zero z -> new Term(0, List.of());
            case Identity i -> new Term(1, List.of(new Delta(row, col)));
            case Ones o -> new Term(1, List.of());
            case MatMul m when m.factors().get(0) instanceof Num n ->
                    new Term(n.value(), List.of(entry(Exprs.mul(m.factors().subList(1, m.factors().size())), row, col)));
            default -> new Term(1, List.of(entry(e, row, col)));
        };
    }

    private static Factor entry(Expr e, String row, String col) {
        if (e instanceof Transpose t && t.arg() instanceof Var v) return new Entry(v, col, row);
        return new Entry(e, row, col);
    }

    private static List<Term> times(List<Term> a, List<Term> b) {
        List<Term> out = new ArrayList<>();
        for (Term x : a)
            for (Term y : b) {
                List<Factor> fs = new ArrayList<>(x.factors());
                fs.addAll(y.factors());
                out.add(new Term(x.coefficient() * y.coefficient(), fs));
            }
        return out;
    }

    /** δ(a,b) with a summed index: rename it and drop the delta. */
    private static Term eliminateDeltas(Term t, List<String> free) {
        List<Factor> fs = new ArrayList<>(t.factors());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < fs.size(); i++) {
                if (!(fs.get(i) instanceof Delta d)) continue;
                if (Objects.equals(d.a(), d.b()) && !free.contains(d.a())) continue;
                String dummy = !free.contains(d.a()) ? d.a() : !free.contains(d.b()) ? d.b() : null;
                if (dummy == null) continue;
                String keep = dummy.equals(d.a()) ? d.b() : d.a();
                fs.remove(i);
                fs.replaceAll(f -> rename(f, dummy, keep));
                changed = true;
                break;
            }
        }
        // a symmetric matrix reads with its indices in order: (V'*V)[j,l], not [l,j]
        fs.replaceAll(f -> f instanceof Entry e && e.row() != null && e.col() != null && e.row().compareTo(e.col()) > 0
                && dev.matcalc.simplify.Symmetry.isSymmetric(e.of()) ? new Entry(e.of(), e.col(), e.row()) : f);
        return new Term(t.coefficient(), fs);
    }

    /** The summed indices that survive, renamed a1, a2, ... in order of appearance. */
    private static Term renumberDummies(Term t, List<String> free) {
        List<String> seen = new ArrayList<>();
        for (Factor f : t.factors()) {
            List<String> names = f instanceof Delta d ? java.util.Arrays.asList(d.a(), d.b())
                    : java.util.Arrays.asList(((Entry) f).row(), ((Entry) f).col());
            for (String n : names) if (n != null && !free.contains(n) && !seen.contains(n)) seen.add(n);
        }
        List<Factor> fs = new ArrayList<>(t.factors());
        for (int k = 0; k < seen.size(); k++) {
            String from = seen.get(k), to = "#" + (k + 1);                // via a placeholder: names may swap
            fs.replaceAll(f -> rename(f, from, to));
        }
        for (int k = 0; k < seen.size(); k++) {
            String from = "#" + (k + 1), to = "a" + (k + 1);
            fs.replaceAll(f -> rename(f, from, to));
        }
        return new Term(t.coefficient(), fs);
    }

    private static Factor rename(Factor f, String from, String to) {
        return switch (f) {
            case Delta d -> new Delta(from.equals(d.a()) ? to : d.a(), from.equals(d.b()) ? to : d.b());
            case Entry e -> new Entry(e.of(), from.equals(e.row()) ? to : e.row(), from.equals(e.col()) ? to : e.col());
        };
    }
}
