package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * A typed matrix expression. The node set is closed (operations are exhaustive switches over it);
 * the function set is open ({@link Fn}, {@link MatFn}).
 */
public sealed interface Expr
        permits Var, Num, Ones, Identity, Zero, Add, MatMul, Transpose, Hadamard, Power, Apply, Call, MaxMin, Block, Ref {

    Shape shape();

    default boolean isScalar() {
        return shape().isScalar();
    }
}
