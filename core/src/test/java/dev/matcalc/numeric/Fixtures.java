package dev.matcalc.numeric;

import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import org.ejml.data.DMatrixRMaj;

/** Small builders shared by the tests. */
final class Fixtures {
    private Fixtures() { }

    static final Dim N = Dim.of("n"), M = Dim.of("m");

    static Var vector(String name, Dim n) {
        return new Var(name, Shape.vector(n));
    }

    static Var matrix(String name, Dim rows, Dim cols) {
        return new Var(name, Shape.matrix(rows, cols));
    }

    static Var scalar(String name) {
        return new Var(name, Shape.SCALAR);
    }

    /** The differential of {@code x}: same shape, kind DIFFERENTIAL. */
    static Var differential(Var x) {
        return new Var("d" + x.name(), x.shape(), Var.Kind.DIFFERENTIAL);
    }

    static DMatrixRMaj col(double... v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    static DMatrixRMaj rows(double[]... r) {
        return new DMatrixRMaj(r);
    }

    static DMatrixRMaj one(double v) {
        return new DMatrixRMaj(1, 1, true, v);
    }
}
