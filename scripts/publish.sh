#!/usr/bin/env bash
# Publishes the lumen binary for one runtime (default linux-x64) as a self-contained single file,
# ReadyToRun-compiled, with invariant globalization: artifacts/publish/RID/lumen.
# `make publish`, `make package`, `make install` and the container image all use this one binary.
# Why single-file + ReadyToRun and not Native AOT: docs/releasing.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${1:-${LUMEN_RID:-linux-x64}}"
out="$root/artifacts/publish/$rid"
rm -rf "$out"
# IncludeAllContentForSelfExtract: the charts' fonts, the console's static files and the demo
# service are files Lumen opens beside itself; they are extracted once, on first start, under
# DOTNET_BUNDLE_EXTRACT_BASE_DIR (default ~/.net).
dotnet publish "$root/src/Lumen.Cli/Lumen.Cli.csproj" -c Release -r "$rid" --self-contained \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true \
  -p:IncludeNativeLibrariesForSelfExtract=true -p:IncludeAllContentForSelfExtract=true \
  -p:InvariantGlobalization=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out" -nologo -v quiet
find "$out" -maxdepth 1 -type f ! -name lumen -delete
echo "$out/lumen"
