#!/usr/bin/python3
"""Joins the scaling benchmark's outputs (JMH CSV, matcalc sizes, SymPy lines) into the Markdown
of bench/RESULTS.md. Called by bench/scaling.sh; standard library only."""
import argparse
import csv
import datetime

NAMES = {
    "NESTED_DEFINITIONS": "1. tr(Y_k), Y_j = Y_{j-1}'*A_j*Y_{j-1} (definitions), gradient",
    "NESTED_INVERSE": "2. tr(inv(A_k + inv(... inv(A_1 + X)))), gradient",
    "QUADRATIC_FORMS": "3. sum_j x'*A_j*x, gradient + Hessian",
    "CHAIN": "4. (A_k*...*A_1*x)'*(A_k*...*A_1*x), gradient + Hessian",
}


def read_tsv(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            rows[(cells[0], int(cells[1]))] = cells[2:]
    return rows


def comment(path):
    with open(path) as f:
        return [line[1:].strip() for line in f if line.startswith("#")]


def sizes(*pairs):
    return " + ".join(p for p in pairs if p and p != "-")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jmh"); ap.add_argument("sizes"); ap.add_argument("sympy")
    for opt in ("machine", "java", "command", "mode", "timeout"):
        ap.add_argument("--" + opt, default="")
    a = ap.parse_args()
    jmh = {}
    with open(a.jmh) as f:
        for r in csv.DictReader(f):
            jmh[(r["Param: family"], int(r["Param: k"]))] = (float(r["Score"]), float(r["Score Error (99.9%)"] or "nan"))
    ours = read_tsv(a.sizes)
    theirs = read_tsv(a.sympy)
    sympy_version = ", ".join(comment(a.sympy)) or "SymPy"

    print("# Scaling benchmark (issue 3)\n")
    print("Derivatives of four families of depth k, matcalc beside SymPy. Written by `bench/scaling.sh`; do not edit.\n")
    print("- Command: `%s` (%s run), %s." % (a.command, a.mode, datetime.date.today().isoformat()))
    print("- Machine: %s; %s; %s." % (a.machine, a.java, sympy_version))
    print("- matcalc time: JMH average (ms) of parse + gradient (+ Hessian) + `DerivativeResult.toText()`, in process,"
          " after warm-up (`ScalingBenchmark`). Size: `Nodes.dagSize` of the matrix form (distinct nodes)"
          " / length of the text with its definitions (chars); gradient + Hessian where both are taken.")
    print("- SymPy time: building the MatrixSymbol expression + `.diff` (twice for the Hessian) + `str()`, one"
          " fresh process per case, timeout %s s (larger k of a family that timed out are skipped)."
          " Size: tree nodes, `len(list(preorder_traversal(e)))`. Ratio: SymPy time / matcalc time.\n" % a.timeout)
    print("| family | k | matcalc time (ms) | matcalc size (nodes / chars) | SymPy time (ms) | SymPy size (nodes) | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for family in NAMES:
        for (fam, k) in sorted(key for key in jmh if key[0] == family):
            score, error = jmh[(fam, k)]
            s = ours.get((fam, k), ["-"] * 4)
            size = "%s / %s" % (sizes(s[0], s[2]), sizes(s[1], s[3]))
            t = theirs.get((fam, k))
            if t is None:
                sympy_time, sympy_size, ratio = "not run", "-", "-"
            elif t[0] in ("timeout", "skipped"):
                sympy_time = "> %s s (%s)" % (a.timeout, t[0])
                sympy_size, ratio = "-", "> %.0f×" % (float(a.timeout) * 1000 / score)
            elif t[0] == "error":
                sympy_time, sympy_size, ratio = "error: " + t[1], "-", "-"
            else:
                ms = float(t[0]) * 1000
                sympy_time, sympy_size, ratio = "%.0f" % ms, sizes(t[1], t[2]), "%.0f×" % (ms / score)
            ours_time = "%.3f" % score if error != error else "%.3f ± %.3f" % (score, error)   # NaN: too few samples
            print("| %s | %d | %s | %s | %s | %s | %s |" % (NAMES[family], k, ours_time, size, sympy_time, sympy_size, ratio))


if __name__ == "__main__":
    main()
