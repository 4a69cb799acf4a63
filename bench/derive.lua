-- wrk script: POST one derivation to /api/derive; prints the figures bench/load.sh reports.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"expr": "x\'*A*x + sum(exp(W*x + b))", "wrt": ["x"], "let": {"A": "symmetric(n)"}}'

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, non-2xx/3xx %d, timeout %d)\n", errors,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
