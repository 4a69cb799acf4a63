package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * A typed matrix expression. The node set is closed (operations are exhaustive switches over it);
 * the function set is open ({@link Fn}, {@link MatFn}). Expressions are serializable: a
 * distributed objective ships its per-block expressions to the machines that hold the rows.
 */
public sealed interface Expr extends java.io.Serializable
        permits Var, Num, Ones, Identity, Zero, Add, MatMul, Transpose, Hadamard, Power, Apply, Call, MaxMin, Block, Ref {

    Shape shape();

    default boolean isScalar() {
        return shape().isScalar();
    }
}
