#!/usr/bin/env bash
# Builds what infra-bicep deploys: the isolated worker function app, published and zipped for zip deploy.
#   ZIP                 (default .artifacts/functions-app.zip) the publish folder's content at the zip's root:
#                       host.json, functions.metadata, worker.config.json, Serverless.Functions.dll and its
#                       dependencies, extensions.json and .azurefunctions/ (the host-side extensions)
#   ZIP without .zip    the publish folder itself (.artifacts/functions-app/ beside the default zip)
# Usage: scripts/publish-functions.sh [--no-build] [-c CONFIGURATION] [ZIP]
#   -c            build configuration (default Release)
#   --no-build    publish the existing build of that configuration (what the contract tests use: seconds, not a minute)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SERVERLESS_ROOT"

configuration=Release
build=()
zip_path=.artifacts/functions-app.zip
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--configuration) configuration=${2:?"$1 needs a value"}; shift 2 ;;
    --no-build) build=(--no-build); shift ;;
    -*) die "unknown option $1 (usage: scripts/publish-functions.sh [--no-build] [-c CONFIGURATION] [ZIP])" ;;
    *) zip_path=$1; shift ;;
  esac
done
command -v zip >/dev/null || die "zip is not installed (apt-get install zip)"

case "$zip_path" in /*) ;; *) zip_path="$SERVERLESS_ROOT/$zip_path" ;; esac
out="${zip_path%.zip}"
rm -rf "$out" "$zip_path"
mkdir -p "$(dirname "$zip_path")"

log "publishing functions/Serverless.Functions ($configuration) to $out"
dotnet publish functions/Serverless.Functions -c "$configuration" -o "$out" "${build[@]}" --nologo -v quiet -clp:ErrorsOnly

# What the Functions host needs at the root of the deployed folder.
for file in host.json functions.metadata worker.config.json Serverless.Functions.dll extensions.json \
            .azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll; do
  [ -f "$out/$file" ] || die "the publish output lacks $file"
done

(cd "$out" && zip -qr -X "$zip_path" .)
log "done: $zip_path ($(du -h "$zip_path" | cut -f1), $(grep -o '"scriptFile"' "$out/functions.metadata" | wc -l) functions)"
