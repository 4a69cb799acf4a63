package dev.matcalc.expr;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

import static dev.matcalc.expr.Exprs.*;

/**
 * The element-wise functions: one entry each, with its name, its numeric kernel, its domain (for
 * drawing random test points), its spellings, and (in {@link #derivative}) its derivative f'(u),
 * applied element-wise: d f(u) = f'(u) .* du. Non-smooth points take the subgradient 0:
 * relu'(0) = abs'(0) = 0, sign' = step' = ge0' = 0.
 */
public enum Fn {
    SIN("sin", "\\sin", "np.sin", Domain.ALL, Math::sin),
    COS("cos", "\\cos", "np.cos", Domain.ALL, Math::cos),
    TAN("tan", "\\tan", "np.tan", Domain.SMALL, Math::tan),
    ARCSIN("arcsin", "\\arcsin", "np.arcsin", Domain.UNIT, Math::asin),
    ARCCOS("arccos", "\\arccos", "np.arccos", Domain.UNIT, Math::acos),
    ARCTAN("arctan", "\\arctan", "np.arctan", Domain.ALL, Math::atan),
    EXP("exp", "\\exp", "np.exp", Domain.ALL, Math::exp),
    LOG("log", "\\log", "np.log", Domain.POSITIVE, Math::log),
    SQRT("sqrt", "\\sqrt", "np.sqrt", Domain.POSITIVE, Math::sqrt),
    TANH("tanh", "\\tanh", "np.tanh", Domain.ALL, Math::tanh),
    ABS("abs", "\\operatorname{abs}", "np.abs", Domain.NONZERO, Math::abs),
    SIGN("sign", "\\operatorname{sign}", "np.sign", Domain.NONZERO, Math::signum),
    RELU("relu", "\\operatorname{relu}", "relu", Domain.NONZERO, x -> x > 0 ? x : 0),
    /** The Heaviside step (1 for u > 0, else 0): relu's derivative. */
    STEP("step", "\\operatorname{step}", "step", Domain.NONZERO, x -> x > 0 ? 1 : 0),
    /**
     * The indicator of u >= 0 (1 there, else 0; the step that is 1 at 0): where max(u, v) chooses
     * its first operand, u - v >= 0, ties included, so d max(u, v) = ge0(u - v).*du + step(v - u).*dv.
     */
    GE0("ge0", "", "ge0", Domain.NONZERO, x -> x >= 0 ? 1 : 0),
    // exp(-x) = inf below x = -709 gives 1/inf = 0, sigmoid's limit: no NaN, no exception
    SIGMOID("sigmoid", "\\sigma", "sigmoid", Domain.ALL, x -> 1 / (1 + Math.exp(-x))),
    // softplus(u) = log(1 + exp(u)), computed without overflow
    SOFTPLUS("softplus", "\\operatorname{softplus}", "softplus", Domain.ALL,
            x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));

    /** f'(u), element-wise, as an expression of u's shape. */
    public Expr derivative(Expr u) {
        return switch (this) {
            case SIN -> apply(COS, u);                                           // sin' = cos
            case COS -> neg(apply(SIN, u));                                      // cos' = -sin
            case TAN -> add(Num.ONE, pow(apply(TAN, u), Num.TWO));              // tan' = 1 + tan²
            case ARCSIN -> pow(sub(Num.ONE, pow(u, Num.TWO)), num(-0.5));       // 1/√(1-u²)
            case ARCCOS -> neg(pow(sub(Num.ONE, pow(u, Num.TWO)), num(-0.5)));  // -1/√(1-u²)
            case ARCTAN -> pow(add(Num.ONE, pow(u, Num.TWO)), Num.MINUS_ONE);   // 1/(1+u²)
            case EXP -> apply(EXP, u);                                           // exp' = exp
            case LOG -> pow(u, Num.MINUS_ONE);                                   // log' = 1/u
            case SQRT -> mul(num(0.5), pow(apply(SQRT, u), Num.MINUS_ONE));     // 1/(2√u)
            case TANH -> sub(Num.ONE, pow(apply(TANH, u), Num.TWO));            // 1 - tanh²
            case ABS -> apply(SIGN, u);                                          // subgradient 0 at 0
            case SIGN, STEP, GE0 -> zeroLike(u);                                 // 0 almost everywhere
            case RELU -> apply(STEP, u);                                         // subgradient 0 at 0
            case SIGMOID -> hadamard(apply(SIGMOID, u), sub(Num.ONE, apply(SIGMOID, u))); // s.*(1-s)
            case SOFTPLUS -> apply(SIGMOID, u);                                  // softplus' = sigmoid
        };
    }

    /** Where random test points are drawn so that f and its derivative are defined and smooth. */
    public enum Domain { ALL, POSITIVE, UNIT, SMALL, NONZERO }

    private final String name;
    private final String latex;
    private final String numpy;
    private final Domain domain;
    private final DoubleUnaryOperator kernel;

    Fn(String name, String latex, String numpy, Domain domain, DoubleUnaryOperator kernel) {
        this.name = name;
        this.latex = latex;
        this.numpy = numpy;
        this.domain = domain;
        this.kernel = kernel;
    }

    /** The name users type. */
    public String fnName() {
        return name;
    }

    public String latex() {
        return latex;
    }

    /** The NumPy spelling; a bare name (relu, sigmoid, ...) is a helper the generated code defines. */
    public String numpy() {
        return numpy;
    }

    public Domain domain() {
        return domain;
    }

    public double eval(double x) {
        return kernel.applyAsDouble(x);
    }

    public static Optional<Fn> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }
}
