#!/usr/bin/env bash
# Issue 3's scaling benchmark: four families of depth k (ScalingFamilies), matcalc (JMH, in
# process: parse + gradient [+ Hessian] + text) beside SymPy (MatrixSymbol .diff, one process per
# case under a timeout), answer sizes of both; writes bench/RESULTS.md.
#   bench/scaling.sh                  k = 1, 2, 4, ..., 64 (about 5 minutes, most of it SymPy timing out)
#   bench/scaling.sh --quick          k <= 4, short JMH runs (a smoke run, about a minute)
#   bench/scaling.sh --timeout 30     SymPy's limit per case in seconds (default 60)
#   bench/scaling.sh --out FILE       where the table goes (default bench/RESULTS.md)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
args="$*"
ks="1,2,4,8,16,32,64"; jmh_opts=(-wi 3 -w 500ms -i 3 -r 500ms -f 1); timeout=60; out=bench/RESULTS.md; mode=full
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ks="1,2,4"; jmh_opts=(-wi 1 -w 200ms -i 2 -r 200ms -f 1); mode=quick ;;
    --timeout) timeout="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bench/scaling.sh [--quick] [--timeout SECONDS] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done
work=target/scaling; mkdir -p "$work"

echo "== matcalc: JMH (ScalingBenchmark, k = $ks)" >&2
bench/jmh.sh ScalingBenchmark -p k="$ks" "${jmh_opts[@]}" -rf csv -rff "$work/jmh.csv" > "$work/jmh.log" 2>&1 \
  || { tail -30 "$work/jmh.log" >&2; exit 3; }
. bin/jdk.sh
echo "== matcalc: answer sizes" >&2
"$JAVA_HOME/bin/java" -cp "core/target/test-classes:core/target/classes:$(cat target/test-classpath.txt)" \
  dev.matcalc.bench.ScalingSizes ${ks//,/ } > "$work/sizes.tsv"

echo "== SymPy (timeout ${timeout} s per case)" >&2
if /usr/bin/python3 -c "import sympy" 2>/dev/null; then
  /usr/bin/python3 bench/sympy_scaling.py --ks "$ks" --timeout "$timeout" | tee "$work/sympy.tsv" >&2
else
  echo "# SymPy is not installed (apt-get install -y python3-sympy)" > "$work/sympy.tsv"
fi

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(uname -sr)"
java_version="$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
/usr/bin/python3 bench/scaling_table.py "$work/jmh.csv" "$work/sizes.tsv" "$work/sympy.tsv" \
  --machine "$machine" --java "$java_version" --command "bench/scaling.sh${args:+ $args}" --mode "$mode" --timeout "$timeout" > "$out"
echo "== wrote $out" >&2
