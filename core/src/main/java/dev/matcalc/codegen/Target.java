package dev.matcalc.codegen;

import dev.matcalc.syntax.SourceError;

import java.util.Arrays;
import java.util.Optional;

/** The languages code is generated for, by the names {@code --format} and {@code Request.formats} use. */
public enum Target {
    NUMPY("numpy"), PYTORCH("pytorch"), JAX("jax"), JAVA("java");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Target> byLabel(String s) {
        return Arrays.stream(values()).filter(t -> t.label.equals(s)).findFirst();
    }

    public static Target parse(String s) {
        return byLabel(s).orElseThrow(() -> new SourceError("unknown code format '" + s + "'; use numpy, pytorch, jax or java"));
    }

    public static boolean isTarget(String s) {
        return byLabel(s).isPresent();
    }
}
