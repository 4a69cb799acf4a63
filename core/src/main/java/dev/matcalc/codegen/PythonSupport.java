package dev.matcalc.codegen;

import dev.matcalc.numeric.SymmetricValues;

import java.util.Map;

/**
 * The fixed Python a generated module may need, per library: the element-wise helpers matcalc's
 * functions map to, the tensor builder for derivatives without a matrix form, and the random
 * inputs and finite-difference check.
 */
final class PythonSupport {
    private PythonSupport() { }

    /**
     * Element-wise and vector helpers, by the name generated code calls them. Each is the library's own
     * stable form where it has one (JAX's {@code jax.nn}, PyTorch's {@code torch.sigmoid},
     * {@code torch.logaddexp}, {@code torch.logsumexp}), else written so that no exp overflows.
     */
    static String helper(PythonFlavor flavor, String name) {
        return switch (flavor) {
            case NUMPY -> NUMPY_HELPERS.get(name);
            case JAX -> JAX_HELPERS.getOrDefault(name, NUMPY_HELPERS.get(name).replace("np.", "jnp."));
            case PYTORCH -> TORCH_HELPERS.get(name);
        };
    }

    // ismax(v), ismin(v): 1 at the first WHICH entry in column order (as vec(v) lists them, matcalc's
    // tie rule), 0 elsewhere: the gradient of max(v), min(v). argmax and argmin return the first.
    private static final String ONE_HOT_NUMPY = """
            def NAME(v):
                # 1 at the first WHICH entry in column order (as vec(v) lists them), 0 elsewhere
                flat = np.ravel(v, order="F")
                e = np.zeros(flat.shape)
                e[np.ARG(flat)] = 1.0
                return np.reshape(e, np.shape(v), order="F")
            """;

    private static final String ONE_HOT_JAX = """
            def NAME(v):
                # 1 at the first WHICH entry in column order (as vec(v) lists them), 0 elsewhere
                flat = jnp.ravel(v, order="F")
                e = jnp.zeros(flat.shape).at[jnp.ARG(flat)].set(1.0)
                return jnp.reshape(e, jnp.shape(v), order="F")
            """;

    private static final String ONE_HOT_TORCH = """
            def NAME(v):
                # 1 at the first WHICH entry in column order (as vec(v) lists them), 0 elsewhere
                columns = v.t() if v.dim() == 2 else v
                flat = columns.reshape(-1)
                e = torch.zeros_like(flat)
                e[torch.ARG(flat)] = 1.0
                e = e.reshape(columns.shape)
                return e.t() if v.dim() == 2 else e
            """;

    private static final Map<String, String> NUMPY_HELPERS = Map.of(
            "relu", "def relu(u):\n    return np.maximum(u, 0.0)\n",
            "step", "def step(u):\n    # relu's derivative: 1 where u > 0, else 0 (the subgradient 0 at 0)\n    return np.where(u > 0, 1.0, 0.0)\n",
            "ge0", "def ge0(u):\n    # 1 where u >= 0, else 0: where max(u, v) chooses u (ties go to the first operand)\n    return np.where(u >= 0, 1.0, 0.0)\n",
            "ismax", ONE_HOT_NUMPY.replace("NAME", "ismax").replace("ARG", "argmax").replace("WHICH", "largest"),
            "ismin", ONE_HOT_NUMPY.replace("NAME", "ismin").replace("ARG", "argmin").replace("WHICH", "smallest"),
            "sigmoid", """
                    def sigmoid(u):
                        # 1 / (1 + exp(-u)) from e = exp(-|u|) <= 1: no overflow, full precision in both tails
                        e = np.exp(-np.abs(u))
                        return np.where(u >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
                    """,
            "softplus", "def softplus(u):\n    # log(1 + exp(u)) without overflow\n    return np.logaddexp(0.0, u)\n",
            "softmax", """
                    def softmax(v):
                        # of each column (axis=0), shifted by its max: no overflow; a column whose max is
                        # not finite is not shifted (its infinite or NaN entry decides the result)
                        m = np.max(v, axis=0, keepdims=True)
                        e = np.exp(v - np.where(np.isfinite(m), m, 0.0))
                        return e / np.sum(e, axis=0, keepdims=True)
                    """,
            "logsumexp", """
                    def logsumexp(v):
                        # of each column (axis=0), shifted by its max: no overflow; a column whose max is
                        # not finite is not shifted (its infinite or NaN entry decides the sum)
                        m = np.max(v, axis=0, keepdims=True)
                        m = np.where(np.isfinite(m), m, 0.0)
                        return (m + np.log(np.sum(np.exp(v - m), axis=0, keepdims=True)))[0]
                    """);

    private static final Map<String, String> JAX_HELPERS = Map.of(
            "sigmoid", "def sigmoid(u):\n    return jax.nn.sigmoid(u)\n",
            "softplus", "def softplus(u):\n    return jax.nn.softplus(u)\n",
            "softmax", "def softmax(v):\n    return jax.nn.softmax(v, axis=0)\n",
            "logsumexp", "def logsumexp(v):\n    return jax.nn.logsumexp(v, axis=0)\n",
            "ismax", ONE_HOT_JAX.replace("NAME", "ismax").replace("ARG", "argmax").replace("WHICH", "largest"),
            "ismin", ONE_HOT_JAX.replace("NAME", "ismin").replace("ARG", "argmin").replace("WHICH", "smallest"));

    private static final Map<String, String> TORCH_HELPERS = Map.of(
            "relu", "def relu(u):\n    return torch.clamp(u, min=0.0)\n",
            "step", "def step(u):\n    # relu's derivative: 1 where u > 0, else 0 (the subgradient 0 at 0)\n    return torch.where(u > 0, torch.ones_like(u), torch.zeros_like(u))\n",
            "ge0", "def ge0(u):\n    # 1 where u >= 0, else 0: where max(u, v) chooses u (ties go to the first operand)\n    return torch.where(u >= 0, torch.ones_like(u), torch.zeros_like(u))\n",
            "ismax", ONE_HOT_TORCH.replace("NAME", "ismax").replace("ARG", "argmax").replace("WHICH", "largest"),
            "ismin", ONE_HOT_TORCH.replace("NAME", "ismin").replace("ARG", "argmin").replace("WHICH", "smallest"),
            "sigmoid", "def sigmoid(u):\n    return torch.sigmoid(u)\n",
            "softplus", "def softplus(u):\n    # log(1 + exp(u)) without overflow, exact at every u (F.softplus turns linear past a threshold)\n    return torch.logaddexp(u, torch.zeros_like(u))\n",
            "softmax", "def softmax(v):\n    return torch.softmax(v, dim=0)\n",
            "logsumexp", "def logsumexp(v):\n    return torch.logsumexp(v, dim=0)\n");

    /**
     * {@code _requireSymmetric(name, a, declared)}: fAndG's formulas take S' = S, so a value of a
     * symmetric input farther from symmetric than matcalc accepts ({@link SymmetricValues#TOLERANCE}
     * of its largest entry) is refused at entry, naming the largest asymmetry. Under {@code jax.jit}
     * the values are not known while tracing: the check runs when fAndG is called with arrays.
     */
    static String requireSymmetric(PythonFlavor flavor) {
        String largest = flavor == PythonFlavor.JAX ? """
                    try:
                        k = int(jnp.argmax(gap))
                    except (jax.errors.ConcretizationTypeError, jax.errors.TracerIntegerConversionError):
                        return  # traced (jax.jit): checked when called with arrays
                """ : """
                    k = int(LIB.argmax(gap))
                """;
        return ("""
                def _requireSymmetric(name, a, declared):
                    # the formulas take S' = S: a value that is not symmetric up to rounding (TOLERANCE of its
                    # largest entry, as matcalc checks) would get answers that belong to no matrix
                    if a.shape[0] < 2:
                        return
                    gap = LIB.abs(a - a.T)
                """ + largest + """
                    i, j = divmod(k, a.shape[1])
                    i, j = max(i, j), min(i, j)
                    bound = TOLERANCE * float(LIB.max(LIB.abs(a)))
                    if float(gap[i, j]) > bound:
                        raise ValueError("%s is declared %s but its value is not symmetric: %s[%d, %d] = %r but %s[%d, %d] = %r, "
                                         "a difference of %r (at most TOLERANCE * max|%s| = %.2g is allowed)"
                                         % (name, declared, name, i, j, float(a[i, j]), name, j, i, float(a[j, i]),
                                            float(gap[i, j]), name, bound))
                """).replace("LIB", flavor.lib()).replace("TOLERANCE", String.format(java.util.Locale.ROOT, "%.0e", SymmetricValues.TOLERANCE));
    }

    /** {@code _fromDifferential(dF, fShape, directionShapes, like)}: a tensor read off a k-linear map on basis directions. */
    static String tensorBuilder(PythonFlavor flavor) {
        String head = """
                def _fromDifferential(dF, fShape, directionShapes, like):
                    # A derivative with no matrix form: entry [i..., j1..., j2...] is dF(E_j1, E_j2, ...)[i...],
                    # dF the differential (linear in each direction) and E_j the basis direction j.
                    indices = [list(itertools.product(*[range(k) for k in s])) for s in directionShapes]
                """;
        return head + switch (flavor) {
            case NUMPY -> """
                        D = np.zeros(tuple(fShape) + tuple(k for s in directionShapes for k in s))
                        for js in itertools.product(*indices):
                            basis = []
                            for s, j in zip(directionShapes, js):
                                E = np.zeros(s)
                                E[j] = 1.0
                                basis.append(E)
                            D[(Ellipsis,) + tuple(k for j in js for k in j)] = dF(*basis)
                        return D
                    """;
            case PYTORCH -> """
                        D = torch.zeros(tuple(fShape) + tuple(k for s in directionShapes for k in s), dtype=torch.float64, device=like.device)
                        for js in itertools.product(*indices):
                            basis = []
                            for s, j in zip(directionShapes, js):
                                E = torch.zeros(s, dtype=torch.float64, device=like.device)
                                E[j] = 1.0
                                basis.append(E)
                            D[(Ellipsis,) + tuple(k for j in js for k in j)] = dF(*basis)
                        return D
                    """;
            case JAX -> """
                        D = jnp.zeros(tuple(fShape) + tuple(k for s in directionShapes for k in s))
                        for js in itertools.product(*indices):
                            basis = [jnp.zeros(s).at[j].set(1.0) for s, j in zip(directionShapes, js)]
                            D = D.at[(Ellipsis,) + tuple(k for j in js for k in j)].set(dF(*basis))
                        return D
                    """;
        };
    }

    /** {@code _rng}, {@code _draw(rng, shape, kinds)}, {@code _asarray}, {@code _contract}, {@code _maxabs}. */
    static String sampling(PythonFlavor flavor) {
        return switch (flavor) {
            case NUMPY, JAX -> (flavor == PythonFlavor.JAX ? "import numpy as np  # draws the random inputs\n\n\n" : "") + """
                    def _rng(seed):
                        return np.random.default_rng(seed)


                    def _permutation(rng, k):
                        return [int(i) for i in rng.permutation(k)]


                    def _draw(rng, shape, kinds):
                        # random entries where f is defined: see matcalc's RandomPoints
                        if "positive" in kinds:
                            a = rng.uniform(0.5, 2.0, shape)
                        elif "unit" in kinds:
                            a = rng.uniform(-0.6, 0.6, shape)
                        elif "small" in kinds:
                            a = rng.uniform(-1.0, 1.0, shape)
                        else:
                            a = rng.standard_normal(shape)
                        if "nonzero" in kinds:
                            a = np.sign(a) * (np.abs(a) + 0.1)
                        if len(shape) == 2 and shape[0] == shape[1]:
                            if "spd" in kinds:
                                a = a @ a.T / shape[0] + np.eye(shape[0])
                            elif "symmetric" in kinds:
                                a = np.triu(a) + np.triu(a, 1).T  # exactly symmetric, each entry drawn in its domain
                            if "invertible" in kinds:
                                a = a + np.diag(np.sum(np.abs(a), axis=1) + 0.5)
                        return LIB.asarray(a, dtype=LIB.float64)


                    def _asarray(v):
                        return LIB.asarray(v, dtype=LIB.float64)


                    def _contract(D, u):
                        # sums D's last axes against u's
                        return D * u if u.ndim == 0 else LIB.tensordot(D, u, axes=u.ndim)


                    def _maxabs(a):
                        return float(LIB.max(LIB.abs(LIB.asarray(a))))
                    """.replace("LIB", flavor.lib());
            case PYTORCH -> """
                    def _rng(seed):
                        return torch.Generator().manual_seed(seed)


                    def _permutation(rng, k):
                        return [int(i) for i in torch.randperm(k, generator=rng)]


                    def _draw(rng, shape, kinds):
                        # random entries where f is defined: see matcalc's RandomPoints
                        shape = tuple(shape)
                        if "positive" in kinds:
                            a = 0.5 + 1.5 * torch.rand(shape, generator=rng, dtype=torch.float64)
                        elif "unit" in kinds:
                            a = -0.6 + 1.2 * torch.rand(shape, generator=rng, dtype=torch.float64)
                        elif "small" in kinds:
                            a = -1.0 + 2.0 * torch.rand(shape, generator=rng, dtype=torch.float64)
                        else:
                            a = torch.randn(shape, generator=rng, dtype=torch.float64)
                        if "nonzero" in kinds:
                            a = torch.sign(a) * (torch.abs(a) + 0.1)
                        if len(shape) == 2 and shape[0] == shape[1]:
                            if "spd" in kinds:
                                a = a @ a.T / shape[0] + torch.eye(shape[0], dtype=torch.float64)
                            elif "symmetric" in kinds:
                                a = torch.triu(a) + torch.triu(a, 1).T  # exactly symmetric, each entry drawn in its domain
                            if "invertible" in kinds:
                                a = a + torch.diag(torch.sum(torch.abs(a), dim=1) + 0.5)
                        return a


                    def _asarray(v):
                        return torch.as_tensor(v, dtype=torch.float64)


                    def _contract(D, u):
                        # sums D's last axes against u's
                        return D * u if u.ndim == 0 else torch.tensordot(D, u, dims=u.ndim)


                    def _maxabs(a):
                        return float(torch.max(torch.abs(torch.as_tensor(a))))
                    """;
        };
    }

    /** The check itself, the same for every library. */
    static final String CHECK = """
            def checkGradient(seed=0, **values):
                \"""The largest relative difference between each derivative fAndG returns, applied to random
                directions, and central differences of the value along them (random inputs unless given).\"""
                values = {k: _asarray(v) for k, v in values.items()} or randomInputs(seed)
                _, derivatives = fAndG(**values)
                derivatives = derivatives if len(WRT) > 1 else (derivatives,)
                rng = _rng(seed + 1)
                worst = 0.0
                for derivative, wrt in zip(derivatives, WRT):
                    directions = [_draw(rng, tuple(values[name].shape), ("symmetric",) if name in SYMMETRIC else ())
                                  for name in wrt]
                    exact = derivative
                    for u in reversed(directions):
                        exact = _contract(exact, u)
                    h = 1e-6 if len(wrt) == 1 else 1e-4
                    approx = 0.0
                    for signs in itertools.product((1.0, -1.0), repeat=len(wrt)):
                        moved = dict(values)
                        for s, name, u in zip(signs, wrt, directions):
                            moved[name] = moved[name] + s * h * u
                        approx = approx + math.prod(signs) * fAndG(**moved)[0]
                    approx = approx / (2 * h) ** len(wrt)
                    worst = max(worst, _maxabs(exact - approx) / max(1.0, _maxabs(exact)))
                return worst


            if __name__ == "__main__":
                print("largest relative difference from central differences:", checkGradient())
            """;
}
