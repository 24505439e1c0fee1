#!/usr/bin/env bash
# Publishes the lumen binary for one runtime (default linux-x64), in one of two forms:
#   scripts/publish.sh [RID]        self-contained single file, ReadyToRun, invariant globalization:
#                                   artifacts/publish/RID/lumen (any RID; `make publish`, `make package`)
#   scripts/publish.sh RID aot      Native AOT, for the machine's own RID (clang and zlib headers needed):
#                                   artifacts/publish/RID-aot/ holding `lumen` and the files it opens
#                                   beside itself (the charts' native libraries and fonts, the console's
#                                   static files); `make install` and the container image use it.
# The last line printed is the binary's path. Why both, and what AOT changes: docs/releasing.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${1:-${LUMEN_RID:-linux-x64}}"
form="${2:-single-file}"
case "$form" in
  single-file)
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
    ;;
  aot)
    for tool in clang; do
      command -v "$tool" >/dev/null 2>&1 || { echo "publish.sh: $tool is missing (apt-get install clang zlib1g-dev)" >&2; exit 1; }
    done
    out="$root/artifacts/publish/$rid-aot"
    rm -rf "$out"
    # LumenAot=true: src/Lumen.Cli/Lumen.Cli.csproj turns on PublishAot and roots the assemblies whose
    # types are bound by reflection (command settings, ledger data).
    dotnet publish "$root/src/Lumen.Cli/Lumen.Cli.csproj" -c Release -r "$rid" \
      -p:LumenAot=true -p:DebugType=none -p:GenerateDocumentationFile=false \
      -o "$out" -nologo -v quiet
    # Build leftovers that the binary never opens.
    find "$out" -maxdepth 1 -type f \( -name '*.json' -o -name '*.pdb' -o -name '*.dbg' -o -name '*.xml' \) -delete
    ;;
  *) echo "publish.sh: unknown form '$form' (expected single-file or aot)" >&2; exit 2 ;;
esac
echo "$out/lumen"
