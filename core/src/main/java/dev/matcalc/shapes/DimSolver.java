package dev.matcalc.shapes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Union-find over dimension classes, for shape inference. A class is free (a size still to be
 * found), fixed ({@code 3}), a declared symbol ({@code n}, rigid: two different symbols never
 * unify) or the sum of other classes (the height of a block matrix). Free classes stand for sizes
 * of vectors and matrices and never unify with 1, so whether a value is a scalar, a vector or a
 * matrix is known as soon as it is built. Classes are numbered in order of creation, which is the
 * order of first appearance in the source; fresh names follow that order.
 */
final class DimSolver {
    /** The class of the unit dimension of scalars and vectors. */
    static final int ONE = 0;

    private enum Kind { FREE, FIXED, SYMBOL, SUM }

    private final List<Integer> parent = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<Object> data = new ArrayList<>(); // Integer (fixed), String (symbol), int[] (sum)
    private final Map<String, Integer> symbols = new HashMap<>();

    DimSolver() {
        add(Kind.FIXED, 1);
    }

    private int add(Kind kind, Object value) {
        parent.add(parent.size());
        kinds.add(kind);
        data.add(value);
        return parent.size() - 1;
    }

    int fresh() {
        return add(Kind.FREE, null);
    }

    int fixed(int size) {
        return size == 1 ? ONE : add(Kind.FIXED, size);
    }

    /** The class of a declared symbolic dimension; the same name always gives the same class. */
    int symbol(String name) {
        return symbols.computeIfAbsent(name, n -> add(Kind.SYMBOL, n));
    }

    /** The sum of classes side by side (parts in order, as {@link Dim#plus} folds them). */
    int sum(List<Integer> parts) {
        return parts.size() == 1 ? parts.get(0) : add(Kind.SUM, parts.stream().mapToInt(i -> i).toArray());
    }

    int find(int c) {
        int root = c;
        while (parent.get(root) != root) root = parent.get(root);
        while (parent.get(c) != root) { // path compression
            int next = parent.get(c);
            parent.set(c, root);
            c = next;
        }
        return root;
    }

    boolean same(int a, int b) {
        return find(a) == find(b);
    }

    boolean isOne(int c) {
        return find(c) == ONE;
    }

    /** Makes a and b one class, or returns false (changing nothing) when they cannot be equal. */
    boolean unify(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return true;
        Kind ka = kinds.get(ra), kb = kinds.get(rb);
        if (ka == Kind.FREE && kb == Kind.FREE) {
            // Keep the older class as root: the name follows the first appearance.
            if (ra < rb) parent.set(rb, ra); else parent.set(ra, rb);
            return true;
        }
        if (ka == Kind.FREE) return bindFree(ra, rb);
        if (kb == Kind.FREE) return bindFree(rb, ra);
        Integer va = fixedValue(ra), vb = fixedValue(rb);
        if (va != null && vb != null) {
            if (!va.equals(vb)) return false;
            if (ka == Kind.FIXED) parent.set(rb, ra); else parent.set(ra, rb);
            return true;
        }
        if (ka == Kind.SUM && kb == Kind.SUM) {
            int[] pa = (int[]) data.get(ra), pb = (int[]) data.get(rb);
            if (pa.length != pb.length) return false;
            for (int i = 0; i < pa.length; i++) if (!unify(pa[i], pb[i])) return false;
            parent.set(rb, ra);
            return true;
        }
        return false;
    }

    private boolean bindFree(int free, int other) {
        if (free == ONE || other == ONE) return false; // a vector's or matrix's size is never 1
        if (occurs(free, other)) return false;       // n = n + 1 has no solution
        parent.set(free, other);
        return true;
    }

    private boolean occurs(int free, int c) {
        int r = find(c);
        if (r == free) return true;
        if (kinds.get(r) != Kind.SUM) return false;
        for (int part : (int[]) data.get(r)) if (occurs(free, part)) return true;
        return false;
    }

    /** The size of a class when it is fixed (or a sum of fixed parts), else null. */
    Integer fixedValue(int c) {
        return value(c, Map.of());
    }

    /** The size of a class given sizes bound to some roots (by values), or null when unknown. */
    Integer value(int c, Map<Integer, Integer> bound) {
        int r = find(c);
        return switch (kinds.get(r)) {
            case FIXED -> (Integer) data.get(r);
            case FREE, SYMBOL -> bound.get(r);
            case SUM -> {
                long total = 0;
                for (int part : (int[]) data.get(r)) {
                    Integer v = value(part, bound);
                    if (v == null) yield null;
                    total += v;
                }
                yield total > Integer.MAX_VALUE ? null : (int) total;
            }
        };
    }

    /** Whether the root of c is a size to be named or bound (free or symbol), rather than fixed or a sum. */
    boolean isNamed(int c) {
        Kind k = kinds.get(find(c));
        return k == Kind.FREE || k == Kind.SYMBOL;
    }

    /**
     * Names for the free classes: n, m, k, p, q, r, s, ... in order of first appearance,
     * skipping {@code reserved} (declared dimension names, variable names).
     */
    Map<Integer, String> freshNames(Set<String> reserved) {
        Map<Integer, String> names = new HashMap<>();
        FreshNames source = new FreshNames(reserved);
        for (int c = 0; c < parent.size(); c++) {
            if (kinds.get(c) == Kind.FREE && find(c) == c) names.put(c, source.next());
        }
        return names;
    }

    /** The dimension a class stands for, with free classes named by {@code names}. */
    Dim resolve(int c, Map<Integer, String> names) {
        int r = find(c);
        return switch (kinds.get(r)) {
            case FIXED -> Dim.of((Integer) data.get(r));
            case SYMBOL -> Dim.of((String) data.get(r));
            case FREE -> Dim.of(names.getOrDefault(r, "?"));
            case SUM -> {
                Dim total = null;
                for (int part : (int[]) data.get(r)) {
                    Dim d = resolve(part, names);
                    total = total == null ? d : Dim.plus(total, d);
                }
                yield total;
            }
        };
    }

    /** The symbols declared so far. */
    Collection<String> symbolNames() {
        return symbols.keySet();
    }

    /** n, m, k, p, q, r, s, t, u, v, w, then n2, m2, ... */
    private static final class FreshNames {
        private static final String[] BASE = {"n", "m", "k", "p", "q", "r", "s", "t", "u", "v", "w"};
        private final Set<String> reserved;
        private int index;

        FreshNames(Set<String> reserved) {
            this.reserved = reserved;
        }

        String next() {
            while (true) {
                int round = index / BASE.length;
                String name = BASE[index % BASE.length] + (round == 0 ? "" : Integer.toString(round + 1));
                index++;
                if (!reserved.contains(name)) return name;
            }
        }
    }
}
