#!/usr/bin/env bash
# Installs what `make test` needs from Debian's packages when it is missing:
# promtool and the prometheus server (package prometheus; the integration tests start a real one),
# amtool (prometheus-alertmanager), etcd (etcd-server) and, for the browser tests, chromium.
set -euo pipefail
need=()
if ! command -v promtool >/dev/null 2>&1 || ! { [ -x /usr/bin/prometheus ] || command -v prometheus >/dev/null 2>&1; }; then
  need+=(prometheus)
fi
command -v amtool >/dev/null 2>&1 || need+=(prometheus-alertmanager)
# The console's browser tests (tests/Lumen.Web.Tests) drive /usr/bin/chromium through Playwright, offline.
[ -x /usr/bin/chromium ] || need+=(chromium)
# The coordination tests (tests/Lumen.Integration.Tests/Coordination) start a real etcd on loopback.
[ -x /usr/bin/etcd ] || need+=(etcd-server)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "make test needs: ${need[*]} (Debian packages); install them and run again." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${need[*]} from Debian's packages..."
# An old or empty package list would not know the packages: refresh it first when needed.
if ! apt-cache show "${need[@]}" >/dev/null 2>&1; then $sudo apt-get update -qq; fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
