package dev.matcalc.render;

import dev.matcalc.expr.*;

import java.util.*;

/**
 * Names the repeated subterms of an answer, so that {@code W'*(exp(W*x + b).*exp(W*x + b))}
 * reads {@code W'*(t0.*t0) where t0 = exp(W*x + b)}.
 *
 * <p>Threshold: a subterm is named when it is non-trivial and still occurs at least twice once
 * the larger named subterms are in place (counting each definition once). Trivial are the leaves
 * (variables, numbers, ones, identities, zeros) and transposes and number multiples of trivial
 * terms ({@code x'}, {@code -x}, {@code 2*A}): naming them would not shorten anything.
 *
 * <p>Candidates are tried largest first, so a subterm seen only inside a repeated bigger one
 * (as often as that one) is covered by the bigger name and not named itself. Names are
 * {@code t0}, {@code t1}, ... innermost first (a definition uses only earlier names); when a user
 * variable is {@code t} (or {@code t1}...), another letter, so that no name reads as an entry of a variable.
 */
public final class CommonSubexpressions {
    private CommonSubexpressions() { }

    /** Letters for the names, in order of preference ({@link HelperNames}: none a user's variable or its prefix). */
    private static final List<String> PREFIXES = List.of("t", "s", "h", "c", "q");

    /** A named subterm: {@code name = value}, where value may use the names defined before it. */
    public record Definition(String name, Expr value) { }

    /** The expression with its repeated subterms replaced by {@code Var}s defined in {@code definitions}. */
    public record Named(Expr body, List<Definition> definitions) {
        public Named {
            definitions = List.copyOf(definitions);
        }
    }

    public static Named name(Expr e) {
        Interned in = new Interned(e);
        int root = in.id(e);
        long[] counts = in.treeCounts(root);
        Set<String> taken = new HashSet<>();
        for (Expr s : in.representatives) {
            if (s instanceof Var v) taken.add(v.name());
            if (s instanceof Ref r) taken.add(r.name());
        }
        // ids are numbered in pre-order of first occurrence: ties keep the first-seen order (stable sort)
        List<Integer> candidates = new ArrayList<>();
        for (int id = 0; id < in.size(); id++)
            if (counts[id] >= 2 && !isTrivial(in.representatives.get(id))) candidates.add(id);
        candidates.sort(Comparator.comparingLong((Integer id) -> in.treeSizes[id]).reversed());
        List<Integer> chosen = new ArrayList<>();
        Set<Integer> named = new HashSet<>();
        for (int c : candidates) {
            Map<Integer, Long> memo = new HashMap<>();
            long uses = occurrences(in, root, c, named, false, memo);
            for (int d : chosen) uses += occurrences(in, d, c, named, true, memo);
            if (uses >= 2) {
                chosen.add(c);
                named.add(c);
            }
        }
        // innermost first: a subterm is smaller than any term containing it (stable sort keeps first-seen order)
        List<Integer> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparingLong((Integer id) -> in.treeSizes[id]));
        Map<Integer, Var> vars = new HashMap<>();
        List<Definition> definitions = new ArrayList<>();
        int next = 0;
        String prefix = HelperNames.prefix(taken, PREFIXES);
        for (int id : ordered) {
            while (taken.contains(prefix + next)) next++;
            String name = prefix + next++;
            Expr d = in.representatives.get(id);
            definitions.add(new Definition(name, withChildren(d, children(d).stream().map(c -> replace(in, c, vars)).toList())));
            vars.put(id, new Var(name, d.shape()));
        }
        return new Named(replace(in, e, vars), definitions);
    }

    /** Also a power of a trivial term ({@code 1/c}, {@code x.^2}): it reads as short as a name. */
    static boolean isTrivial(Expr e) {
        if (e instanceof Power p && p.exponent() instanceof Num) return isTrivial(p.base());
        return dev.matcalc.expr.Refs.isTrivial(e);
    }

    /**
     * Occurrences of {@code target} in the tree of subterm {@code id}, not looking inside already
     * named subterms (except at a definition's root), capped at 2 (all the caller asks is "twice?").
     * Memoized per distinct subterm, so the cost is the DAG's size, not the tree's.
     */
    private static long occurrences(Interned in, int id, int target, Set<Integer> named, boolean isDefinitionRoot,
                                    Map<Integer, Long> memo) {
        if (id == target) return 1;
        if (!isDefinitionRoot && named.contains(id)) return 0;
        Long known = isDefinitionRoot ? null : memo.get(id);
        if (known != null) return known;
        long n = 0;
        for (int c : in.children[id]) n = Math.min(2, n + occurrences(in, c, target, named, false, memo));
        if (!isDefinitionRoot) memo.put(id, n);
        return n;
    }

    private static Expr replace(Interned in, Expr e, Map<Integer, Var> vars) {
        Var v = vars.get(in.id(e));
        if (v != null) return v;
        List<Expr> cs = children(e);
        return cs.isEmpty() ? e : withChildren(e, cs.stream().map(c -> replace(in, c, vars)).toList());
    }

    /**
     * Structurally equal subterms share one number, computed bottom-up from the children's numbers,
     * so comparing and hashing subterms costs O(1) instead of a walk over records (which hash and
     * compare deeply: on answers whose trees are much larger than their DAGs, e.g. nested inverses,
     * that walk made naming cubic or worse in the depth).
     */
    private static final class Interned {
        private final Map<Expr, Integer> byIdentity = new IdentityHashMap<>();
        private final Map<Key, Integer> byStructure = new HashMap<>();
        final List<Expr> representatives = new ArrayList<>();   // the first occurrence, in pre-order
        private final List<int[]> childIds = new ArrayList<>();
        final int[][] children;
        final long[] treeSizes;

        /** A node's own data (its class and non-child fields) and its children's numbers. */
        private record Key(Class<?> kind, Object own, List<Integer> children) { }

        Interned(Expr root) {
            intern(root);
            children = childIds.toArray(int[][]::new);
            treeSizes = new long[children.length];
            for (int id = 0; id < children.length; id++) treeSize(id);
        }

        int size() {
            return representatives.size();
        }

        /** The number of a subterm of the root. */
        int id(Expr e) {
            return byIdentity.get(e);
        }

        private int intern(Expr e) {
            Integer known = byIdentity.get(e);
            if (known != null) return known;
            List<Expr> cs = CommonSubexpressions.children(e);
            int reserved = representatives.size();            // pre-order numbering: a parent before its new children
            representatives.add(e);
            childIds.add(null);
            List<Integer> kids = new ArrayList<>(cs.size());
            for (Expr c : cs) kids.add(intern(c));
            Key key = new Key(e.getClass(), cs.isEmpty() ? e : own(e), kids);
            Integer existing = byStructure.get(key);
            int id;
            if (existing != null) {        // an equal subterm was seen (so were its children): drop the reservation
                id = existing;
                representatives.remove(reserved);
                childIds.remove(reserved);
            } else {
                id = reserved;
                byStructure.put(key, id);
                childIds.set(id, kids.stream().mapToInt(Integer::intValue).toArray());
            }
            byIdentity.put(e, id);
            return id;
        }

        private static Object own(Expr e) {
            return switch (e) {
                case Add a -> a.shape();
                case MatMul m -> m.shape();
                case Apply a -> a.fn();
                case Call c -> c.fn();
                case MaxMin m -> m.op();
                case Block b -> List.of(b.shape(), b.rows().stream().map(List::size).toList());
                default -> "";                                  // Transpose, Hadamard, Power: children only
            };
        }

        private long treeSize(int id) {
            if (treeSizes[id] > 0) return treeSizes[id];
            long n = 1;
            for (int c : children[id]) n = Math.min(Long.MAX_VALUE / 4, n + treeSize(c));
            return treeSizes[id] = n;
        }

        /** How often each subterm occurs in the tree of {@code root} (saturating). */
        long[] treeCounts(int root) {
            // a subterm's tree is larger than any of its subterms': by decreasing size, parents come first
            Integer[] byDecreasingSize = new Integer[children.length];
            for (int id = 0; id < children.length; id++) byDecreasingSize[id] = id;
            Arrays.sort(byDecreasingSize, Comparator.comparingLong((Integer id) -> treeSizes[id]).reversed());
            long[] counts = new long[children.length];
            counts[root] = 1;
            for (int id : byDecreasingSize)
                for (int c : children[id]) counts[c] = Math.min(Long.MAX_VALUE / 4, counts[c] + counts[id]);
            return counts;
        }
    }

    /** The children a repeated subterm is looked for in; a named subterm is already named. */
    static List<Expr> children(Expr e) {
        return e instanceof Ref ? List.of() : dev.matcalc.expr.Nodes.children(e);
    }

    /** The same node over new children, built directly (a smart constructor could regroup it). */
    static Expr withChildren(Expr e, List<Expr> cs) {
        return switch (e) {
            case Add a -> new Add(cs, a.shape());
            case MatMul m -> new MatMul(cs, m.shape());
            case Transpose t -> new Transpose(cs.get(0));
            case Hadamard h -> new Hadamard(cs.get(0), cs.get(1));
            case Power p -> new Power(cs.get(0), cs.get(1));
            case Apply a -> new Apply(a.fn(), cs.get(0));
            case Call c -> new Call(c.fn(), cs.get(0));
            case MaxMin m -> new MaxMin(m.op(), cs.get(0), cs.get(1));
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int i = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(cs.subList(i, i + row.size()));
                    i += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> e;
        };
    }
}
