package dev.matcalc.codegen;

/**
 * The spelling of the three Python array libraries. They share NumPy's names almost everywhere;
 * the differences are the module, PyTorch's dtype/device arguments on array creation (so that
 * generated code runs in float64 on the inputs' device, CPU or CUDA) and {@code dim=} for {@code axis=}.
 */
enum PythonFlavor {
    NUMPY("np", "import numpy as np"),
    PYTORCH("torch", "import torch"),
    JAX("jnp", "import jax\njax.config.update(\"jax_enable_x64\", True)  # float64, as matcalc computes\nimport jax.numpy as jnp");

    private final String lib;
    private final String imports;

    PythonFlavor(String lib, String imports) {
        this.lib = lib;
        this.imports = imports;
    }

    static PythonFlavor of(Target t) {
        return switch (t) {
            case NUMPY -> NUMPY;
            case PYTORCH -> PYTORCH;
            case JAX -> JAX;
            case JAVA -> throw new IllegalArgumentException("Java is not a Python flavor");
        };
    }

    String lib() {
        return lib;
    }

    String imports() {
        return imports;
    }

    /** A library function: {@code fn("linalg.inv")} is {@code np.linalg.inv}. */
    String fn(String name) {
        return lib + "." + name;
    }

    /** Extra arguments of array creation. */
    String creationArgs() {
        return this == PYTORCH ? ", dtype=torch.float64, device=device" : "";
    }

    /** An input converted to a float64 array. */
    String asArray(String name) {
        return switch (this) {
            case NUMPY -> "np.asarray(" + name + ", dtype=np.float64)";
            case PYTORCH -> "torch.as_tensor(" + name + ", dtype=torch.float64, device=device)";
            case JAX -> "jnp.asarray(" + name + ", dtype=jnp.float64)";
        };
    }

    /** A number as an array, where a library function wants an array rather than a Python float. */
    String constant(String literal) {
        return this == PYTORCH ? "torch.tensor(" + literal + ", dtype=torch.float64, device=device)" : literal;
    }

    String concatenate(String list, int axis) {
        return this == PYTORCH ? "torch.cat(" + list + ", dim=" + axis + ")" : lib + ".concatenate(" + list + ", axis=" + axis + ")";
    }
}
