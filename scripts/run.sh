#!/usr/bin/env bash
# The run command: set-up, start Azurite and the function app in local host mode, and show it working.
#   scripts/run.sh           run the main job, then keep serving until Ctrl-C
#   scripts/run.sh --once    run the main job and exit (what CI and the end-to-end test use)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SERVERLESS_ROOT/scripts/azurite.sh"
cd "$SERVERLESS_ROOT"

once=false
for arg in "$@"; do
  case "$arg" in
    --once) once=true ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

bash scripts/setup.sh
log "building the function app"
dotnet build functions/Serverless.Functions --no-restore --nologo -v quiet -clp:ErrorsOnly

azurite_start

port=7071
port_is_free "$port" || port=$(free_port)
APP_URL="http://127.0.0.1:$port"
log "starting the function app (local host mode) on $APP_URL"
app_log=$(mktemp -t serverless-functions.XXXXXX.log)
dotnet functions/Serverless.Functions/bin/Debug/net10.0/Serverless.Functions.dll --urls "$APP_URL" >"$app_log" 2>&1 &
APP_PID=$!
on_exit "stop_pid $APP_PID 15; rm -f '$app_log'"
if ! wait_http "$APP_URL/healthz" 60; then
  cat "$app_log" >&2
  die "the function app did not start"
fi

log "GET $APP_URL/healthz"
curl -s "$APP_URL/healthz"; echo

if [ "$once" = true ]; then exit 0; fi
log "serving on $APP_URL (logs: $app_log); press Ctrl-C to stop"
wait "$APP_PID"
