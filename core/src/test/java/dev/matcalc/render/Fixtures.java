package dev.matcalc.render;

import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared test variables: scalars a, c, k; n-vectors x, y, z; m-vector b; n×n A, B, C, X; symmetric S; m×n W. */
final class Fixtures {
    private Fixtures() { }

    static final Dim N = Dim.of("n");
    static final Dim M = Dim.of("m");
    static final Var a = new Var("a", Shape.SCALAR);
    static final Var c = new Var("c", Shape.SCALAR);
    static final Var k = new Var("k", Shape.SCALAR);
    static final Var x = new Var("x", Shape.vector(N));
    static final Var y = new Var("y", Shape.vector(N));
    static final Var z = new Var("z", Shape.vector(N));
    static final Var b = new Var("b", Shape.vector(M));
    static final Var A = new Var("A", Shape.matrix(N, N));
    static final Var B = new Var("B", Shape.matrix(N, N));
    static final Var C = new Var("C", Shape.matrix(N, N));
    static final Var X = new Var("X", Shape.matrix(N, N));
    static final Var S = new Var("S", Shape.matrix(N, N), Var.Kind.SYMMETRIC);
    static final Var W = new Var("W", Shape.matrix(M, N));

    static final Map<String, Var> VARS = Stream.of(a, c, k, x, y, z, b, A, B, C, X, S, W)
            .collect(Collectors.toMap(Var::name, Function.identity()));
}
