#!/usr/bin/env bash
# Start-up time of short CLI calls, measured with hyperfine in one run beside the bare JVM
# (`java -version` of the same JDK) and beside matcalc without its ahead-of-time cache; writes
# bench/RESULTS-cli.md (or --out FILE). Needs hyperfine (apt-get install -y hyperfine).
#   bench/cli.sh [--runs N] [--out FILE]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
runs=20; out=bench/RESULTS-cli.md
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bench/cli.sh [--runs N] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done
command -v hyperfine >/dev/null || { echo "bench/cli.sh needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
. bin/jdk.sh
./matcalc --version >/dev/null            # build (and train the cache) outside the measurement
work=target/bench-cli; mkdir -p "$work"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/cli.json" \
  -n "java -version (bare JVM)" "$JAVA_HOME/bin/java -version" \
  -n "matcalc --version" "./matcalc --version" \
  -n "matcalc diff x'*A*x --wrt x" "./matcalc diff \"x'*A*x\" --wrt x" \
  -n "matcalc diff (neuron, mixed layout)" "./matcalc diff \"sum(exp(W*x + b))\" --wrt W --layout mixed" \
  -n "matcalc diff x'*A*x --wrt x, no AOT cache" "env MATCALC_AOT=off ./matcalc diff \"x'*A*x\" --wrt x" \
  >&2
machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(uname -sr)"
/usr/bin/python3 - "$work/cli.json" "$machine" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" "$(uptime | sed 's/.*load average: //')" > "$out" <<'PY'
import json, sys
data, machine, jdk, load = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
rows = data["results"]
base = rows[0]["mean"]
print("# Short CLI calls: start-up time\n")
print(f"`bench/cli.sh` with hyperfine ({rows[0]['times'].__len__()} runs each after 3 warm-ups), one run, on {machine}; {jdk}; load average before the run: {load}.\n")
print("| command | mean | σ | min | user + sys CPU | × bare JVM |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| `{r['command']}` | {r['mean']*1000:.0f} ms | {r['stddev']*1000:.0f} ms | {r['min']*1000:.0f} ms | "
          f"{(r['user']+r['system'])*1000:.0f} ms | {r['mean']/base:.2f} |")
PY
cat "$out"
