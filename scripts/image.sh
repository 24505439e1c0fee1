#!/usr/bin/env bash
# Builds Lumen's container image without a registry and without a container runtime:
# Debian's buildah (vfs storage, no network, no RUN step) assembles a FROM-scratch image around the
# Native AOT build of scripts/publish.sh (`scripts/publish.sh linux-x64 aot`: the binary and the
# files it opens beside itself, in /usr/local/lib/lumen, with /usr/local/bin/lumen pointing at it)
# and writes it as an OCI archive:
#   artifacts/image/lumen-oci.tar   (tag lumen:VERSION)
# The image holds the binary, the few shared libraries it loads (glibc, libstdc++, libgcc_s,
# OpenSSL for TLS; taken from this machine's Debian), the CA certificates, a passwd/group with the
# non-root user 65532 ("nonroot", as distroless images have) and an empty /tmp. Labels carry the
# source revision (docs/kubernetes.md).
#
# Usage: scripts/image.sh [--binary PATH] [--out FILE] [--tag NAME:TAG]
#   --binary  use an already published binary instead of running scripts/publish.sh: everything in its
#             directory goes into the image (the AOT layout, or the single-file binary alone)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary=""
out="$root/artifacts/image/lumen-oci.tar"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)"
tag="lumen:${version:-0.0.0}"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    *) echo "image.sh: unknown argument $1 (expected --binary PATH, --out FILE, --tag NAME:TAG)" >&2; exit 2 ;;
  esac
done
for tool in buildah ldd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "image.sh: $tool is missing (apt-get install buildah; scripts/ensure-test-deps.sh installs it)" >&2; exit 1; }
done
if [ -z "$binary" ]; then
  binary="$("$root/scripts/publish.sh" linux-x64 aot | tail -1)"
fi
[ -x "$binary" ] || { echo "image.sh: $binary is not an executable file" >&2; exit 2; }

work="$(mktemp -d)"
cleanup() { chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
rootfs="$work/context/rootfs"
mkdir -p "$rootfs/usr/local/bin" "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/proc" "$rootfs/dev" \
  "$rootfs/var/lib/lumen" "$rootfs/etc/lumen/config"
chmod 1777 "$rootfs/tmp"
app="$(cd "$(dirname "$binary")" && pwd)"
mkdir -p "$rootfs/usr/local/lib/lumen"
cp -R "$app/." "$rootfs/usr/local/lib/lumen/"
[ "$(basename "$binary")" = lumen ] || mv "$rootfs/usr/local/lib/lumen/$(basename "$binary")" "$rootfs/usr/local/lib/lumen/lumen"
chmod 0755 "$rootfs/usr/local/lib/lumen/lumen"
ln -s ../lib/lumen/lumen "$rootfs/usr/local/bin/lumen"

# The shared libraries: what the binary and the native libraries it bundles link against, plus
# OpenSSL, which .NET loads by name at run time (TLS to Prometheus, the Kubernetes API, etcd).
extract="$work/extract"
DOTNET_BUNDLE_EXTRACT_BASE_DIR="$extract" DOTNET_CLI_TELEMETRY_OPTOUT=1 "$binary" version >/dev/null
libs=()
for file in "$binary" $(find "$extract" "$app" -name '*.so' -type f); do
  while read -r path; do libs+=("$path"); done < <(ldd "$file" 2>/dev/null | grep -o '/[^ ]*' || true)
done
for name in libssl.so.3 libcrypto.so.3; do
  path="$(/sbin/ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ { print $NF; exit }')"
  [ -n "$path" ] || { echo "image.sh: $name not found (apt-get install libssl3)" >&2; exit 1; }
  libs+=("$path")
  while read -r dep; do libs+=("$dep"); done < <(ldd "$path" | grep -o '/[^ ]*' || true)
done
for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
  # Both the path the loader asks for (often a symlink under /lib) and the file it points to.
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# /lib64 and /lib are symlinks on merged-/usr Debian: the loader is asked for by its /lib64 path.
[ -e "$rootfs/lib64/ld-linux-x86-64.so.2" ] || { mkdir -p "$rootfs/lib64"; cp -L /lib64/ld-linux-x86-64.so.2 "$rootfs/lib64/"; }
cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
mkdir -p "$rootfs/home/nonroot"
chmod 0755 "$rootfs/home/nonroot" "$rootfs/var/lib/lumen"

revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
if [ "$revision" != unknown ] && [ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ]; then revision="$revision-dirty"; fi
# Reproducible: the image's dates are the commit's.
epoch="$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)"
created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
cat >"$work/context/Containerfile" <<CONTAINERFILE
FROM scratch
COPY rootfs/ /
# /var/lib/lumen (ledger, state) and /home/nonroot belong to the user Lumen runs as.
COPY --chown=65532:65532 rootfs/var/lib/lumen /var/lib/lumen
COPY --chown=65532:65532 rootfs/home/nonroot /home/nonroot
ENV HOME=/home/nonroot \\
    DOTNET_BUNDLE_EXTRACT_BASE_DIR=/tmp \\
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \\
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \\
    LUMEN_CONFIG_DIR=/etc/lumen/config \\
    LUMEN_STATE_DIR=/var/lib/lumen
USER 65532:65532
WORKDIR /home/nonroot
EXPOSE 9478
ENTRYPOINT ["/usr/local/bin/lumen"]
CMD ["--help"]
LABEL org.opencontainers.image.title="lumen" \\
      org.opencontainers.image.description="Lumen: a closed-loop SLO controller with safe canary tuning" \\
      org.opencontainers.image.version="$version" \\
      org.opencontainers.image.revision="$revision" \\
      org.opencontainers.image.created="$created" \\
      org.opencontainers.image.base.name="scratch"
CONTAINERFILE
# The source's address when the clone has one (git remote origin).
source_url="$(git -C "$root" remote get-url origin 2>/dev/null || true)"
if [ -n "$source_url" ]; then echo "LABEL org.opencontainers.image.source=\"$source_url\"" >>"$work/context/Containerfile"; fi

# Private storage under the work directory: nothing is left in /var/lib/containers.
store=(--root "$work/storage" --runroot "$work/run" --storage-driver vfs)
export BUILDAH_ISOLATION=chroot STORAGE_DRIVER=vfs
buildah "${store[@]}" bud --quiet --network none --pull=never --timestamp "$epoch" \
  -f "$work/context/Containerfile" -t "$tag" "$work/context" >/dev/null
mkdir -p "$(dirname "$out")"
rm -f "$out"
buildah "${store[@]}" push --quiet "$tag" "oci-archive:$out:$tag" >/dev/null
buildah "${store[@]}" rmi --all >/dev/null 2>&1 || true
echo "$out"
