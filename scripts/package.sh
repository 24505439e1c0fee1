#!/usr/bin/env bash
# `make package`: a signed release in artifacts/release/ (docs/releasing.md, docs/VERIFYING.md):
#   lumen                              the linux-x64 binary (scripts/publish.sh)
#   lumen-VERSION-linux-x64.tar.gz     the binary, README, VERIFYING.md and the systemd units
#   Lumen.Cli.VERSION.nupkg            the .NET tool package: a small package pointing at one
#   Lumen.Cli.RID.VERSION.nupkg        framework-dependent package per platform (linux-x64, linux-arm64,
#                                      osx-arm64, win-x64; about 10 MB each instead of one of 80 MB)
#   lumen-VERSION.cdx.json             CycloneDX SBOM (the CycloneDX dotnet tool, .config/dotnet-tools.json)
#   SHA256SUMS and X.sig for every file (cosign sign-blob format), then verified.
# The signing key is the PEM file named by LUMEN_RELEASE_KEY_FILE; without it a throwaway key is
# made in artifacts/release-key/ (fine for a local build, never for a published release).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rid=linux-x64
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)"
release="$root/artifacts/release"
keys="$root/artifacts/release-key"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

if [ "${LUMEN_SKIP_PUBLISH:-0}" != 1 ] || [ ! -x "artifacts/publish/$rid/lumen" ]; then
  scripts/publish.sh "$rid" >/dev/null
fi
binary="artifacts/publish/$rid/lumen"
rm -rf artifacts/nupkg
dotnet pack src/Lumen.Cli/Lumen.Cli.csproj -c Release -nologo -v quiet -p:LumenToolPackage=true

rm -rf "$release"
mkdir -p "$release"
cp "$binary" "$release/lumen"
cp artifacts/nupkg/Lumen.Cli.*"$version".nupkg "$release/"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dir="$stage/lumen-$version-$rid"
mkdir -p "$dir"
cp "$binary" README.md docs/VERIFYING.md "$dir/"
cp -r deploy/systemd "$dir/systemd"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "lumen-$version-$rid" \
  | gzip -n -9 > "$release/lumen-$version-$rid.tar.gz"

dotnet tool restore >/dev/null
dotnet dotnet-CycloneDX src/Lumen.Cli/Lumen.Cli.csproj --recursive --exclude-test-projects \
  --spec-version 1.6 --output-format Json --set-name lumen --set-version "$version" \
  --output "$release" --filename "lumen-$version.cdx.json" >/dev/null

if [ -z "${LUMEN_RELEASE_KEY_FILE:-}" ]; then
  mkdir -p "$keys"
  if [ ! -f "$keys/lumen-release.key" ]; then
    (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$keys/lumen-release.key")
  fi
  export LUMEN_RELEASE_KEY_FILE="$keys/lumen-release.key"
  echo "package: LUMEN_RELEASE_KEY_FILE not set: signed with the throwaway key $LUMEN_RELEASE_KEY_FILE" >&2
fi
mkdir -p "$keys"
openssl ec -in "$LUMEN_RELEASE_KEY_FILE" -pubout -out "$keys/lumen-release.pub" 2>/dev/null

"$binary" sign-release "$release" --version "$version"
"$binary" verify-release "$release" --pubkey "$keys/lumen-release.pub"
echo "release: $release (public key: $keys/lumen-release.pub)"
