"""Peer timings for bench/autodiff.sh: NumPy closed forms, PyTorch autograd, JAX (jitted).

Usage: python peers.py FRAMEWORK JOBS_JSON  -> prints one JSON object {job: seconds or "skip: why"}.
       python peers.py FRAMEWORK JOBS_JSON --values  -> {job: [f, gradient₁ (row-major), ...]} instead
       (the layer families' gradients, for AutodiffBenchSmokeTest to compare with matcalc's).
FRAMEWORK is numpy, torch or jax; a job is "problem:what:n" with what in gradient, hessian, hvp,
(for numpy) hessian-into (the Hessian written with out=) and (for torch) hessian-functorch. Same
problems and sizes as AutodiffProblems.java; the layer families (mlp-ce, attention: gradient by every
parameter) also the same numbers (layer_data, Layers.java).

Fairness: every function timed takes its data as arguments. A jitted JAX function that closes over
arrays sees them as constants, and XLA folds what depends on them alone at compile time (V'V of the
matrix-factorization HVP, the all-ones direction), so a closure would time less than the problem.
"""
import json, sys, time

def timeit(fn, budget=1.0, max_reps=20):
    fn()  # warm up (JIT compile for JAX, allocator for the others)
    times = []
    start = time.perf_counter()
    while len(times) < max_reps and (not times or time.perf_counter() - start < budget):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]

def data(np, problem, n):
    rng = np.random.default_rng(42)
    k = max(1, n // 10)
    g = lambda r, c: rng.standard_normal((r, c)) / np.sqrt(max(r, c))
    if problem == "xAx": return dict(A=g(n, n), x=g(n, 1)[:, 0])
    if problem == "logistic":
        return dict(X=g(2 * n, n), y=rng.choice([-1.0, 1.0], 2 * n), w=rng.standard_normal(n) / np.sqrt(n))
    if problem == "mf": return dict(T=g(n, n), U=g(n, k), V=g(n, k))
    if problem == "mlp": return dict(W2=g(10, k), W1=g(k, n), X=g(n, n), Y=g(10, n))
    raise ValueError(problem)

WRT = dict(xAx="x", logistic="w", mf="U", mlp="W1")

# the layer families: sizes and variables as in Layers.java
INPUTS, HIDDEN, CLASSES, HEAD = 784, 256, 10, 64
LAYER_WRT = {"mlp-ce": ("W1", "b1", "W2", "b2"), "attention": ("Q", "K", "V")}

def unit(np, seed, count):
    """SplitMix64 of (seed, i), i < count, as doubles in [0, 1): Layers.unit, bit for bit."""
    u64 = np.uint64
    z = (u64(seed) << u64(32)) + np.arange(count, dtype=np.uint64) + u64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> u64(30))) * u64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> u64(27))) * u64(0x94D049BB133111EB)
    z = z ^ (z >> u64(31))
    return (z >> u64(11)).astype(np.float64) * 2.0 ** -53

def uniform(np, rows, cols, seed):
    scale = np.sqrt(3.0 / max(rows, cols))
    return ((2 * unit(np, seed, rows * cols) - 1) * scale).reshape(rows, cols)

def layer_data(np, problem, n):
    if problem == "mlp-ce":
        Y = np.zeros((CLASSES, n))
        Y[(unit(np, 6, n) * CLASSES).astype(int), np.arange(n)] = 1
        return dict(W1=uniform(np, HIDDEN, INPUTS, 1), b1=uniform(np, HIDDEN, 1, 2)[:, 0],
                    W2=uniform(np, CLASSES, HIDDEN, 3), b2=uniform(np, CLASSES, 1, 4)[:, 0],
                    X=uniform(np, INPUTS, n, 5), Y=Y)
    d = min(HEAD, n)
    return dict(Q=uniform(np, n, d, 7), K=uniform(np, n, d, 8), V=uniform(np, n, d, 9),
                G=uniform(np, n, d, 10), c=np.sqrt(d))

def numpy_job(problem, what, n, values=False):
    import numpy as np
    if problem in LAYER_WRT:
        if what != "gradient": raise ValueError("the layer families time gradients only")
        if values: return numpy_values(problem, n)
        return timeit(numpy_layer(problem, layer_data(np, problem, n)))
    d = data(np, problem, n)
    sig = lambda z: 1 / (1 + np.exp(-z))
    if problem == "xAx":
        A, x = d["A"], d["x"]
        H = np.empty((n, n))
        f = {"gradient": lambda: (A + A.T) @ x, "hessian": lambda: A + A.T, "hvp": lambda: (A + A.T) @ x,
             "hessian-into": lambda: np.add(A, A.T, out=H)}
    elif problem == "logistic":
        X, y, w = d["X"], d["y"], d["w"]
        def grad():
            s = sig(-y * (X @ w)); return -X.T @ (s * y)
        def hess():
            s = sig(-y * (X @ w)); return X.T @ ((s * (1 - s))[:, None] * X)
        H = np.empty((n, n))
        def hess_into():
            s = sig(-y * (X @ w)); return np.matmul(X.T, (s * (1 - s))[:, None] * X, out=H)
        v = np.ones(n)
        def hvp():
            s = sig(-y * (X @ w)); return X.T @ (s * (1 - s) * (X @ v))
        f = {"gradient": grad, "hessian": hess, "hvp": hvp, "hessian-into": hess_into}
    elif problem == "mf":
        T, U, V = d["T"], d["U"], d["V"]
        D = np.ones_like(U)
        f = {"gradient": lambda: -2 * (T - U @ V.T) @ V, "hvp": lambda: 2 * D @ (V.T @ V),
             "hessian": lambda: 2 * np.kron(np.eye(n), V.T @ V)}
    else:
        W2, W1, X, Y = d["W2"], d["W1"], d["X"], d["Y"]
        D = np.ones_like(W1)
        def grad():
            A = np.tanh(W1 @ X); return ((1 - A ** 2) * (2 * W2.T @ (W2 @ A - Y))) @ X.T
        def hvp():
            A = np.tanh(W1 @ X); t0 = D @ X; t2 = 1 - A ** 2
            return (t2 * (2 * W2.T @ (W2 @ (t2 * t0))) - 2 * (t2 * (2 * W2.T @ (W2 @ A - Y)) * t0 * A)) @ X.T
        f = {"gradient": grad, "hvp": hvp}
    if what not in f: return "skip: no closed form written"
    return timeit(f[what])

def numpy_layer(problem, d):
    """The layer families' value and gradients written out by hand (the backward pass), for reference."""
    import numpy as np
    if problem == "mlp-ce":
        def grad(W1, b1, W2, b2, X, Y):
            A = np.tanh(W1 @ X + b1[:, None])
            Z = W2 @ A + b2[:, None]
            Z = Z - Z.max(axis=0)
            E = np.exp(Z)
            s = E.sum(axis=0)
            f = -(Y * (Z - np.log(s))).sum()
            dZ = E / s * Y.sum(axis=0) - Y
            dA = (W2.T @ dZ) * (1 - A * A)
            return f, dA @ X.T, dA.sum(axis=1), dZ @ A.T, dZ.sum(axis=1)
        args = [d[k] for k in ("W1", "b1", "W2", "b2", "X", "Y")]
    else:
        def grad(Q, K, V, G, c):
            S = Q @ K.T / c
            S = np.exp(S - S.max(axis=1, keepdims=True))
            S /= S.sum(axis=1, keepdims=True)
            f = (G * (S @ V)).sum()
            dS = G @ V.T
            dZ = S * (dS - (dS * S).sum(axis=1, keepdims=True)) / c
            return f, dZ @ K, dZ.T @ Q, S.T @ G
        args = [d[k] for k in ("Q", "K", "V", "G", "c")]
    return lambda: grad(*args)

def torch_layer_loss(torch, problem):
    """The layer families' losses in PyTorch, data as arguments (parameters first)."""
    if problem == "mlp-ce":
        return lambda W1, b1, W2, b2, X, Y: -(Y * torch.log_softmax(
            W2 @ torch.tanh(W1 @ X + b1[:, None]) + b2[:, None], dim=0)).sum()
    return lambda Q, K, V, G, c: (G * (torch.softmax(Q @ K.T / c, dim=1) @ V)).sum()

def torch_job(problem, what, n, values=False):
    import numpy as np, torch
    if problem in LAYER_WRT:
        if what != "gradient": raise ValueError("the layer families time gradients only")
        d = {k: torch.tensor(v, dtype=torch.float64) for k, v in layer_data(np, problem, n).items()}
        params = [d[k].requires_grad_(True) for k in LAYER_WRT[problem]]   # leaves: autograd.grad never accumulates
        rest = [d[k] for k in d if k not in LAYER_WRT[problem]]
        loss = torch_layer_loss(torch, problem)
        def g():
            f = loss(*params, *rest)
            return (f,) + torch.autograd.grad(f, params)
        if values: return [t.detach().numpy().ravel().tolist() for t in g()]
        return timeit(g)
    d = {k: torch.tensor(v, dtype=torch.float64) for k, v in data(np, problem, n).items()}
    x0 = d.pop(WRT[problem])
    # data as arguments, as for JAX (torch runs eagerly, so a closure would cost nothing; kept alike)
    if problem == "xAx": loss = lambda x, A: x @ A @ x
    elif problem == "logistic": loss = lambda w, X, y: torch.log1p(torch.exp(-y * (X @ w))).sum()
    elif problem == "mf": loss = lambda U, T, V: torch.linalg.norm(T - U @ V.T) ** 2
    else: loss = lambda W1, W2, X, Y: ((W2 @ torch.tanh(W1 @ X) - Y) ** 2).sum()
    args = tuple(d.values())
    of_x = lambda x: loss(x, *args)
    v = torch.ones_like(x0)
    if what == "gradient":
        def g():
            x = x0.clone().requires_grad_(True)
            return torch.autograd.grad(loss(x, *args), x)[0]
        return timeit(g)
    if what == "hessian":
        return timeit(lambda: torch.autograd.functional.hessian(of_x, x0), budget=0.5, max_reps=5)
    if what == "hessian-functorch":
        try:
            from torch.func import hessian
        except ImportError:
            from functorch import hessian
        h = hessian(loss)  # by the first argument; the data are arguments too
        return timeit(lambda: h(x0, *args), budget=0.5, max_reps=5)
    if what == "hvp":
        return timeit(lambda: torch.autograd.functional.hvp(of_x, x0, v)[1])
    raise ValueError(what)

def jax_job(problem, what, n, values=False):
    """Every jitted function takes the data (and the HVP direction) as arguments: nothing to fold."""
    import numpy as np, jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    if problem in LAYER_WRT:
        if what != "gradient": raise ValueError("the layer families time gradients only")
        d = {k: jnp.asarray(v) for k, v in layer_data(np, problem, n).items()}
        wrt = LAYER_WRT[problem]
        params = [d[k] for k in wrt]
        rest = [d[k] for k in d if k not in wrt]
        if problem == "mlp-ce":
            loss = lambda W1, b1, W2, b2, X, Y: -jnp.sum(Y * jax.nn.log_softmax(
                W2 @ jnp.tanh(W1 @ X + b1[:, None]) + b2[:, None], axis=0))
        else:
            loss = lambda Q, K, V, G, c: jnp.sum(G * (jax.nn.softmax(Q @ K.T / c, axis=1) @ V))
        fn = jax.jit(jax.value_and_grad(loss, argnums=tuple(range(len(wrt)))))
        if values:
            f, gs = fn(*params, *rest)
            return [np.asarray(t).ravel().tolist() for t in (f,) + tuple(gs)]
        return timeit(lambda: jax.block_until_ready(fn(*params, *rest)), budget=0.5, max_reps=10)
    d = {k: jnp.asarray(v) for k, v in data(np, problem, n).items()}
    x0 = d.pop(WRT[problem])
    if problem == "xAx": loss = lambda x, d: x @ d["A"] @ x
    elif problem == "logistic": loss = lambda w, d: jnp.sum(jnp.log1p(jnp.exp(-d["y"] * (d["X"] @ w))))
    elif problem == "mf": loss = lambda U, d: jnp.sum((d["T"] - U @ d["V"].T) ** 2)
    else: loss = lambda W1, d: jnp.sum((d["W2"] @ jnp.tanh(W1 @ d["X"]) - d["Y"]) ** 2)
    v = jnp.ones_like(x0)
    grad = jax.grad(loss)  # by x; d (a dict of arrays) is a traced argument, not a constant
    if what == "hvp":
        fn = jax.jit(lambda x, v, d: jax.jvp(lambda y: grad(y, d), (x,), (v,))[1])
        return timeit(lambda: fn(x0, v, d).block_until_ready(), budget=0.5, max_reps=10)
    fn = {"gradient": jax.jit(grad), "hessian": jax.jit(jax.hessian(loss))}[what]
    return timeit(lambda: fn(x0, d).block_until_ready(), budget=0.5, max_reps=10)

def numpy_values(problem, n):
    import numpy as np
    return [np.asarray(t).ravel().tolist() for t in numpy_layer(problem, layer_data(np, problem, n))()]

if __name__ == "__main__":
    framework, jobs = sys.argv[1], json.loads(sys.argv[2])
    values = "--values" in sys.argv[3:]
    run = dict(numpy=numpy_job, torch=torch_job, jax=jax_job)[framework]
    out = {}
    for job in jobs:
        problem, what, n = job.split(":")
        try:
            out[job] = run(problem, what, int(n), values) if values else run(problem, what, int(n))
        except Exception as e:  # a peer that cannot do a job says why instead of stopping the run
            out[job] = "skip: %s" % (str(e).splitlines() or [type(e).__name__])[0][:80]
        if not values: print(job, out[job], file=sys.stderr, flush=True)
    print(json.dumps(out))
