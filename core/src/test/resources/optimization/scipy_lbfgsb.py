#!/usr/bin/python3
"""SciPy's L-BFGS-B on the problems of dev.matcalc.optimization.ScipyComparisonTest.

Writes JSON to stdout: {"scipy": version, "options": {...}, "problems": {name: {"nit", "nfev",
"fun", "status", "message", "x"}}} (null for a
non-finite number). The problem data come from the same 64-bit LCG as
TestProblems.Lcg (bit-exact in both languages), so Java and SciPy solve identical problems.

    /usr/bin/python3 src/test/resources/optimization/scipy_lbfgsb.py > src/test/resources/optimization/scipy-lbfgsb-reference.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize

MASK = (1 << 64) - 1
OPTIONS = {"maxcor": 10, "ftol": 1e-12, "gtol": 1e-6, "maxiter": 10000, "maxls": 20, "maxfun": 100000}


class Lcg:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 11) * 2.0 ** -53

    def matrix(self, rows, cols):
        return np.array([[self.next() - 0.5 for _ in range(cols)] for _ in range(rows)])

    def vector(self, n, offset, scale):
        return np.array([offset + scale * self.next() for _ in range(n)])


def rosen(x):
    a = x[1:] - x[:-1] ** 2
    b = 1 - x[:-1]
    f = np.sum(100 * a * a + b * b)
    g = np.zeros_like(x)
    g[:-1] += -400 * a * x[:-1] - 2 * b
    g[1:] += 200 * a
    return f, g


def quadratic(a, b):
    def fun(x):
        ax = a @ x
        return 0.5 * x @ ax - b @ x, ax - b
    return fun


def least_squares(a, b, c):
    def fun(x):
        r = a @ x - b
        return 0.5 * r @ r + c * np.sum(x), a.T @ r + c
    return fun


def negative_log(c):
    def fun(x):
        with np.errstate(invalid="ignore", divide="ignore"):
            return float(c @ x - np.sum(np.log(x))), c - 1 / x
    return fun


def problems():
    """Name -> (fun, x0, bounds or None); must match ScipyComparisonTest.problems()."""
    out = {}
    out["rosenbrock2"] = (rosen, np.array([-1.2, 1.0]), None)
    out["rosenbrock100"] = (rosen, np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(100)]), None)

    lcg = Lcg(1)
    n = 50
    g = lcg.matrix(n, n)
    s = np.array([10 ** (2.0 * i / (n - 1)) for i in range(n)])
    a = (g.T @ g / n + np.eye(n)) * s[:, None] * s[None, :]
    b = lcg.vector(n, -0.5, 1.0)
    out["illConditionedQuadratic"] = (quadratic(a, b), np.zeros(n), None)

    lcg = Lcg(2)
    g = lcg.matrix(n, n)
    a = g.T @ g / n + 0.1 * np.eye(n)
    b = lcg.vector(n, -1.0, 2.0)
    out["boxQuadratic"] = (quadratic(a, b), np.zeros(n), [(-0.5, 0.5)] * n)

    lcg = Lcg(3)
    a = lcg.matrix(60, 40)
    b = lcg.vector(60, -0.5, 1.0)
    out["nonNegativeLeastSquares"] = (least_squares(a, b, 0.0), np.ones(40), [(0, None)] * 40)

    lcg = Lcg(4)
    a = lcg.matrix(40, 30)
    a = np.hstack([a, -a])
    b = lcg.vector(40, -1.5, 3.0)
    out["lassoSplit"] = (least_squares(a, b, 0.5), np.zeros(60), [(0, None)] * 60)

    lcg = Lcg(5)
    c = lcg.vector(20, 0.5, 1.0)
    out["negativeLog"] = (negative_log(c), np.full(20, 5.0), None)
    return out


def finite(v):
    """JSON has no NaN or infinity: null stands for them."""
    v = float(v)
    return v if np.isfinite(v) else None


def main():
    results = {}
    for name, (fun, x0, bounds) in problems().items():
        r = minimize(fun, x0, jac=True, method="L-BFGS-B", bounds=bounds, options=OPTIONS)
        results[name] = {"nit": int(r.nit), "nfev": int(r.nfev), "fun": finite(r.fun), "status": int(r.status),
                         "message": str(r.message), "x": [finite(v) for v in r.x]}
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "options": OPTIONS, "problems": results},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
