#!/usr/bin/env bash
# The long hardening profile (not part of the test suite): 100,000 random expressions through the
# three derivative oracles, simplification, round trip and LaTeX checks, then 100,000 malformed
# inputs through the parser, typer and service. Runs on a copy of the sources, so that the working
# tree can change meanwhile. Figures are printed at the end and kept in target/fuzz-long/.
#   bench/fuzz-long.sh                              (both, 100,000 cases each)
#   CASES=1000000 SEED=7 bench/fuzz-long.sh         (more cases, another seed)
#   TESTS=RandomExpressionTest bench/fuzz-long.sh   (one of the two)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
cases="${CASES:-100000}"
seed="${SEED:-20261126}"
tests="${TESTS:-RandomExpressionTest,MalformedInputFuzzTest}"
work="$(mktemp -d)"                         # a private copy of the sources
tar -C "$here" --exclude=./target --exclude=./.git -cf - . | tar -C "$work" -xf -
mkdir -p "$here/target/fuzz-long"
log="$here/target/fuzz-long/run-$(date +%Y%m%d-%H%M%S).log"
echo "fuzz-long: $tests, $cases cases from seed $seed, in $work; log $log"
start=$(date +%s)
status=0
(cd "$work" && mvn -B test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmatcalc.random.cases="$cases" -Dmatcalc.random.seed="$seed" -Dmatcalc.random.maxFailures=1000000 \
    -Dmatcalc.fuzz.cases="$cases" -Dmatcalc.fuzz.seed="$seed" "$@") > "$log" 2>&1 || status=$?
echo "fuzz-long: finished in $(( $(date +%s) - start )) s, exit status $status"
grep -E "random expressions from seed|malformed inputs|^FAILED seed|Tests run:" "$log" | head -50 || true
rm -rf "$work"
exit $status
