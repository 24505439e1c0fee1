#!/usr/bin/env bash
# Runs Lumen's image WITHOUT a container runtime (none can run on the build machine): unpacks the
# OCI archive's root filesystem (skopeo + umoci) and runs its entrypoint in it with chroot, as the
# image's user, with the image's environment, in private mount and PID namespaces with /proc and a
# runtime's minimal /dev (null, zero, random, urandom). Not isolation: a smoke test of the image.
#
# Usage: scripts/image-run.sh [--config DIR] [--keep DIR] ARCHIVE [ARGS...]
#   --config DIR  copied to the image's /etc/lumen/config (LUMEN_CONFIG_DIR) before the run
#   --keep DIR    unpack into DIR and leave it (default: a temporary directory, removed afterwards)
#   ARGS          replace the image's CMD (the ENTRYPOINT is kept)
set -euo pipefail
config=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: scripts/image-run.sh [--config DIR] [--keep DIR] ARCHIVE [ARGS...]" >&2; exit 2; }
archive="$1"; shift
[ -f "$archive" ] || { echo "image-run.sh: $archive does not exist (make image builds it)" >&2; exit 2; }
for tool in skopeo umoci jq unshare chroot; do
  command -v "$tool" >/dev/null 2>&1 || { echo "image-run.sh: $tool is missing (scripts/ensure-test-deps.sh installs it)" >&2; exit 1; }
done
if [ -n "$keep" ]; then work="$keep"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
if [ ! -d "$work/bundle/rootfs" ]; then
  skopeo copy -q "oci-archive:$archive" "oci:$work/layout:image"
  rootless=()
  [ "$(id -u)" -eq 0 ] || rootless=(--rootless)
  umoci unpack "${rootless[@]}" --image "$work/layout:image" "$work/bundle" >/dev/null
fi
bundle="$work/bundle"
rootfs="$bundle/rootfs"
if [ -n "$config" ]; then mkdir -p "$rootfs/etc/lumen/config"; cp -r "$config/." "$rootfs/etc/lumen/config/"; fi
mapfile -t envs < <(jq -r '.process.env[]' "$bundle/config.json")
mapfile -t entry < <(jq -r '.process.args[]' "$bundle/config.json")
uid="$(jq -r '.process.user.uid' "$bundle/config.json")"
gid="$(jq -r '.process.user.gid' "$bundle/config.json")"
# The entrypoint is the first of the runtime spec's args; ARGS replace the rest (the CMD).
if [ $# -gt 0 ]; then cmd=("${entry[0]}" "$@"); else cmd=("${entry[@]}"); fi
inner='set -e; r="$1"; shift; u="$1"; shift
for d in null zero random urandom; do [ -e "$r/dev/$d" ] || : >"$r/dev/$d"; mount --bind "/dev/$d" "$r/dev/$d"; done
if [ "$u" = - ]; then exec chroot "$r" "$@"; else exec chroot --userspec="$u" "$r" "$@"; fi'
if [ "$(id -u)" -eq 0 ]; then
  user="$uid:$gid"; ns=(unshare --mount --pid --fork "--mount-proc=$rootfs/proc")
else
  # Without root: a user namespace maps this user to root; the image's user cannot be taken.
  echo "image-run.sh: not root: running as the namespace's root instead of uid $uid" >&2
  user="-"; ns=(unshare --user --map-root-user --mount --pid --fork "--mount-proc=$rootfs/proc")
fi
env -i "${envs[@]}" "${ns[@]}" bash -c "$inner" inner "$rootfs" "$user" "${cmd[@]}"
