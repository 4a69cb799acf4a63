package dev.matcalc.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run behind the launcher's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25+):
 * runs the short calls users make most, so that the classes they need are loaded and linked once, at
 * build time, instead of on every call. Output is discarded; a failure here only makes the cache smaller.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) {
        String expression = "x'*A*x + sum(exp(W*x + b))";
        // Few and typical on purpose: every class in the cache is mapped on every call, so a cache trained on
        // everything (JSON, LaTeX, code generation, steps) makes the common call slower, not faster.
        String[][] calls = {
                {"--version"},
                {"diff", expression, "--wrt", "x"},
                {"diff", "x'*A*x", "--wrt", "x", "--let", "A:symmetric(n)", "--layout", "mixed"},
                {"diff", expression, "--wrt", "W", "--order", "2"},
        };
        PrintStream out = System.out, err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try {
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String[] call : calls) {
                try {
                    Main.run(call);
                } catch (RuntimeException e) {
                    // a failing call still loaded what it needed
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        // As every call ends: System.exit loads the classes of its exit logging, which then come from the cache.
        System.exit(0);
    }
}
