"""Runs the autodiff comparison of issue 5 and writes its table (also printed, markdown, on stdout);
see bench/autodiff.sh. Options: --quick (tiny sizes), --problems a,b (a subset, written under target/),
--out FILE (where the table goes), --rounds R (alternate JMH and the peers R times on the cheap jobs,
each keeping its best: for a loaded machine), --table RUN.json (print a saved run's table again)."""
import json, os, platform, subprocess, sys, time

QUICK = "--quick" in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIZES = [10] if QUICK else [100, 500, 1000, 2000]
DENSE_TENSOR_MAX = 10 if QUICK else 100  # (n·n/10)² doubles: 8 MB at n=100, 5 GB at n=500
ALL_PROBLEMS = ["xAx", "logistic", "mf", "mlp", "mlp-ce", "attention"]
# the layer families (gradient by every parameter): batch / sequence length n; 784→256→10 and d = 64 fixed
LAYERS = ("mlp-ce", "attention")
LAYER_SIZES = [10] if QUICK else [512]

def option(name):
    """The value of --name=value or --name value, else None."""
    for i, a in enumerate(sys.argv):
        if a.startswith("--" + name + "="): return a.split("=", 1)[1]
        if a == "--" + name and i + 1 < len(sys.argv): return sys.argv[i + 1]
    return None

PROBLEMS = option("problems").split(",") if option("problems") else ALL_PROBLEMS
if any(p not in ALL_PROBLEMS for p in PROBLEMS):
    sys.exit("autodiff.py: --problems takes a comma-separated list of " + ", ".join(ALL_PROBLEMS))
# a full run writes bench/RESULTS-autodiff.md; a quick one or a subset of the problems writes under target/
OUT = option("out") or (os.path.join(ROOT, "target", "RESULTS-autodiff-quick.md") if QUICK
                        else os.path.join(HERE, "RESULTS-autodiff.md") if PROBLEMS == ALL_PROBLEMS
                        else os.path.join(ROOT, "target", "RESULTS-autodiff-%s.md" % "-".join(PROBLEMS)))

def jobs():
    out = []
    for p in PROBLEMS:
        if p in LAYERS:
            out += [f"{p}:gradient:{n}" for n in LAYER_SIZES]
            continue
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
    t = min(timed(lambda: a @ b) for _ in range(5))
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
        ("mlp-ce", "gradient"): (floor_flops(job), 8 * (784 * n + 2 * 784 * 256)),
        ("attention", "gradient"): (floor_flops(job), 8 * 4 * n * min(64, n)),
    }
    return table.get((p, what.replace("-into", "")))

def floor_flops(job):
    """The FLOPs that any way of computing the job must spend in products (gemm, syrk, gemv), counted
    as 2 per multiply-add and for the cheapest known algorithm, or None where there is no product
    (a sum like A + A'). Over the machine's dgemm rate it is a time nobody can beat: a time below it
    means the work was not all done (constants folded, a lazy result not waited for)."""
    p, what, n = job.split(":"); n = int(n); m = 2 * n; k = max(1, n // 10)
    what = what.replace("-into", "").replace("-functorch", "")
    if p == "mlp-ce":   # W1·X and dZ1·X' (784×256 by the batch), and the three 10-row products
        return 2 * 2 * 256 * 784 * n + 3 * 2 * 10 * 256 * n
    if p == "attention":  # Q·K', G·V', dZ·K, dZ'·Q, S'·G (f = sum(S.*(G·V')) needs no S·V)
        return 5 * 2 * n * n * min(64, n)
    return {
        ("xAx", "gradient"): 2 * n * n,                  # every entry of A once
        ("logistic", "gradient"): 4 * m * n, ("logistic", "hvp"): 4 * m * n,
        ("logistic", "hessian"): m * n * n,             # X'·diag(s)·X, half (syrk)
        ("mf", "gradient"): 2 * n * n * k,              # T·V (then U·(V'·V), smaller)
        ("mf", "hvp"): 3 * n * k * k,                   # V'·V (syrk) and D·(V'·V)
        ("mf", "hessian"): n * k * k,                   # V'·V
        ("mlp", "gradient"): 4 * k * n * n, ("mlp", "hvp"): 6 * k * n * n,
    }.get((p, what))

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
        jax_note = ("JAX: skipped (not installable here: no target/jax-venv with jax; `.ci/run` tries a best-effort pip install). "
                    "The JAX harness now passes the data to the jitted functions as arguments (before, it closed over them "
                    "and XLA folded them as constants); JAX numbers must be rerun where JAX is installed. The JAX column "
                    "of the 2026-11-26 results is withdrawn: it was timed with the data closed over, and some times were "
                    "below their FLOP floor (matrix-factorization HVP at n = 1000: 0.0258 ms, where V'V and D·(V'V) alone "
                    "take 0.18 ms at 166 GFLOP/s).")
        print("JAX skipped: no target/jax-venv with jax (the JAX column is empty; rerun where JAX is installed)", file=sys.stderr)
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
    # the floors use the faster of the dgemm rates measured before and after (a slow first measurement
    # on a loaded machine must not raise the floors)
    # --rounds R (for a loaded machine): R - 1 more alternations of JMH and the peers on the cheap jobs,
    # every side keeping its best time, so that a burst of load in one phase favours neither side
    for r in range(1, int(option("rounds") or 1)):
        print("round %d: JMH and peers again for %d cheap jobs..." % (r + 1, len(again)), file=sys.stderr)
        for j, t in jmh(again).items():
            mc[j] = min(t, mc.get(j, float("inf")))
        for table, py_, name in ((numpy_t, py, "numpy"), (torch_t, py, "torch")) + (((jax_t, jax_py, "jax"),) if not jax_note else ()):
            for j, t in peers(py_, name, again).items():
                if not isinstance(t, str) and (isinstance(table.get(j), str) or t < table.get(j, float("inf"))):
                    table[j] = t
        gflops = max(gflops, machine()[0])  # the floors need the machine's best rate, not a loaded moment's
    gflops2, gbs2 = machine()
    print(f"machine again: dgemm {gflops2:.1f} GFLOP/s, copy {gbs2:.1f} GB/s", file=sys.stderr)
    raw = dict(rounds=int(option("rounds") or 1), jobs=js, gflops=gflops, gflops2=gflops2, gbs=gbs, numpy=numpy_t, torch=torch_t, jax=jax_t, matcalc=mc,
               jax_note=jax_note, generated=time.strftime("%Y-%m-%d %H:%M"), seconds=time.time() - t0, quick=QUICK,
               platform=[platform.machine(), os.cpu_count(), platform.platform(), platform.python_version()])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    raw_file = os.path.splitext(OUT)[0] + ".json" if OUT.startswith(os.path.join(ROOT, "target")) \
        else os.path.join(ROOT, "target", "autodiff-raw.json")
    json.dump(raw, open(raw_file, "w"), indent=1)
    lines = render(raw)
    open(OUT, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print("wrote " + OUT + " (the measurements: " + raw_file + "; `bench/autodiff.sh --table " + raw_file
          + "` prints the table again)", file=sys.stderr)

def render(raw):
    """The markdown report of one run's measurements (as main saves them)."""
    js, gflops, gflops2, gbs = raw["jobs"], raw["gflops"], raw["gflops2"], raw["gbs"]
    numpy_t, torch_t, jax_t, mc, jax_note = raw["numpy"], raw["torch"], raw["jax"], raw["matcalc"], raw["jax_note"]
    # the floors use the faster of the dgemm rates measured before and after (a slow measurement on a
    # loaded machine must not raise the floors)
    rate = max(gflops, gflops2)
    flagged = []
    def cell(name, j, t):
        """A time, flagged where it is below the job's FLOP floor (impossible: work was skipped)."""
        f = floor_flops(j)
        if isinstance(t, str) or f is None or t >= f / (rate * 1e9): return fmt(t)
        flagged.append("%s %s: %s < floor %s" % (name, j, fmt(t), fmt(f / (rate * 1e9))))
        return fmt(t) + " **⚠ below floor: impossible**"
    lines = ["# Autodiff comparison (issue 5)", "",
             "Generated by `bench/autodiff.sh%s` on %s." % (" --quick" if raw["quick"] else "", raw["generated"]), "",
             "Machine: %s, %d CPUs, %s; Python %s. dgemm (NumPy/OpenBLAS, n=2000): **%.1f GFLOP/s** before the run, "
             "**%.1f GFLOP/s** after; copy: **%.1f GB/s**." % tuple(raw["platform"] + [gflops, gflops2, gbs]), ""]
    if max(gflops, gflops2) > 1.3 * min(gflops, gflops2) or max(gflops, gflops2) < 0.5 * QUIET_GFLOPS:
        lines += ["**The machine was loaded during this run** (dgemm %.0f and %.0f GFLOP/s, against %.0f on the quiet "
                  "machine of 2026-11-26): times drift within the run and are slower than the machine's; compare the "
                  "ratios of this run only, and rerun on a quiet machine for numbers to quote." % (gflops, gflops2, QUIET_GFLOPS), ""]
    lines += [
             "matcalc: compiled evaluator (`CompiledDerivative`, JMH average, in-process; the layer families: one `Plan` of f "
             "and every gradient), %s." % blas_line(), "",
             "Problems: x'Ax (A n×n); logistic loss (X 2n×n); matrix factorization ‖T−UV'‖² by U (rank n/10); "
             "MLP `sum((W2*tanh(W1*X) - Y).^2)` by W1 (h=n/10, batch n). "
             "Layer families, gradient by every parameter at once (f and all gradients in one compiled plan; torch: one "
             "backward for all; JAX: `jit(value_and_grad(..., argnums=all))`): mlp-ce = `%s` by W1, b1, W2, b2 "
             "(784→256→10, batch n, one-hot Y); attention = `%s` by Q, K, V (n×64, c = 8). "
             "Ratios > 1× mean matcalc is faster. "
             "`limit` is matcalc's time over max(useful FLOPs / dgemm rate, bytes / copy rate) (1× = at the machine's limit). "
             "`floor` is the product FLOPs any method must spend (`floor_flops` in bench/autodiff.py) over the faster "
             "dgemm rate measured; a time below it is flagged as impossible." % (MLP_CE, ATTENTION), "",
             "| problem | n | what | floor | matcalc | limit | NumPy closed form | matcalc vs NumPy | torch autograd | vs torch | torch functorch.hessian | vs functorch | JAX (jit) | vs JAX |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for j in js:
        p, what, n = j.split(":")
        m = mc.get(j, "skip")
        w = work(j)
        lim = "—" if w is None or isinstance(m, str) else "%.2g×" % (m / max(w[0] / (gflops * 1e9), w[1] / (gbs * 1e9)))
        fj = j.replace(":hessian:", ":hessian-functorch:") if what == "hessian" else None
        ft = torch_t.get(fj, "skip") if fj else "skip"
        fl = floor_flops(j)
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            p, n, what, "—" if fl is None else fmt(fl / (rate * 1e9)), cell("matcalc", j, m), lim,
            cell("NumPy", j, numpy_t.get(j, "skip")), ratio(numpy_t.get(j, "skip"), m),
            cell("torch", j, torch_t.get(j, "skip")), ratio(torch_t.get(j, "skip"), m), cell("functorch", j, ft), ratio(ft, m),
            cell("JAX", j, jax_t.get(j, "skip")), ratio(jax_t.get(j, "skip"), m)))
    dense_max = 10 if raw["quick"] else 100
    skipped = [f"{p} dense Hessian at n > {dense_max}" for p in ("mf", "mlp")]
    lines += ["", "Skipped: " + "; ".join(skipped) + " ((n²/10)² entries: 5 GB at n=500, 80 GB at n=1000 for mf) — "
              "their Hessian-vector products (hvp rows) are measured at every size instead. "
              "No NumPy closed form was written for the dense MLP Hessian.",
              "What is timed: gradient = f and its gradient (what an optimizer step needs; torch's forward + backward), "
              "hessian = the Hessian alone in a fresh array per call (`CompiledDerivative.derivativeAt(values)`; NumPy's closed form "
              "allocates too), hessian-into = the Hessian written into an array the caller keeps (`derivativeAt(values, into)`; "
              "NumPy with `out=`).",
              "Peer gradients and Hessian-vector products are timed before and after JMH; the faster of the two is shown"
              + (" (with --rounds %d: JMH and the peers alternate %d times more on them, each side keeping its best)."
                 % (raw.get("rounds", 1), raw.get("rounds", 1) - 1) if raw.get("rounds", 1) > 1 else "."),
              "torch autograd column: `torch.autograd.grad` (gradient), `torch.autograd.functional.hessian` (hessian), "
              "`torch.autograd.functional.hvp` (hvp). `torch.func` is not in Debian's torch %s; `functorch.hessian` is the same function." % torch_version(),
              ]
    if flagged:
        loaded = max(gflops, gflops2) < 0.5 * QUIET_GFLOPS
        lines += ["", "**Below their FLOP floor (impossible: the work was not all done, or the machine's rate was "
                  "underestimated):** " + "; ".join(flagged)
                  + (" — the machine was loaded and its best dgemm rate measured is under half its quiet one, so here "
                     "the rate is the likely culprit; on a quiet machine a flag means the peer skipped work." if loaded else "")]
        for f in flagged: print("IMPOSSIBLE (below FLOP floor): " + f, file=sys.stderr)
    else:
        lines += ["", "No time is below its FLOP floor."]
    if jax_note: lines += ["", jax_note]
    skipped_peers = sorted({f"{j}: {v}" for d in (numpy_t, torch_t) for j, v in d.items() if isinstance(v, str) and "closed form" not in v})
    if skipped_peers: lines += ["", "Peers that failed: " + "; ".join(skipped_peers)]
    lines += ["", "Total run: %.0f s." % raw["seconds"]]
    return lines

MLP_CE = "-sum(Y.*log(softmax(W2*tanh(W1*X + b1) + b2, 1)))"
ATTENTION = "sum(G.*(softmax(Q*K'/c, 2)*V))"

def torch_version():
    try:
        import torch; return torch.__version__
    except ImportError:
        return "(absent)"

def blas_line():
    return ("products through dev.ludovic.netlib (OpenBLAS via JNI when libopenblas0 is installed: from 8³ multiply-adds, "
            "EJML below; pure-Java BLAS from 48³ otherwise), element-wise functions through the JDK's SIMD math "
            "(the JMH fork runs with `--add-modules jdk.incubator.vector`)")

QUIET_GFLOPS = 165.9  # dgemm on this machine when nobody else ran (bench/RESULTS-autodiff.md of 2026-11-26)

if __name__ == "__main__":
    if option("table"):  # print a saved run's table again (no measuring)
        print("\n".join(render(json.load(open(option("table"))))))
    else:
        main()
