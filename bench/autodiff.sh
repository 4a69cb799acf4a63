#!/usr/bin/env bash
# The autodiff comparison of issue 5: matcalc's compiled evaluator (JMH, in-process) beside NumPy
# closed forms, PyTorch autograd and JAX (where target/jax-venv has it), plus the machine's dgemm and
# copy rates; writes bench/RESULTS-autodiff.md. Problems: x'Ax, logistic, mf, mlp (n = 100..2000) and the layer
# families mlp-ce (784→256→10 softmax cross-entropy, batch 512) and attention (n = 512, d = 64).
#   bench/autodiff.sh           full run (n = 100, 500, 1000, 2000; about 10-15 minutes on 2 cores)
#   bench/autodiff.sh --quick   smoke run (n = 10, seconds of measurement; writes target/RESULTS-autodiff-quick.md)
#   bench/autodiff.sh --problems mlp-ce,attention   a subset (writes target/RESULTS-autodiff-mlp-ce-attention.md)
#   bench/autodiff.sh ... --rounds 4   on a loaded machine: JMH and the peers alternate 4 times, each keeps its best
#   bench/autodiff.sh --table target/autodiff-raw.json   print a saved run's table again (no measuring)
# The markdown table is also printed on stdout. Every time is checked against its FLOP floor (product
# FLOPs over the dgemm rate measured in the same run) and flagged when below it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec /usr/bin/python3 "$here/autodiff.py" "$@"
