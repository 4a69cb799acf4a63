"""Reference optima for MaxReformulationTest, from SciPy on the epigraph forms.

Linear SVM: min sum(max(1 - y.*(X*w), 0)) + lam*||w||^2 as the QP
min sum(t) + lam*||w||^2 s.t. t >= 1 - y.*(X*w), t >= 0 (SLSQP, tight tolerances), checked
against its dual max sum(a) - ||X'(a.*y)||^2/(4 lam), 0 <= a <= 1 (L-BFGS-B): the optima agree.
Chebyshev: min max(A*x - b) as the LP min s s.t. A*x - b <= s (linprog, HiGHS).
Run from the repository root; prints JSON. Stored output: max-reference.json.
"""
import json, os
import numpy as np
import scipy
from scipy.optimize import minimize, linprog

HERE = os.path.dirname(os.path.abspath(__file__))
LAM = 0.1


def load(name):
    return np.loadtxt(os.path.join(HERE, name), delimiter=',', ndmin=1)


def svm(X, y, lam):
    n, d = X.shape
    obj = lambda z: z[d:].sum() + lam * z[:d] @ z[:d]
    jac = lambda z: np.concatenate([2 * lam * z[:d], np.ones(n)])
    cons = [{'type': 'ineq', 'fun': lambda z: z[d:] - (1 - y * (X @ z[:d])),
             'jac': lambda z: np.hstack([(y[:, None] * X), np.eye(n)])}]
    z0 = np.concatenate([np.zeros(d), np.ones(n)])
    primal = minimize(obj, z0, jac=jac, constraints=cons, bounds=[(None, None)] * d + [(0, None)] * n,
                      method='SLSQP', options={'ftol': 1e-15, 'maxiter': 2000})
    G = (y[:, None] * X)
    dual_neg = lambda a: (-(a.sum() - (G.T @ a) @ (G.T @ a) / (4 * lam)),
                          -(np.ones(n) - G @ (G.T @ a) / (2 * lam)))
    dual = minimize(dual_neg, np.zeros(n), jac=True, bounds=[(0, 1)] * n, method='L-BFGS-B',
                    options={'ftol': 1e-15, 'gtol': 1e-12, 'maxiter': 10000})
    w = primal.x[:d]
    f = np.maximum(1 - y * (X @ w), 0).sum() + lam * w @ w
    assert abs(f - (-dual.fun)) <= 1e-8 * max(1, abs(f)), (f, -dual.fun)
    return f, w


def chebyshev(A, b):
    m, d = A.shape
    r = linprog(np.concatenate([np.zeros(d), [1.0]]), A_ub=np.hstack([A, -np.ones((m, 1))]), b_ub=b,
                bounds=[(None, None)] * (d + 1), method='highs')
    assert r.status == 0, r.message
    return r.fun, r.x[:d]


out = {'scipy': scipy.__version__, 'numpy': np.__version__, 'lam': LAM}
for name in ('separable', 'overlap'):
    f, w = svm(load('svm-%s-X.csv' % name), load('svm-%s-y.csv' % name), LAM)
    out['svm-' + name] = {'objective': f, 'w': w.tolist()}
f, x = chebyshev(load('chebyshev-A.csv'), load('chebyshev-b.csv'))
out['chebyshev'] = {'objective': f, 'x': x.tolist()}
print(json.dumps(out, indent=1))
