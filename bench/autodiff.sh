#!/usr/bin/env bash
# The autodiff comparison of issue 5: matcalc's compiled evaluator (JMH, in-process) beside NumPy
# closed forms, PyTorch autograd and JAX (where target/jax-venv has it), plus the machine's dgemm and
# copy rates; writes bench/RESULTS-autodiff.md.
#   bench/autodiff.sh           full run (n = 100, 500, 1000, 2000; about 10-15 minutes on 2 cores)
#   bench/autodiff.sh --quick   smoke run (n = 10, seconds of measurement; writes target/RESULTS-autodiff-quick.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec /usr/bin/python3 "$here/autodiff.py" "$@"
