package dev.matcalc.numeric;

import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sizes of symbolic dimensions at one point, bound from the values given for the variables
 * whose shapes mention them. Every binding is checked against the earlier ones, and a conflict is
 * told with both variables and both shapes, since the user has to find which value is wrong.
 */
final class DimBinding {
    private final Map<String, Integer> sizes = new HashMap<>();
    /** For each bound symbol, who bound it: {@code x (n×1) is given as 3×1}. */
    private final Map<String, String> boundBy = new HashMap<>();

    /** Fixes a symbol's size up front (a caller's choice); {@code why} names the source in errors. */
    void fix(String symbol, int size, String why) {
        if (size < 1) throw new SourceError("the size " + symbol + " must be positive, got " + size);
        check(symbol, size, why);
    }

    /** Binds the symbols of {@code v}'s shape from its value, checking fixed sizes and earlier bindings. */
    void bind(Var v, DMatrixRMaj value) {
        Shape s = v.shape();
        String given = v.name() + " (" + s + ") is given as " + value.numRows + "×" + value.numCols;
        if (!fits(s.rows(), value.numRows) || !fits(s.cols(), value.numCols))
            throw new SourceError(v.name() + " is " + s + " but is given as " + value.numRows + "×" + value.numCols);
        if (s.rows() instanceof Dim.Sym r) check(r.name(), value.numRows, given);
        if (s.cols() instanceof Dim.Sym c) check(c.name(), value.numCols, given);
    }

    private static boolean fits(Dim d, int actual) {
        return !(d instanceof Dim.Fixed f) || f.value() == actual;
    }

    private void check(String symbol, int size, String why) {
        Integer old = sizes.get(symbol);
        if (old == null) {
            sizes.put(symbol, size);
            boundBy.put(symbol, why);
        } else if (old != size) {
            String earlier = boundBy.get(symbol);
            throw new SourceError(earlier.equals(why)
                    ? why + ", so " + symbol + " is both " + old + " and " + size
                    : earlier + " but " + why + ", so " + symbol + " is both " + old + " and " + size);
        }
    }

    /** The size of {@code d}, or empty while a symbol in it is unbound. */
    OptionalInt tryResolve(Dim d) {
        if (d instanceof Dim.Fixed f) return OptionalInt.of(f.value());
        String name = ((Dim.Sym) d).name();
        Integer bound = sizes.get(name);
        if (bound != null) return OptionalInt.of(bound);
        // Dim.plus writes the size of side-by-side blocks as "n+m" (or "n+2"): add up its parts.
        if (!name.contains("+")) return OptionalInt.empty();
        int total = 0;
        for (String part : name.split("\\+")) {
            String p = part.strip();
            if (p.chars().allMatch(Character::isDigit) && !p.isEmpty()) total += Integer.parseInt(p);
            else if (sizes.containsKey(p)) total += sizes.get(p);
            else return OptionalInt.empty();
        }
        return OptionalInt.of(total);
    }

    /** The size of {@code d}; a {@link SourceError} when no value bound it. */
    int size(Dim d) {
        return tryResolve(d).orElseThrow(() -> new SourceError(
                "the size " + d + " is not known: no variable given a value has it in its shape"));
    }

    Map<String, Integer> sizes() {
        return Collections.unmodifiableMap(sizes);
    }
}
