#!/usr/bin/env python3
"""Writes OpenMetrics text for promtool: the demo service's metrics (request and error counters, the
latency histogram with the demo's buckets) for N services x (baseline, canary) over a past span, with a
daily rhythm of traffic. Usage: make-history.py SERVICES HOURS SCRAPE_SECONDS END_UNIX > history.om"""
import math
import sys

services, hours, scrape, end = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
buckets = [("0.005", 0.05), ("0.01", 0.15), ("0.025", 0.40), ("0.05", 0.70), ("0.075", 0.85), ("0.1", 0.92),
           ("0.25", 0.97), ("0.5", 0.99), ("0.75", 0.995), ("1.0", 0.998), ("2.5", 1.0), ("5.0", 1.0),
           ("7.5", 1.0), ("10.0", 1.0), ("+Inf", 1.0)]
times = list(range(end - int(hours * 3600), end + 1, scrape))
cum = [0.0]
for i in range(1, len(times)):
    mid = (times[i] + times[i - 1]) / 2
    cum.append(cum[-1] + 20 * (1 + 0.6 * math.sin(2 * math.pi * mid / 86400)) * scrape)
series = [f'service="svc{s:03d}",track="{t}",job="history",instance="history"' for s in range(services) for t in ("baseline", "canary")]
out = sys.stdout
out.write("# TYPE http_requests_received counter\n")
for l in series:
    out.writelines(f"http_requests_received_total{{{l}}} {math.floor(c)} {t}\n" for t, c in zip(times, cum))
out.write("# TYPE http_requests_errors counter\n")
for l in series:
    out.writelines(f"http_requests_errors_total{{{l}}} {math.floor(c * 0.01)} {t}\n" for t, c in zip(times, cum))
out.write("# TYPE http_request_duration_seconds histogram\n")
for l in series:
    for t, c in zip(times, cum):
        n = math.floor(c)
        out.writelines(f'http_request_duration_seconds_bucket{{{l},le="{le}"}} {math.floor(n * share)} {t}\n' for le, share in buckets)
        out.write(f"http_request_duration_seconds_count{{{l}}} {n} {t}\n")
        out.write(f"http_request_duration_seconds_sum{{{l}}} {n * 0.04:.3f} {t}\n")
out.write("# EOF\n")
