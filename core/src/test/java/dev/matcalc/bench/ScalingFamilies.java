package dev.matcalc.bench;

import java.util.List;
import java.util.StringJoiner;

/**
 * The four families of issue 3 whose derivatives grow with a depth k: matcalc's answers should
 * stay linear in k where tree-based tools (SymPy) blow up. The same sources are written for SymPy
 * by {@code bench/sympy_scaling.py}; keep the two in step.
 */
public enum ScalingFamilies {
    /** f = tr(Y_k), Y_0 = X, Y_j = Y_{j-1}'*A_j*Y_{j-1}, written with definitions; gradient by X. */
    NESTED_DEFINITIONS("X", false) {
        @Override
        public String source(int k) {
            StringBuilder sb = new StringBuilder();
            for (int j = 1; j <= k; j++) {
                String prev = j == 1 ? "X" : "Y" + (j - 1);
                sb.append("Y").append(j).append(" = ").append(prev).append("'*A").append(j).append('*').append(prev).append("; ");
            }
            return sb.append("tr(Y").append(k).append(')').toString();
        }

        @Override
        public List<String> lets() {
            return List.of("X:matrix(n,n)");
        }
    },
    /** tr(inv(A_k + inv(... inv(A_1 + X)))), a plain expression; gradient by X. */
    NESTED_INVERSE("X", false) {
        @Override
        public String source(int k) {
            String inner = "X";
            for (int j = 1; j <= k; j++) inner = "inv(A" + j + " + " + inner + ")";
            return "tr(" + inner + ")";
        }

        @Override
        public List<String> lets() {
            return List.of("X:matrix(n,n)");
        }
    },
    /** sum_j x'*A_j*x; gradient and Hessian by x. */
    QUADRATIC_FORMS("x", true) {
        @Override
        public String source(int k) {
            StringJoiner sum = new StringJoiner(" + ");
            for (int j = 1; j <= k; j++) sum.add("x'*A" + j + "*x");
            return sum.toString();
        }

        @Override
        public List<String> lets() {
            return List.of("x:vector(n)");
        }
    },
    /** (A_k*...*A_1*x)'*(A_k*...*A_1*x); gradient and Hessian by x. */
    CHAIN("x", true) {
        @Override
        public String source(int k) {
            StringBuilder chain = new StringBuilder();
            for (int j = k; j >= 1; j--) chain.append('A').append(j).append('*');
            chain.append('x');
            return "(" + chain + ")'*(" + chain + ")";
        }

        @Override
        public List<String> lets() {
            return List.of("x:vector(n)");
        }
    };

    private final String wrt;
    private final boolean hessian;

    ScalingFamilies(String wrt, boolean hessian) {
        this.wrt = wrt;
        this.hessian = hessian;
    }

    /** The matcalc source at depth k. */
    public abstract String source(int k);

    /** The shape declarations the source needs. */
    public abstract List<String> lets();

    /** The variable the derivatives are taken by. */
    public String wrt() {
        return wrt;
    }

    /** Whether the issue asks for the Hessian too (families of a vector variable). */
    public boolean hessian() {
        return hessian;
    }
}
