#!/usr/bin/env bash
# Scans every file git tracks for secrets (secretlint, recommended rules, .secretlintrc.json);
# exit 0 clean, 1 findings. Run by make test; installed by scripts/ensure-test-deps.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
git ls-files -z --cached --others --exclude-standard \
  | xargs -0 scripts/node/node_modules/.bin/secretlint --secretlintrc .secretlintrc.json --secretlintignore .secretlintignore --maskSecrets
