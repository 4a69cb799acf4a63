"""Runs the autodiff comparison of issue 5 and writes its table; see bench/autodiff.sh."""
import json, os, platform, subprocess, sys, time

QUICK = "--quick" in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIZES = [10] if QUICK else [100, 500, 1000, 2000]
DENSE_TENSOR_MAX = 10 if QUICK else 100  # (n·n/10)² doubles: 8 MB at n=100, 5 GB at n=500
PROBLEMS = ["xAx", "logistic", "mf", "mlp"]
OUT = os.path.join(ROOT, "target", "RESULTS-autodiff-quick.md") if QUICK else os.path.join(HERE, "RESULTS-autodiff.md")

def jobs():
    out = []
    for p in PROBLEMS:
        for n in SIZES:
            out.append(f"{p}:gradient:{n}")
            if p in ("xAx", "logistic") or n <= DENSE_TENSOR_MAX: out.append(f"{p}:hessian:{n}")
            if p in ("xAx", "logistic"): out.append(f"{p}:hessian-into:{n}")
            if p in ("mf", "mlp", "logistic"): out.append(f"{p}:hvp:{n}")
    return out

def peers(python, framework, js):
    r = subprocess.run([python, os.path.join(HERE, "peers.py"), framework, json.dumps(js)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return {j: "skip: " + (r.stderr.strip().splitlines() or ["failed"])[-1][:80] for j in js}
    return json.loads(r.stdout.strip().splitlines()[-1])

def machine():
    import numpy as np
    n = 2000
    a, b = np.random.rand(n, n), np.random.rand(n, n)
    a @ b
    t = min(timed(lambda: a @ b) for _ in range(3))
    gflops = 2 * n ** 3 / t / 1e9
    x = np.random.rand(8 * 1024 * 1024); y = np.empty_like(x)
    t = min(timed(lambda: np.copyto(y, x)) for _ in range(5))
    gbs = 2 * x.nbytes / t / 1e9  # read + write
    return gflops, gbs

def timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t

def work(job):
    """(useful flops, bytes moved) of the closed form: the bound a perfect evaluator would meet."""
    p, what, n = job.split(":"); n = int(n); m = 2 * n; k = max(1, n // 10)
    table = {
        ("xAx", "gradient"): (4 * n * n, 16 * n * n), ("xAx", "hessian"): (n * n, 24 * n * n),
        ("logistic", "gradient"): (4 * m * n, 16 * m * n), ("logistic", "hessian"): (m * n * n, 8 * (m * n + n * n)),
        ("logistic", "hvp"): (4 * m * n, 16 * m * n),
        ("mf", "gradient"): (4 * n * n * k, 8 * n * n), ("mf", "hvp"): (4 * n * k * k, 24 * n * k),
        ("mf", "hessian"): ((n * k) ** 2, 8 * (n * k) ** 2),
        ("mlp", "gradient"): (4 * k * n * n, 16 * n * n), ("mlp", "hvp"): (6 * k * n * n, 16 * n * n),
    }
    return table.get((p, what.replace("-into", "")))

def jmh(js):
    args = [os.path.join(HERE, "jmh.sh"), "AutodiffBenchmark", "-p", "job=" + ",".join(js),
            "-rf", "json", "-rff", os.path.join(ROOT, "target", "autodiff-jmh.json")]
    if QUICK: args += ["-wi", "1", "-i", "1", "-w", "100ms", "-r", "100ms"]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("JMH failed:\n" + r.stdout[-3000:] + r.stderr[-3000:])
    out = {}
    for b in json.load(open(os.path.join(ROOT, "target", "autodiff-jmh.json"))):
        out[b["params"]["job"]] = b["primaryMetric"]["score"] / 1e3  # ms -> s
    return out

def fmt(t):
    if isinstance(t, str): return "—"
    return "%.3g ms" % (t * 1e3)

def ratio(a, b):
    if isinstance(a, str) or isinstance(b, str) or not a or not b: return "—"
    return "%.3g×" % (a / b)

def main():
    js = jobs()
    t0 = time.time()
    gflops, gbs = machine()
    print(f"machine: dgemm {gflops:.1f} GFLOP/s, copy {gbs:.1f} GB/s", file=sys.stderr)
    py = "/usr/bin/python3"
    numpy_t = peers(py, "numpy", js)
    autodiff_js = [j for j in js if ":hessian-into:" not in j]  # no out= variant in autodiff frameworks
    torch_js = autodiff_js + [j.replace(":hessian:", ":hessian-functorch:") for j in js if ":hessian:" in j]
    torch_t = peers(py, "torch", torch_js)
    jax_py = os.path.join(ROOT, "target", "jax-venv", "bin", "python")
    jax_note = ""
    if os.path.exists(jax_py) and subprocess.run([jax_py, "-c", "import jax"], capture_output=True).returncode == 0:
        jax_t = peers(jax_py, "jax", autodiff_js)
    else:
        jax_t = {j: "skip" for j in js}
        jax_note = "JAX: skipped (not installable here: no target/jax-venv with jax; `.ci/run` tries a best-effort pip install)."
    print("peers done in %.0f s; JMH..." % (time.time() - t0), file=sys.stderr)
    mc = jmh(js)
    # the machine's speed drifts over minutes: the cheap peer jobs (gradients, Hessian-vector products)
    # run again after JMH, and each peer keeps its faster time, so that drift cannot favour matcalc
    again = [j for j in js if j.split(":")[1] in ("gradient", "hvp")]
    print("JMH done; peers again for %d cheap jobs..." % len(again), file=sys.stderr)
    for table, py_, name in ((numpy_t, py, "numpy"), (torch_t, py, "torch")) + (((jax_t, jax_py, "jax"),) if not jax_note else ()):
        for j, t in peers(py_, name, again).items():
            if not isinstance(t, str) and (isinstance(table.get(j), str) or t < table.get(j, float("inf"))):
                table[j] = t
    lines = ["# Autodiff comparison (issue 5)", "",
             "Generated by `bench/autodiff.sh%s` on %s." % (" --quick" if QUICK else "", time.strftime("%Y-%m-%d %H:%M")), "",
             "Machine: %s, %d CPUs, %s; Python %s. dgemm (NumPy/OpenBLAS, n=2000): **%.1f GFLOP/s**; copy: **%.1f GB/s**."
             % (platform.machine(), os.cpu_count(), platform.platform(), platform.python_version(), gflops, gbs), "",
             "matcalc: compiled evaluator (`CompiledDerivative`, JMH average, in-process), %s." % blas_line(), "",
             "Problems: x'Ax (A n×n); logistic loss (X 2n×n); matrix factorization ‖T−UV'‖² by U (rank n/10); "
             "MLP `sum((W2*tanh(W1*X) - Y).^2)` by W1 (h=n/10, batch n). Ratios > 1× mean matcalc is faster. "
             "`limit` is matcalc's time over max(useful FLOPs / dgemm rate, bytes / copy rate) (1× = at the machine's limit).", "",
             "| problem | n | what | matcalc | limit | NumPy closed form | matcalc vs NumPy | torch autograd | vs torch | torch functorch.hessian | vs functorch | JAX (jit) | vs JAX |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for j in js:
        p, what, n = j.split(":")
        m = mc.get(j, "skip")
        w = work(j)
        lim = "—" if w is None or isinstance(m, str) else "%.2g×" % (m / max(w[0] / (gflops * 1e9), w[1] / (gbs * 1e9)))
        fj = j.replace(":hessian:", ":hessian-functorch:") if what == "hessian" else None
        ft = torch_t.get(fj, "skip") if fj else "skip"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            p, n, what, fmt(m), lim, fmt(numpy_t.get(j, "skip")), ratio(numpy_t.get(j, "skip"), m),
            fmt(torch_t.get(j, "skip")), ratio(torch_t.get(j, "skip"), m), fmt(ft), ratio(ft, m),
            fmt(jax_t.get(j, "skip")), ratio(jax_t.get(j, "skip"), m)))
    skipped = [f"{p} dense Hessian at n > {DENSE_TENSOR_MAX}" for p in ("mf", "mlp")]
    lines += ["", "Skipped: " + "; ".join(skipped) + " ((n²/10)² entries: 5 GB at n=500, 80 GB at n=1000 for mf) — "
              "their Hessian-vector products (hvp rows) are measured at every size instead. "
              "No NumPy closed form was written for the dense MLP Hessian.",
              "What is timed: gradient = f and its gradient (what an optimizer step needs; torch's forward + backward), "
              "hessian = the Hessian alone in a fresh array per call (`CompiledDerivative.derivativeAt(values)`; NumPy's closed form "
              "allocates too), hessian-into = the Hessian written into an array the caller keeps (`derivativeAt(values, into)`; "
              "NumPy with `out=`).",
              "Peer gradients and Hessian-vector products are timed before and after JMH; the faster of the two is shown.",
              "torch autograd column: `torch.autograd.grad` (gradient), `torch.autograd.functional.hessian` (hessian), "
              "`torch.autograd.functional.hvp` (hvp). `torch.func` is not in Debian's torch %s; `functorch.hessian` is the same function." % torch_version(),
              ]
    if jax_note: lines += ["", jax_note]
    skipped_peers = sorted({f"{j}: {v}" for d in (numpy_t, torch_t) for j, v in d.items() if isinstance(v, str) and "closed form" not in v})
    if skipped_peers: lines += ["", "Peers that failed: " + "; ".join(skipped_peers)]
    lines += ["", "Total run: %.0f s." % (time.time() - t0)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    open(OUT, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print("wrote " + OUT, file=sys.stderr)

def torch_version():
    try:
        import torch; return torch.__version__
    except ImportError:
        return "(absent)"

def blas_line():
    return ("products through dev.ludovic.netlib (OpenBLAS via JNI when libopenblas0 is installed: from 8³ multiply-adds, "
            "EJML below; pure-Java BLAS from 48³ otherwise), element-wise functions through the JDK's SIMD math "
            "(the JMH fork runs with `--add-modules jdk.incubator.vector`)")

if __name__ == "__main__":
    main()
