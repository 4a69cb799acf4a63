"""Peer timings for bench/autodiff.sh: NumPy closed forms, PyTorch autograd, JAX (jitted).

Usage: python peers.py FRAMEWORK JOBS_JSON  -> prints one JSON object {job: seconds or "skip: why"}.
FRAMEWORK is numpy, torch or jax; a job is "problem:what:n" with what in gradient, hessian, hvp,
(for numpy) hessian-into (the Hessian written with out=) and (for torch) hessian-functorch. Same problems and sizes as AutodiffProblems.java.
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

def numpy_job(problem, what, n):
    import numpy as np
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

def torch_job(problem, what, n):
    import numpy as np, torch
    d = {k: torch.tensor(v, dtype=torch.float64) for k, v in data(np, problem, n).items()}
    x0 = d.pop(WRT[problem])
    if problem == "xAx": loss = lambda x: x @ d["A"] @ x
    elif problem == "logistic": loss = lambda w: torch.log1p(torch.exp(-d["y"] * (d["X"] @ w))).sum()
    elif problem == "mf": loss = lambda U: torch.linalg.norm(d["T"] - U @ d["V"].T) ** 2
    else: loss = lambda W1: ((d["W2"] @ torch.tanh(W1 @ d["X"]) - d["Y"]) ** 2).sum()
    v = torch.ones_like(x0)
    if what == "gradient":
        def g():
            x = x0.clone().requires_grad_(True)
            return torch.autograd.grad(loss(x), x)[0]
        return timeit(g)
    if what == "hessian":
        return timeit(lambda: torch.autograd.functional.hessian(loss, x0), budget=0.5, max_reps=5)
    if what == "hessian-functorch":
        try:
            from torch.func import hessian
        except ImportError:
            from functorch import hessian
        h = hessian(loss)
        return timeit(lambda: h(x0), budget=0.5, max_reps=5)
    if what == "hvp":
        return timeit(lambda: torch.autograd.functional.hvp(loss, x0, v)[1])
    raise ValueError(what)

def jax_job(problem, what, n):
    import numpy as np, jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    d = {k: jnp.asarray(v) for k, v in data(np, problem, n).items()}
    x0 = d.pop(WRT[problem])
    if problem == "xAx": loss = lambda x: x @ d["A"] @ x
    elif problem == "logistic": loss = lambda w: jnp.sum(jnp.log1p(jnp.exp(-d["y"] * (d["X"] @ w))))
    elif problem == "mf": loss = lambda U: jnp.sum((d["T"] - U @ d["V"].T) ** 2)
    else: loss = lambda W1: jnp.sum((d["W2"] @ jnp.tanh(W1 @ d["X"]) - d["Y"]) ** 2)
    v = jnp.ones_like(x0)
    fn = {"gradient": jax.jit(jax.grad(loss)), "hessian": jax.jit(jax.hessian(loss)),
          "hvp": jax.jit(lambda x: jax.jvp(jax.grad(loss), (x,), (v,))[1])}[what]
    return timeit(lambda: fn(x0).block_until_ready(), budget=0.5, max_reps=10)

if __name__ == "__main__":
    framework, jobs = sys.argv[1], json.loads(sys.argv[2])
    run = dict(numpy=numpy_job, torch=torch_job, jax=jax_job)[framework]
    out = {}
    for job in jobs:
        problem, what, n = job.split(":")
        try:
            out[job] = run(problem, what, int(n))
        except Exception as e:  # a peer that cannot do a job says why instead of stopping the run
            out[job] = "skip: %s" % (str(e).splitlines() or [type(e).__name__])[0][:80]
        print(job, out[job], file=sys.stderr, flush=True)
    print(json.dumps(out))
