#!/usr/bin/python3
"""SymPy's side of the scaling benchmark (bench/scaling.sh): the four families of
core/src/test/java/dev/matcalc/bench/ScalingFamilies.java, written with MatrixSymbol and
differentiated with .diff, each case in its own process under a timeout.

Prints one tab-separated line per case:
  family  k  seconds|timeout|error  gradient-nodes  hessian-nodes|-
where seconds covers building the expression, the derivative(s) and str() of them, and nodes
counts the expression tree (len(list(preorder_traversal(e)))), measured after the timing.
Once a family times out, its larger k are reported as 'skipped' (they only grow).

Usage: /usr/bin/python3 bench/sympy_scaling.py [--quick] [--timeout SECONDS] [--ks 1,2,4]
Needs Debian's python3-sympy (apt-get install -y python3-sympy).
"""
import argparse
import multiprocessing as mp
import sys
import time

FAMILIES = ["NESTED_DEFINITIONS", "NESTED_INVERSE", "QUADRATIC_FORMS", "CHAIN"]
HESSIAN = {"QUADRATIC_FORMS", "CHAIN"}


def build(family, k):
    """The function and the variable, as matcalc's ScalingFamilies writes them."""
    from sympy import Add, MatrixSymbol, Symbol, Trace
    n = Symbol("n")
    A = [MatrixSymbol("A%d" % j, n, n) for j in range(1, k + 1)]
    if family == "NESTED_DEFINITIONS":          # tr(Y_k), Y_0 = X, Y_j = Y_{j-1}'*A_j*Y_{j-1}
        X = MatrixSymbol("X", n, n)
        Y = X
        for a in A:
            Y = Y.T * a * Y
        return Trace(Y), X
    if family == "NESTED_INVERSE":              # tr(inv(A_k + inv(... inv(A_1 + X))))
        X = MatrixSymbol("X", n, n)
        Y = X
        for a in A:
            Y = (a + Y).I
        return Trace(Y), X
    x = MatrixSymbol("x", n, 1)
    if family == "QUADRATIC_FORMS":             # sum_j x'*A_j*x
        return Add(*[x.T * a * x for a in A]), x
    if family == "CHAIN":                       # (A_k*...*A_1*x)'*(A_k*...*A_1*x)
        v = x
        for a in A:
            v = a * v
        return v.T * v, x
    raise ValueError(family)


def case(family, k, out):
    sys.setrecursionlimit(100000)
    try:
        from sympy import preorder_traversal
        start = time.perf_counter()
        f, var = build(family, k)
        g = f.diff(var)
        str(g)
        h = None
        if family in HESSIAN:
            h = g.diff(var)
            str(h)
        seconds = time.perf_counter() - start
        size = lambda e: len(list(preorder_traversal(e)))
        out.send(("%.4f" % seconds, str(size(g)), str(size(h)) if h is not None else "-"))
    except Exception as e:  # e.g. an unsupported derivative: report it, keep going
        out.send(("error", type(e).__name__ + ": " + str(e).replace("\t", " ").replace("\n", " ")[:80], "-"))


def run(family, k, timeout):
    receive, send = mp.Pipe(duplex=False)
    p = mp.get_context("fork").Process(target=case, args=(family, k, send))
    p.start()
    if receive.poll(timeout):
        result = receive.recv()
        p.join()
        return result
    p.kill()
    p.join()
    return ("timeout", "-", "-")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="k <= 4 only (a smoke run)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per case (default 60)")
    ap.add_argument("--ks", default=None, help="comma-separated depths (default 1,2,4,8,16,32,64)")
    ap.add_argument("--families", default=",".join(FAMILIES))
    args = ap.parse_args()
    ks = [int(k) for k in args.ks.split(",")] if args.ks else ([1, 2, 4] if args.quick else [1, 2, 4, 8, 16, 32, 64])
    import sympy
    print("# sympy %s, python %s" % (sympy.__version__, sys.version.split()[0]), flush=True)
    for family in args.families.split(","):
        gave_up = False
        for k in ks:
            result = ("skipped", "-", "-") if gave_up else run(family, k, args.timeout)
            gave_up = gave_up or result[0] == "timeout"
            print("\t".join([family, str(k)] + list(result)), flush=True)


if __name__ == "__main__":
    main()
