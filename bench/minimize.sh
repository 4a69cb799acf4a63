#!/usr/bin/env bash
# The minimize benchmark: L2-regularized logistic regression (100,000×100 and 20,000×1,000), ridge,
# lasso and NNLS (2,000×1,000), matcalc beside SciPy's L-BFGS-B (hand-written NumPy gradients) and
# scikit-learn (LogisticRegression, Ridge, Lasso; scipy.optimize.nnls), on the same seeded .npy data
# in the same run, with the machine's copy bandwidth (the per-gradient floor). Prints a markdown table.
#   bench/minimize.sh                 full sizes (several minutes; data under target/minimize-bench)
#   bench/minimize.sh --quick         small sizes, under a minute
#   bench/minimize.sh --markdown      the same, as markdown only (progress goes to stderr), e.g. > table.md
#   bench/minimize.sh --no-cli        skip timing the ./matcalc process
#   bench/minimize.sh --repeats K     best of K solves per solver (default 3; 1 with --quick)
# Needs /usr/bin/python3 with NumPy, SciPy and scikit-learn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
/usr/bin/python3 -c 'import numpy, scipy, sklearn' 2>/dev/null \
  || { echo "minimize.sh: /usr/bin/python3 needs numpy, scipy and scikit-learn" >&2; exit 2; }
exec /usr/bin/python3 "$here/minimize.py" "$@"
