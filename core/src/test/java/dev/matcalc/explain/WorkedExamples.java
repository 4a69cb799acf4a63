package dev.matcalc.explain;

import java.util.ArrayList;
import java.util.List;

/** The notes' worked examples, as the CLI is asked for them. */
record WorkedExamples(String name, String expr, List<String> lets, List<String> wrt) {
    static final List<WorkedExamples> ALL = List.of(
            new WorkedExamples("sin-of-square", "sin(x^2)", List.of("x:scalar"), List.of("x")),
            new WorkedExamples("partials-3x2y", "3*x^2*y", List.of("x:scalar", "y:scalar"), List.of("x", "y")),
            new WorkedExamples("jacobian-f-g", "[3*x^2*y; 2*x + y^8]", List.of("x:scalar", "y:scalar"), List.of("x", "y")),
            new WorkedExamples("hadamard", "w.*x", List.of(), List.of("w")),
            new WorkedExamples("sum-of-hadamard", "sum(x.*z)", List.of(), List.of("x")),
            new WorkedExamples("neuron", "relu(w'*x + b)", List.of("b:scalar"), List.of("w", "b")),
            new WorkedExamples("mse-linear-model", "sum((X*w + b - y).^2)/N", List.of("N:scalar", "b:scalar"), List.of("w", "b")),
            new WorkedExamples("batched-linear-layer", "sum((W*X + b - Y).^2)", List.of("b:vector(m)"), List.of("W", "b")),
            new WorkedExamples("mse-mean", "mean((X*w - y).^2)", List.of(), List.of("w")),
            new WorkedExamples("softmax-cross-entropy-batch", "-sum(Y.*log(softmax(Z, 1)))", List.of(), List.of("Z")),
            new WorkedExamples("attention", "sum(G.*(softmax(Q*K'/c, 2)*V))", List.of(), List.of("Q", "V")),
            new WorkedExamples("hinge-loss", "sum(max(1 - y.*(X*w), 0)) + lam*norm2(w)^2", List.of("lam:scalar"), List.of("w")),
            new WorkedExamples("relu-layer-batch", "sum(G.*max(W*X + b, 0))", List.of("b:vector(m)"), List.of("W", "b")));

    /** {@code diff EXPR --wrt ... --let ... --steps}, plus {@code extra}. */
    String[] cli(String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", expr));
        for (String w : wrt) args.addAll(List.of("--wrt", w));
        for (String l : lets) args.addAll(List.of("--let", l));
        args.add("--steps");
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return name;
    }
}
