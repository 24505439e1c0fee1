#!/usr/bin/env python3
"""Generates the broken fixtures from ../config-valid and writes cases.tsv.

Each case copies ONE file of config-valid with one mistake; tests layer it over a copy of
config-valid. The expected line and column are where the edited text sits in the new file
(found here by plain text search, independently of the loader under test): `anchor` is the
text whose first character is the expected position, searched from the `nth` occurrence of
the edit. Run it again after changing config-valid; commit its output.
"""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
VALID = os.path.join(HERE, "..", "config-valid")

# case, file, old, new, nth occurrence of old (1-based), anchor (in new text, searched from the
# edit; None = start of the replacement), expected key path, message fragment
CASES = [
    ("lambda-out-of-range", "stage_matrix.yaml", "reward_mix_lambda: 0.3 ", "reward_mix_lambda: 1.3 ", 1, "1.3",
     "stages.prod.policy.reward_mix_lambda", "expected a number in [0, 1], found 1.3"),
    ("negative-ttl", "stage_matrix.yaml", "ttl_minutes: 60", "ttl_minutes: -60", 1, "-60",
     "stages.prod.policy.ttl_minutes", "found -60"),
    ("delta-clamp-zero", "stage_matrix.yaml", "delta_clamp: 0.25", "delta_clamp: 0", 1, "0",
     "stages.dev.policy.delta_clamp", "expected a number in (0, 1], found 0"),
    ("delta-clamp-string", "stage_matrix.yaml", "delta_clamp: 0.15", "delta_clamp: \"0.15\"", 1, "\"0.15\"",
     "stages.staging.policy.delta_clamp", "found the string \"0.15\""),
    ("unknown-policy-key", "stage_matrix.yaml", "cooldown_minutes: 15", "cooldown_minuts: 15", 1, "cooldown_minuts",
     "stages.prod.policy.cooldown_minuts", "did you mean 'cooldown_minutes'"),
    ("missing-slo-key", "stage_matrix.yaml", "      coherence_min: 0.55\n", "", 1, "@latency_p95_ms: 500",
     "stages.staging.slo.coherence_min", "missing required key 'coherence_min'"),
    ("version-2", "stage_matrix.yaml", "version: 1", "version: 2", 1, "2",
     "version", "expected version 1"),
    ("bool-yes", "stage_matrix.yaml", "dry_run: true ", "dry_run: yes ", 1, "yes",
     "stages.dev.policy.dry_run", "expected true or false, found 'yes'"),
    ("prometheus-ftp", "stage_matrix.yaml", "prometheus: http://127.0.0.1:9090", "prometheus: ftp://127.0.0.1:9090", 3, "ftp",
     "stages.prod.endpoints.prometheus", "expected an absolute http(s) URL"),
    ("coherence-min-above-one", "stage_matrix.yaml", "coherence_min: 0.60", "coherence_min: 1.6", 1, "1.6",
     "stages.prod.slo.coherence_min", "expected a number in [0, 1], found 1.6"),
    ("error-rate-as-percent", "stage_matrix.yaml", "error_rate: 0.05", "error_rate: 5", 1, "5",
     "stages.dev.slo.error_rate", "a ratio: 0.02 is 2 %"),
    ("yaml-unclosed-bracket", "stage_matrix.yaml", "linucb_alpha: 0.7\n", "linucb_alpha: [0.7\n", 1, None,
     "", "YAML syntax error"),
    ("yaml-bad-indent", "stage_matrix.yaml", "      linucb_alpha: 1.0 ", "     linucb_alpha: 1.0 ", 1, None,
     "", "YAML syntax error"),
    ("yaml-tab-indent", "services.yaml", "        step: 4\n", "\tstep: 4\n", 1, "\t",
     "", "expected spaces for indentation, found a tab"),
    ("knob-min-above-max", "services.yaml", "min: 4\n", "min: 400\n", 1, "400",
     "services[0].knobs[0].min", "expected min < max"),
    ("knob-default-outside", "services.yaml", "default: 512", "default: 8192", 1, "8192",
     "services[0].knobs[1].default", "expected a default within [min, max] = [64, 4096], found 8192"),
    ("knob-step-zero", "services.yaml", "step: 100", "step: 0", 1, "0",
     "services[0].knobs[2].step", "expected a step > 0, found 0"),
    ("unknown-executor-kind", "services.yaml", "kind: file", "kind: ftp", 1, "ftp",
     "services[1].executors.canary.kind", "expected one of sim, http, file, command, kubernetes, found \"ftp\""),
    ("duplicate-service", "services.yaml", "name: search", "name: checkout", 1, "checkout",
     "services[1].name", "expected a unique service name"),
    ("duplicate-knob", "services.yaml", "name: cache_size_mb", "name: concurrency_limit", 2, "concurrency_limit",
     "services[1].knobs[1].name", "expected a unique knob name"),
    ("sli-unknown-placeholder", "services.yaml", "p95_ms: >-\n        1000 * histogram_quantile(0.95, sum by (service, track, le)\n        (rate(http_request_duration_seconds_bucket{service=~\"$service\", track=~\"$track\"}",
     "p95_ms: >-\n        1000 * histogram_quantile(0.95, sum by (service, track, le)\n        (rate(http_request_duration_seconds_bucket{service=~\"$service\", track=~\"$trak\"}", 1, ">-",
     "services[0].sli.p95_ms", "found \"$trak\""),
    ("http-missing-url", "services.yaml", "        url: http://127.0.0.1:8081/admin/config\n", "", 1, "@kind: http",
     "services[0].executors.canary.url", "missing required key 'url'"),
    ("file-format-ini", "services.yaml", "format: env ", "format: ini ", 1, "ini",
     "services[1].executors.canary.format", "expected one of yaml, json, env, found 'ini'"),
    ("reload-command-string", "services.yaml", "reload_command: [systemctl, reload, search-canary]",
     "reload_command: systemctl reload search-canary", 1, "systemctl",
     "services[1].executors.canary.reload_command", "expected a command as a list"),
    ("window-words", "services.yaml", "window: 5m ", "window: 5 minutes ", 1, "5 minutes",
     "services[0].window", "expected a Prometheus duration"),
    ("duplicate-key", "services.yaml", "        step: 4\n", "        step: 4\n        step: 8\n", 1, "@step: 8",
     "services[0].knobs[0].step", "found 'step' again (first at line"),
    ("http-unknown-key", "services.yaml", "timeout_ms: 2000", "timeout: 2000", 1, "timeout:",
     "services[0].executors.canary.timeout", "did you mean 'timeout_ms'"),
    ("canary-unknown-stage", "canary_policy.yaml", "  prod:\n", "  production:\n", 1, "production",
     "stages.production", "expected a stage of stage_matrix.yaml (dev, staging, prod), found \"production\""),
    ("confidence-above-one", "canary_policy.yaml", "confidence: 0.99", "confidence: 1.5", 1, "1.5",
     "stages.prod.confidence", "expected a number in (0, 1), found 1.5"),
    ("unknown-phase", "canary_policy.yaml", "[trough, rising]", "[trough, rising, noon]", 1, "noon",
     "stages.prod.allowed_phases[2]", "expected one of peak, falling, trough, rising, unknown, found 'noon'"),
    ("max-intervals-below-min", "canary_policy.yaml", "max_intervals: 120", "max_intervals: 2", 1, "2",
     "stages.dev.max_intervals", "expected max_intervals >= min_intervals (3), found 2"),
    ("ratio-below-one", "canary_policy.yaml", "max_ratio: 1.05", "max_ratio: 0.9", 1, "0.9",
     "stages.prod.gates.latency_p95.max_ratio", "expected a number >= 1"),
    ("rule-unknown-knob", "feedback_rules.yaml", "knob: timeout_ms", "knob: timeout_msec", 1, "timeout_msec",
     "rules[1].propose.knob", "expected a knob of some service in services.yaml"),
    ("rule-unknown-coordinate", "feedback_rules.yaml", "when: coherence < 0.5", "when: coherense < 0.5", 1, "coherense",
     "rules[2].when", "unknown coordinate"),
    ("rule-bad-op", "feedback_rules.yaml", "when: error_pressure > 1.0", "when: error_pressure == 1.0", 1, "error_pressure",
     "rules[1].when", "expected a condition"),
    ("rule-duplicate-name", "feedback_rules.yaml", "name: coherence-low", "name: latency-pressure-high", 1, "latency-pressure-high",
     "rules[2].name", "expected a unique rule name"),
    ("rule-bad-for", "feedback_rules.yaml", "for: 2 intervals", "for: two intervals", 1, "two intervals",
     "rules[1].for", "expected a number of intervals >= 1"),
    ("rule-bad-direction", "feedback_rules.yaml", "direction: increase", "direction: up", 1, "up",
     "rules[0].propose.direction", "expected one of increase, decrease, found 'up'"),
    ("rule-no-action", "feedback_rules.yaml",
     "    notify:\n      severity: warning\n      message: service health has been poor for a while\n", "", 1, "@name: coherence-low",
     "rules[2]", "found neither 'propose' nor 'notify'"),
    ("rules-not-a-list", "feedback_rules.yaml", "rules:\n  - name: latency-pressure-high", "rules: latency-pressure-high\nextra:\n  - name: latency-pressure-high", 1, "latency-pressure-high",
     "rules", "expected a list of rules"),
]

def main():
    rows = ["case\tfile\tline\tcolumn\tpath\tmessage"]
    for case, file, old, new, nth, anchor, path, fragment in CASES:
        text = open(os.path.join(VALID, file)).read()
        at = -1
        for _ in range(nth):
            at = text.index(old, at + 1)
        broken = text[:at] + new + text[at + len(old):]
        if anchor is None:
            pos = at + len(new) - 1
            line = broken.count("\n", 0, pos) + 1
            column = 0  # syntax errors: the parser decides the column; the line is checked
        else:
            if anchor.startswith("@"):
                pos = broken.index(anchor[1:], at if new else 0)
                if not new:  # a removed key: the error sits at the enclosing mapping, searched backwards
                    pos = broken.rindex(anchor[1:], 0, at)
            else:
                pos = broken.index(anchor, at)
            line = broken.count("\n", 0, pos) + 1
            column = pos - (broken.rfind("\n", 0, pos) + 1) + 1
        d = os.path.join(HERE, case)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        open(os.path.join(d, file), "w").write(broken)
        rows.append("\t".join([case, file, str(line), str(column), path, fragment]))
    open(os.path.join(HERE, "cases.tsv"), "w").write("\n".join(rows) + "\n")

if __name__ == "__main__":
    main()
