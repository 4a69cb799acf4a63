"""The minimize benchmark; see bench/minimize.sh for usage.

Every problem is generated from a fixed seed and saved as .npy files; matcalc (as the CLI, and
in-process through bench.MinimizeBenchmark in a warm JVM) and the peers read the same arrays:
  - SciPy's L-BFGS-B (scipy.optimize.minimize, method L-BFGS-B) with hand-written NumPy gradients;
  - scikit-learn: LogisticRegression (lbfgs and newton-cholesky), Ridge, Lasso; scipy.optimize.nnls.
Objectives are the same function in every tool (sklearn's C = 1/lam; Lasso's alpha = lam/(2n);
fit_intercept=False), each evaluated here, in NumPy, from the solution the tool returned.
"""
import json, os, platform, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARGS = sys.argv[1:]
QUICK = "--quick" in ARGS
MARKDOWN = "--markdown" in ARGS
NO_CLI = "--no-cli" in ARGS
TOL = 1e-9   # matcalc's relative projected-gradient tolerance; SciPy gets the same test (see gtol below)


def option(name, default):
    return ARGS[ARGS.index(name) + 1] if name in ARGS else default


DATA = option("--data-dir", os.path.join(ROOT, "target", "minimize-bench" + ("-quick" if QUICK else "")))
REPEATS = int(option("--repeats", "1" if QUICK else "3"))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- problems

def problems():
    """(name, kind, n, d) of every problem, at the quick or the full sizes."""
    if QUICK:
        return [("logistic", "logistic", 2000, 50), ("logistic", "logistic", 500, 200),
                ("ridge", "ridge", 300, 100), ("lasso", "lasso", 300, 100), ("nnls", "nnls", 300, 100)]
    return [("logistic", "logistic", 100_000, 100), ("logistic", "logistic", 20_000, 1000),
            ("ridge", "ridge", 2000, 1000), ("lasso", "lasso", 2000, 1000), ("nnls", "nnls", 2000, 1000)]


EXPRESSIONS = {
    "logistic": ("sum(log(1 + exp(-y.*(X*w)))) + 0.5*lam*norm2(w)^2", "w", []),
    "ridge": ("norm2(A*x - b)^2 + lam*norm2(x)^2", "x", []),
    "lasso": ("norm2(A*x - b)^2 + lam*norm1(x)", "x", []),
    "nnls": ("norm2(A*x - b)^2", "x", ["x >= 0"]),
}


def generate(kind, n, d, directory):
    """Seeded data for one problem, saved as .npy files; returns {name: array or float}."""
    import numpy as np
    rng = np.random.default_rng(20261207 + n + d)
    os.makedirs(directory, exist_ok=True)
    if kind == "logistic":
        X = rng.standard_normal((n, d))
        w = rng.standard_normal(d) / np.sqrt(d)
        y = np.where(X @ w + 0.5 * rng.standard_normal(n) > 0, 1.0, -1.0)
        data = dict(X=X, y=y, lam=1.0)
    else:
        A = rng.standard_normal((n, d))
        x = rng.standard_normal(d)
        if kind == "lasso": x[rng.permutation(d)[d // 10:]] = 0       # a sparse truth
        b = A @ x + 0.1 * np.sqrt(d) * rng.standard_normal(n)
        data = dict(A=A, b=b)
        if kind == "ridge": data["lam"] = 1.0
        if kind == "lasso": data["lam"] = 0.2 * 2 * float(np.abs(A.T @ b).max())   # 0 for lam >= 2‖A'b‖∞
    # every solver starts from 0 (matcalc would start a variable under log, as w is, from ones)
    np.save(os.path.join(directory, "start.npy"), np.zeros(d))
    for k, v in data.items():
        if isinstance(v, np.ndarray): np.save(os.path.join(directory, k + ".npy"), v)
    return data


def objective(kind, data, x):
    import numpy as np
    if kind == "logistic":
        X, y, lam = data["X"], data["y"], data["lam"]
        return float(np.logaddexp(0, -y * (X @ x)).sum() + 0.5 * lam * x @ x)
    r = data["A"] @ x - data["b"]
    f = float(r @ r)
    if kind == "ridge": f += data["lam"] * float(x @ x)
    if kind == "lasso": f += data["lam"] * float(np.abs(x).sum())
    return f


def value_and_gradient(kind, data):
    """The hand-written NumPy objective and gradient SciPy's L-BFGS-B gets (lasso: split x = u - v)."""
    import numpy as np
    if kind == "logistic":
        X, y, lam = data["X"], data["y"], data["lam"]
        def fg(w):
            z = -y * (X @ w)
            f = np.logaddexp(0, z).sum() + 0.5 * lam * (w @ w)
            s = -y * np.exp(z - np.logaddexp(0, z))        # -y·sigmoid(z), stable
            return f, X.T @ s + lam * w
        return fg
    A, b = data["A"], data["b"]
    lam = data.get("lam", 0.0)
    if kind == "lasso":
        d = A.shape[1]
        def fg(uv):
            x = uv[:d] - uv[d:]
            r = A @ x - b
            g = 2 * (A.T @ r)
            return r @ r + lam * uv.sum(), np.concatenate([g + lam, lam - g])
        return fg
    def fg(x):
        r = A @ x - b
        f, g = r @ r, 2 * (A.T @ r)
        if kind == "ridge": f, g = f + lam * (x @ x), g + 2 * lam * x
        return f, g
    return fg


# ---------------------------------------------------------------- peers

def best_of(fn, repeats):
    """(seconds, result) of the fastest of `repeats` runs (at least one)."""
    best = None
    for _ in range(max(1, repeats)):
        t = time.perf_counter(); out = fn(); t = time.perf_counter() - t
        if best is None or t < best[0]: best = (t, out)
    return best


def scipy_lbfgsb(kind, data, f_target):
    """SciPy's L-BFGS-B with matcalc's settings: m = 10, 20 evaluations per line search, relative decrease
    1e-15, and the same gradient test (projected gradient ≤ TOL·max(1, |f|) at the solution: gtol is
    TOL·max(1, |f*|) with f* matcalc's objective)."""
    import numpy as np
    from scipy.optimize import minimize
    fg = value_and_gradient(kind, data)
    d = data["X" if kind == "logistic" else "A"].shape[1]
    size, bounds = (2 * d, [(0, None)] * (2 * d)) if kind == "lasso" else (d, [(0, None)] * d if kind == "nnls" else None)
    options = dict(maxcor=10, maxls=20, ftol=1e-15, gtol=TOL * max(1.0, abs(f_target)), maxiter=100_000, maxfun=100_000)
    r = lambda: minimize(fg, np.zeros(size), jac=True, method="L-BFGS-B", bounds=bounds, options=options)
    t, res = best_of(r, REPEATS)
    x = res.x[:d] - res.x[d:] if kind == "lasso" else res.x
    return dict(seconds=t, x=x, iterations=int(res.nit), evaluations=int(res.nfev), note=str(res.message))


def sklearn_peers(kind, data):
    """scikit-learn's solvers for the same objective (and scipy.optimize.nnls), {label: result}."""
    import numpy as np
    import warnings
    out = {}
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression
        X, y, lam = data["X"], data["y"], data["lam"]
        for solver in ("lbfgs", "newton-cholesky"):
            m = LogisticRegression(C=1 / lam, fit_intercept=False, solver=solver, tol=1e-10, max_iter=100_000)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t, fitted = best_of(lambda: m.fit(X, y), REPEATS)
            out["sklearn LogisticRegression(" + solver + ")"] = dict(seconds=t, x=fitted.coef_.ravel().copy(),
                                                                     iterations=int(np.max(fitted.n_iter_)))
    elif kind == "ridge":
        from sklearn.linear_model import Ridge
        m = Ridge(alpha=data["lam"], fit_intercept=False)
        t, fitted = best_of(lambda: m.fit(data["A"], data["b"]), REPEATS)
        out["sklearn Ridge"] = dict(seconds=t, x=fitted.coef_.ravel().copy())
    elif kind == "lasso":
        from sklearn.linear_model import Lasso
        A, b = data["A"], data["b"]
        # sklearn minimizes ‖b − Ax‖²/(2n) + alpha·‖x‖₁: ours divided by 2n
        m = Lasso(alpha=data["lam"] / (2 * A.shape[0]), fit_intercept=False, tol=1e-12, max_iter=1_000_000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t, fitted = best_of(lambda: m.fit(A, b), REPEATS)
        out["sklearn Lasso"] = dict(seconds=t, x=fitted.coef_.ravel().copy(), iterations=int(fitted.n_iter_))
    elif kind == "nnls":
        from scipy.optimize import nnls
        t, (x, _) = best_of(lambda: nnls(data["A"], data["b"], maxiter=50 * data["A"].shape[1]), REPEATS)
        out["scipy.optimize.nnls"] = dict(seconds=t, x=x)
    return out


def peer_gradient_seconds(kind, data):
    """The hand-written NumPy value and gradient at the start (x = 0), best of batches."""
    import numpy as np
    fg = value_and_gradient(kind, data)
    d = data["X" if kind == "logistic" else "A"].shape[1]
    x = np.zeros(2 * d if kind == "lasso" else d)
    fg(x)
    best = float("inf")
    for _ in range(5):
        runs, t = 0, time.perf_counter()
        while runs < 200 and (runs == 0 or time.perf_counter() - t < 0.2):
            fg(x); runs += 1
        best = min(best, (time.perf_counter() - t) / runs)
    return best


def copy_bandwidth():
    """Bytes moved per second (read + write) copying a 256 MB array with NumPy, best of 5."""
    import numpy as np
    a = np.random.rand(32 * 1024 * 1024); b = np.empty_like(a)
    np.copyto(b, a)
    t = min(best_of(lambda: np.copyto(b, a), 1)[0] for _ in range(5))
    return 2 * a.nbytes / t


# ---------------------------------------------------------------- matcalc

def matcalc_args(kind, data, directory):
    expr, over, constraints = EXPRESSIONS[kind]
    args = [expr, "--over", over]
    for k, v in data.items():
        args += ["--data", k + "=" + (os.path.join(directory, k + ".npy") if not isinstance(v, float) else repr(v))]
    for c in constraints: args += ["--subject-to", c]
    return args + ["--start", over + "=" + os.path.join(directory, "start.npy"), "--tolerance", repr(TOL)]


def java_classpath():
    """Builds the test classes (bench.MinimizeBenchmark) once; returns the java command prefix."""
    jdk = subprocess.run(["bash", "-c", ". '%s/bin/jdk.sh' >/dev/null && echo \"$JAVA_HOME\"" % ROOT],
                         capture_output=True, text=True).stdout.strip()
    os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
    # the benchmark lives in the core module's test tree
    r = subprocess.run(["bash", "-c", ". bin/jdk.sh && mvn -q -B -DskipTests -pl core test-compile dependency:build-classpath "
                        "-Dmdep.outputFile=\"$PWD/target/test-classpath.txt\" -Dmdep.includeScope=test"],
                       cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0: sys.exit("building the benchmark failed:\n" + (r.stdout + r.stderr)[-3000:])
    cp = "core/target/test-classes:core/target/classes:" + open(os.path.join(ROOT, "target", "test-classpath.txt")).read().strip()
    return [os.path.join(jdk, "bin", "java"), "-XX:+UseSerialGC", "-Xss16m", "-Xmx8g", "--add-modules",
            "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp", cp]


def matcalc_in_process(java, kind, data, directory):
    r = subprocess.run(java + ["dev.matcalc.bench.MinimizeBenchmark"] + matcalc_args(kind, data, directory)
                       + ["--repeats", str(REPEATS)], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0: return "failed: " + (r.stderr.strip().splitlines() or ["?"])[-1][:200]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    import numpy as np
    out["x"] = np.array(out["x"])
    return out


def matcalc_cli(kind, data, directory):
    """The whole process, as a user runs it: JVM start, reading the .npy files, compiling, solving, writing x."""
    import numpy as np
    _, over, _ = EXPRESSIONS[kind]
    out = os.path.join(directory, "matcalc-" + over + ".npy")
    cmd = [os.path.join(ROOT, "matcalc"), "minimize"] + matcalc_args(kind, data, directory) + [
        "--quiet", "--format", "json", "--out", out]
    subprocess.run(cmd, capture_output=True)            # the first run may build matcalc
    best = None
    for _ in range(max(1, REPEATS)):
        t = time.perf_counter(); r = subprocess.run(cmd, capture_output=True, text=True); t = time.perf_counter() - t
        if r.returncode not in (0, 1): return "failed: " + r.stderr.strip()[-200:]
        if best is None or t < best[0]: best = (t, r.stdout)
    answer = json.loads(best[1])
    return dict(seconds=best[0], x=np.load(out).ravel(), iterations=answer["iterations"],
                evaluations=answer["evaluations"], solverSeconds=answer["seconds"])


# ---------------------------------------------------------------- report

def fmt_s(t):
    return "—" if t is None else ("%.3g s" % t if t >= 1 else "%.3g ms" % (t * 1e3))


def run():
    import numpy as np
    t0 = time.time()
    bw = copy_bandwidth()
    log("copy bandwidth %.1f GB/s" % (bw / 1e9))
    java = java_classpath()
    rows, grads, reached = [], [], []
    for name, kind, n, d in problems():
        directory = os.path.join(DATA, "%s-%dx%d" % (kind, n, d))
        data = generate(kind, n, d, directory)
        label = "%s %s×%s" % (name, f"{n:,}", f"{d:,}")
        log("%s: matcalc in-process..." % label)
        mc = matcalc_in_process(java, kind, data, directory)
        results = {}
        if isinstance(mc, dict): results["matcalc (in-process)"] = mc
        else: log("  matcalc in-process " + mc)
        if not NO_CLI:
            log("%s: matcalc CLI..." % label)
            cli = matcalc_cli(kind, data, directory)
            if isinstance(cli, dict): results["matcalc CLI (whole process)"] = cli
            else: log("  matcalc CLI " + cli)
        f_ref = objective(kind, data, mc["x"]) if isinstance(mc, dict) else None
        log("%s: peers..." % label)
        if f_ref is not None: results["SciPy L-BFGS-B + NumPy gradient"] = scipy_lbfgsb(kind, data, f_ref)
        results.update(sklearn_peers(kind, data))
        for r in results.values(): r["objective"] = objective(kind, data, r["x"])
        f_best = min(r["objective"] for r in results.values())
        peers = [k for k in results if not k.startswith("matcalc")]
        best_peer = min((results[k]["seconds"] for k in peers), default=None)
        for k, r in results.items():
            rows.append(dict(problem=label, solver=k, seconds=r["seconds"], objective=r["objective"],
                             gap=(r["objective"] - f_best) / max(1.0, abs(f_best)),
                             iterations=r.get("iterations"), evaluations=r.get("evaluations"),
                             ratio=r["seconds"] / best_peer if best_peer else None, peer=k in peers))
        if isinstance(mc, dict):      # matcalc's time to each peer's (higher) objective, from its iteration trace
            for k in peers:
                f_peer = results[k]["objective"]
                hit = next((t for t, f in mc["trace"] if f <= f_peer), None)
                if (f_peer - f_best) / max(1.0, abs(f_best)) > 1e-12 and hit is not None:
                    reached.append("%s: matcalc in-process reaches %s's objective (%.12g) after %s, against its %s"
                                   % (label, k, f_peer, fmt_s(hit), fmt_s(results[k]["seconds"])))
        X = data["X" if kind == "logistic" else "A"]
        floor = X.nbytes / bw
        grads.append(dict(problem=label, matcalc=mc.get("gradientSeconds") if isinstance(mc, dict) else None,
                          numpy=peer_gradient_seconds(kind, data), floor=floor, bytes=X.nbytes,
                          compile=mc.get("compileSeconds") if isinstance(mc, dict) else None,
                          load=mc.get("loadSeconds") if isinstance(mc, dict) else None))
        log("  done (%.0f s so far)" % (time.time() - t0))
    report(rows, grads, reached, bw, time.time() - t0)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"): cpu = line.split(":", 1)[1].strip(); break
    except OSError: pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import numpy, scipy, sklearn
    return ("%s, %d CPUs, %s; load average %.1f at the end of the run; Python %s, NumPy %s, SciPy %s, scikit-learn %s"
            % (cpu, os.cpu_count(), platform.platform(), load, platform.python_version(), numpy.__version__,
               scipy.__version__, sklearn.__version__))


def report(rows, grads, reached, bw, total):
    cmd = "bench/minimize.sh" + (" --quick" if QUICK else "")
    lines = ["Generated by `%s --markdown` on %s (%.0f s)." % (cmd, time.strftime("%Y-%m-%d %H:%M %Z"), total), "",
             "Machine: %s. Copy bandwidth (NumPy, 256 MB, read + write): **%.1f GB/s**." % (machine(), bw / 1e9), "",
             "Time to solve, best of %d; objective as NumPy evaluates it at each solution; gap = (f − f_best)/max(1, |f_best|) "
             "over all solvers of the row's problem; ratio = time over the best peer's (< 1× = matcalc faster). "
             "matcalc in-process = `MatCalc.minimize`-equivalent library call in a warm JVM (compiled once, solve timed); "
             "CLI = the whole `./matcalc minimize` process (JVM start, reading the .npy files, compiling, solving, writing x)."
             % REPEATS, "",
             "| problem | solver | time | vs best peer | objective | gap | iterations | evaluations |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append("| %s | %s | %s | %s | %.12g | %.1e | %s | %s |" % (
            r["problem"], r["solver"], fmt_s(r["seconds"]), "—" if r["ratio"] is None else "%.2f×" % r["ratio"],
            r["objective"], r["gap"], "—" if r["iterations"] is None else r["iterations"],
            "—" if r["evaluations"] is None else r["evaluations"]))
    if reached:
        lines += ["", "Where a peer stopped at a higher objective, the time matcalc took to reach that objective "
                  "(iteration trace of the same timed solve):", ""] + ["- " + r for r in reached]
    lines += ["", "Per evaluation of the value and gradient (at x = 0, best of batches); floor = bytes of the data "
              "matrix (read once) / copy bandwidth.", "",
              "| problem | data matrix | floor | matcalc | matcalc / floor | NumPy (hand-written) | NumPy / floor | matcalc load / compile |",
              "|---|---|---|---|---|---|---|---|"]
    for g in grads:
        lines.append("| %s | %.0f MB | %s | %s | %s | %s | %.2f× | %s / %s |" % (
            g["problem"], g["bytes"] / 1e6, fmt_s(g["floor"]), fmt_s(g["matcalc"]),
            "—" if g["matcalc"] is None else "%.2f×" % (g["matcalc"] / g["floor"]), fmt_s(g["numpy"]),
            g["numpy"] / g["floor"], fmt_s(g["load"]), fmt_s(g["compile"])))
    print("\n".join(lines))
    if not MARKDOWN:
        log("(the table is markdown: bench/minimize.sh --markdown > table.md keeps only it on stdout)")


def check():
    """--check DIR: writes the quick problems' data into DIR and prints, as JSON, each problem's matcalc
    arguments (relative to DIR) and SciPy's objective: what the test suite's smoke test solves."""
    global TOL
    import numpy as np
    directory = option("--check", None)
    out = []
    for name, kind, n, d in problems():
        sub = "%s-%dx%d" % (kind, n, d)
        data = generate(kind, n, d, os.path.join(directory, sub))
        scipy_f = objective(kind, data, scipy_lbfgsb(kind, data, 1.0)["x"]) if kind != "ridge" else None
        ridge_x = np.linalg.solve(data["A"].T @ data["A"] + data["lam"] * np.eye(d), data["A"].T @ data["b"]) \
            if kind == "ridge" else None
        out.append(dict(problem=sub, arguments=matcalc_args(kind, data, sub),
                        reference=scipy_f if ridge_x is None else objective(kind, data, ridge_x)))
    print(json.dumps(out))


if __name__ == "__main__":
    if "--check" in ARGS:
        QUICK = True
        check()
    else:
        run()
