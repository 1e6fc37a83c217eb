#!/usr/bin/env bash
# Builds the deployable Azure Functions custom-handler folder:
#   OUT/host.json
#   OUT/<FunctionName>/function.json     (written by the app itself from its function catalog)
#   OUT/app/Serverless.Functions         (the published executable host.json points at)
# Usage: scripts/publish-functions.sh [OUT]   (default .artifacts/functions-app); zip OUT for zip deploy.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SERVERLESS_ROOT"

out=${1:-.artifacts/functions-app}
rm -rf "$out"
mkdir -p "$out"
log "publishing the function app to $out/app"
dotnet publish functions/Serverless.Functions -c Release -o "$out/app" --nologo -v quiet -clp:ErrorsOnly
cp host.json "$out/host.json"
log "writing the function folders from the app's catalog"
dotnet "$out/app/Serverless.Functions.dll" write-function-json "$out"
# The checked-in folders must equal what the code generates (a test enforces this too).
for dir in functions/Serverless.Functions/Functions/*/; do
  name=$(basename "$dir")
  cmp -s "$dir/function.json" "$out/$name/function.json" || die "$name/function.json is stale: regenerate the checked-in folders"
done
log "done: $(find "$out" -name function.json | wc -l) functions, host.json and app/ in $out"
