"""Small constrained problems solved by SciPy's SLSQP to its tightest tolerance, for
ScipyConstrainedComparisonTest: prints JSON with each problem in matcalc's terms (objective,
variable, constraints, data) and SciPy's solution, so that the data lives in one place."""
import json
import numpy as np
import scipy
from scipy.optimize import minimize

FTOLS = (1e-15, 1e-13, 1e-12)     # the tightest that SLSQP meets (it stops short of 1e-15 on the ball)
problems = {}


def add(name, objective, var, constraints, data, x, sense="min"):
    problems[name] = {"objective": objective, "over": var, "constraints": constraints, "sense": sense,
                      "data": {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in data.items()},
                      "x": np.asarray(x).tolist()}


def slsqp(f, grad, x0, cons=(), bounds=None):
    for ftol in FTOLS:
        r = minimize(f, x0, jac=grad, method="SLSQP", constraints=cons, bounds=bounds, options={"ftol": ftol, "maxiter": 1000})
        if r.success:
            return r.x
    raise AssertionError(r.message)


# projection onto the simplex
for name, a in [("simplex [1,2]", np.array([1.0, 2.0])), ("simplex 5", np.array([0.3, -1.2, 0.8, 2.1, -0.5]))]:
    x = slsqp(lambda x: np.sum((x - a) ** 2), lambda x: 2 * (x - a), np.ones(len(a)) / len(a),
              [{"type": "eq", "fun": lambda x: np.sum(x) - 1, "jac": lambda x: np.ones(len(x))}], [(0, None)] * len(a))
    add(name, "norm2(x - a)^2", "x", ["sum(x) == 1", "x >= 0"], {"a": a}, x)

# a QP with linear inequalities and bounds
Q = np.array([[4.0, 1, 0.5, 0], [1, 3, 0, 0.2], [0.5, 0, 2, 0.1], [0, 0.2, 0.1, 1.5]])
q = np.array([-1.0, -2, 0.5, -0.7])
A = np.array([[1.0, 1, 1, 1], [1, -1, 0.5, 0], [0, 1, 1, -1]])
b = np.array([0.6, 0.1, 0.3])
x = slsqp(lambda x: 0.5 * x @ Q @ x + q @ x, lambda x: Q @ x + q, np.zeros(4),
          [{"type": "ineq", "fun": lambda x: b - A @ x, "jac": lambda x: -A}], [(-0.2, None)] * 4)
add("QP", "0.5*x'*Q*x + q'*x", "x", ["A*x <= b", "x >= -0.2"], {"Q": Q, "q": q, "A": A, "b": b}, x)

# a linear objective on the unit ball
c = np.array([1.0, 2, 2.5])
x = slsqp(lambda x: c @ x, lambda x: c, np.full(3, 0.1), [{"type": "ineq", "fun": lambda x: 1 - x @ x, "jac": lambda x: -2 * x}])
add("ball", "c'*x", "x", ["x'*x <= 1"], {"c": c}, x)

# maximum entropy with a mean
m = np.array([1.0, 2, 3, 4])
x = slsqp(lambda p: np.sum(p * np.log(p)), lambda p: np.log(p) + 1, np.ones(4) / 4,
          [{"type": "eq", "fun": lambda p: np.sum(p) - 1, "jac": lambda p: np.ones(4)},
           {"type": "eq", "fun": lambda p: m @ p - 3.2, "jac": lambda p: m}], [(1e-12, 1)] * 4)
add("max entropy", "-sum(p.*log(p))", "p", ["sum(p) == 1", "m'*p == 3.2"], {"m": m}, x, sense="max")

# the README's non-negative least squares and lasso
A4 = np.array([[1.0, 0, 2], [0, 1, 1], [1, 1, 0], [2, 0, 1]])
bn = np.array([3.0, -1, 2, 4])
x = slsqp(lambda x: np.sum((A4 @ x - bn) ** 2), lambda x: 2 * A4.T @ (A4 @ x - bn), np.zeros(3), bounds=[(0, None)] * 3)
add("NNLS", "norm2(A*x - b)^2", "x", ["x >= 0"], {"A": A4, "b": bn}, x)
bl = np.array([3.0, 1, 2, 4])
split = lambda z: z[:3] - z[3:]
z = slsqp(lambda z: np.sum((A4 @ split(z) - bl) ** 2) + 2 * np.sum(z),
          lambda z: np.concatenate([2 * A4.T @ (A4 @ split(z) - bl) + 2, -2 * A4.T @ (A4 @ split(z) - bl) + 2]),
          np.zeros(6), bounds=[(0, None)] * 6)
add("lasso", "norm2(A*x - b)^2 + 2*norm1(x)", "x", [], {"A": A4, "b": bl}, split(z))

print(json.dumps({"scipy": scipy.__version__, "problems": problems}))
