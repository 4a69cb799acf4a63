package dev.matcalc.shapes;

/**
 * One dimension of a shape: a fixed size ({@code 3}) or a symbolic one ({@code n}).
 * Two symbolic dimensions are equal only when their names are; {@link Fixed#ONE} marks the
 * unit dimension of scalars and vectors.
 */
public sealed interface Dim extends java.io.Serializable permits Dim.Fixed, Dim.Sym {

    Fixed ONE = new Fixed(1);

    static Dim of(int size) {
        return size == 1 ? ONE : new Fixed(size);
    }

    static Dim of(String name) {
        return new Sym(name);
    }

    /** The size of two blocks side by side: fixed sizes add up, symbolic ones stay a sum ({@code n+m}). */
    static Dim plus(Dim a, Dim b) {
        if (a instanceof Fixed x && b instanceof Fixed y) return of(x.value() + y.value());
        return new Sym(a + "+" + b);
    }

    default boolean isOne() {
        return this instanceof Fixed f && f.value() == 1;
    }

    record Fixed(int value) implements Dim {
        public Fixed {
            if (value < 1) throw new IllegalArgumentException("a dimension must be positive, got " + value);
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record Sym(String name) implements Dim {
        @Override
        public String toString() {
            return name;
        }
    }
}
