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
app_dll=functions/Serverless.Functions/bin/Debug/net10.0/Serverless.Functions.dll

azurite_start

sample=samples/welcome.txt
tenant=demo
log "creating an API key for tenant '$tenant' (admin command; only its hash is stored)"
api_key=$(dotnet "$app_dll" create-api-key --tenant "$tenant" --name run.sh)

port=7071
port_is_free "$port" || port=$(free_port)
APP_URL="http://127.0.0.1:$port"
log "starting the function app (local host mode) on $APP_URL"
app_log=$(mktemp -t serverless-functions.XXXXXX.log)
App__WatchInterval=00:00:00.500 dotnet "$app_dll" --urls "$APP_URL" >"$app_log" 2>&1 &
APP_PID=$!
on_exit "stop_pid $APP_PID 15; rm -f '$app_log'"
if ! wait_http "$APP_URL/healthz" 60; then
  cat "$app_log" >&2
  die "the function app did not start"
fi

log "GET $APP_URL/healthz"
curl -s "$APP_URL/healthz"; echo

# Polls a workflow's status until it is terminal (200) and prints it; fails after 60 s.
wait_workflow() {
  local url="$APP_URL/api/v1/workflows/$1" code
  for _ in $(seq 1 120); do
    code=$(curl -s -o /tmp/serverless-status.$$ -w '%{http_code}' -H "x-api-key: $api_key" "$url")
    if [ "$code" = 200 ]; then cat /tmp/serverless-status.$$; echo; rm -f /tmp/serverless-status.$$; return 0; fi
    sleep 0.5
  done
  rm -f /tmp/serverless-status.$$
  cat "$app_log" >&2
  die "workflow $1 did not finish (last status $code)"
}

log "blob drop: $sample -> incoming/$tenant/ (the blob watcher starts one workflow per content version)"
blob_id=$(dotnet "$app_dll" drop "$sample" --tenant "$tenant")
log "GET /api/v1/workflows/$blob_id"
wait_workflow "$blob_id"

log "HTTP start: POST /api/v1/workflows (multipart upload of $sample, instance id 'welcome-http')"
start=$(curl -s -H "x-api-key: $api_key" -F "file=@$sample" -F instanceId=welcome-http "$APP_URL/api/v1/workflows")
echo "$start"
log "GET /api/v1/workflows/$tenant~welcome-http"
wait_workflow "$tenant~welcome-http"

log "without an API key: GET /api/v1/workflows"
curl -s -i "$APP_URL/api/v1/workflows" | sed -n '1p;/^{/p'; echo

if [ "$once" = true ]; then exit 0; fi
key_file=$(mktemp -t serverless-demo-key.XXXXXX)
chmod 600 "$key_file"
printf '%s\n' "$api_key" >"$key_file"
on_exit "rm -f '$key_file'"
log "serving on $APP_URL (logs: $app_log; the API key of '$tenant' is in $key_file); press Ctrl-C to stop"
wait "$APP_PID"
