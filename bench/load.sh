#!/usr/bin/env bash
# HTTP load on POST /api/derive over loopback: starts `matcalc serve`, runs wrk (bounded: 2 threads,
# 16 connections, 10 s by default), prints requests/s, p99 latency, errors (must be 0) and the
# server's resident memory after the run, then stops the server.
#   bench/load.sh [DURATION] [CONNECTIONS]     e.g. bench/load.sh 10s 16
# Needs wrk (Debian: apt-get install -y wrk).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-10s}"
connections="${2:-16}"
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
# Admit every connection: the default --max-concurrent 4 would answer the excess with 503 by design.
"$here/matcalc" serve --host 127.0.0.1 --port "$port" --max-concurrent "$connections" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "load.sh: the server did not start:" >&2; cat "$log" >&2; exit 3; }
  sleep 0.2
done

echo "server: pid $server on 127.0.0.1:$port; wrk -t2 -c$connections -d$duration"
wrk -t2 -c"$connections" -d"$duration" -s "$here/bench/derive.lua" "http://127.0.0.1:$port/api/derive" | tail -n 4
echo "server RSS after the run: $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")"
