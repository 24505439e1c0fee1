#!/usr/bin/env python3
"""Writes a config directory for the backfill benchmark: stage `bench` (30 s interval, shadow mode,
Prometheus on 127.0.0.1:19090) and N services svc000.. with the SLI templates of config/services.yaml
and an http executor on a closed port (the tick's knob reads fail fast; only the backfill is measured).
Usage: make-config.py SERVICES DIR"""
import os
import sys

n, out = int(sys.argv[1]), sys.argv[2]
sli = '''    sli:
      p95_ms: >-
        1000 * histogram_quantile(0.95, sum by (service, track, le)
        (rate(http_request_duration_seconds_bucket{service=~"$service", track=~"$track"}[$window])))
      error_rate: >-
        sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window]))
        / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
      rps: >-
        sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
'''
knob = '''    knobs:
      - {name: concurrency_limit, min: 4, max: 256, default: 32, step: 4, integer: true, settle_seconds: 60, cost_weight: 0.0005}
    executors:
      canary: {kind: http, url: "http://127.0.0.1:9/admin/config", timeout_ms: 500}
'''
with open(os.path.join(out, "services.yaml"), "w") as f:
    f.write("version: 1\nservices:\n")
    for i in range(n):
        f.write(f"  - name: svc{i:03d}\n    window: 5m\n{sli}{knob}")
with open(os.path.join(out, "stage_matrix.yaml"), "w") as f:
    f.write("""version: 1
stages:
  bench:
    endpoints: {prometheus: "http://127.0.0.1:19090"}
    policy: {interval_seconds: 30, dry_run: true, reward_mix_lambda: 0.0, linucb_alpha: 1.0, conservative: false,
             max_active_adjustments: 1, delta_clamp: 0.25, ttl_minutes: 20, cooldown_minutes: 5, approval_required: false}
    slo: {latency_p95_ms: 600, error_rate: 0.05, coherence_min: 0.0}
""")
with open(os.path.join(out, "canary_policy.yaml"), "w") as f:
    f.write("""version: 1
stages:
  bench:
    confidence: 0.95
    min_samples: 500
    min_intervals: 3
    max_intervals: 120
    same_phase: true
    allowed_phases: [peak, falling, trough, rising, unknown]
    gates: {latency_p95: {max_ratio: 1.20}, error_rate: {max_ratio: 2.0}, coherence: {enabled: true}}
    watch_minutes: 5
""")
with open(os.path.join(out, "feedback_rules.yaml"), "w") as f:
    f.write("version: 1\nrules: []\n")
