#!/usr/bin/env bash
# The run command: set-up, start Azurite, the inference app and the function app (local host mode),
# process every document in samples/ end to end, print a table, run one example search and show the
# tenant's usage and rejections; the last line is the dashboard's URL.
#   scripts/run.sh           run the main job, then keep serving until Ctrl-C
#   scripts/run.sh --once    run the main job and exit
# SERVERLESS_SKIP_SETUP=1 skips set-up and the builds (the test command's RunCommandTests: it has done both).
set -euo pipefail
export LC_NUMERIC=C # printf formats costs with a decimal point whatever the caller's locale
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SERVERLESS_ROOT/scripts/azurite.sh"
cd "$SERVERLESS_ROOT"

once=false
for arg in "$@"; do
  case "$arg" in
    --once) once=true ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

if [ "${SERVERLESS_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh
  log "building the function app and the inference app"
  dotnet build functions/Serverless.LocalHost --no-restore --nologo -v quiet -clp:ErrorsOnly
  dotnet build inference/Serverless.Inference --no-restore --nologo -v quiet -clp:ErrorsOnly
fi
app_dll=functions/Serverless.LocalHost/bin/Debug/net10.0/Serverless.LocalHost.dll

azurite_start

log "starting the inference app (OCR, summarise, classify, embeddings)"
start_inference_app
log "inference app ready on $INFERENCE_URL"
mapfile -t pipeline_settings < <(local_pipeline_settings "$INFERENCE_URL")

tenant=demo
log "creating an API key for tenant '$tenant' (admin command; only its hash is stored)"
api_key=$(dotnet "$app_dll" create-api-key --tenant "$tenant" --name run.sh)

port=7071
port_is_free "$port" || port=$(free_port)
APP_URL="http://127.0.0.1:$port"
log "starting the local host (DocumentPipeline on the Durable Task engine, DurableTask.AzureStorage) on $APP_URL"
app_log=$(mktemp -t serverless-functions.XXXXXX.log)
env "${pipeline_settings[@]}" App__WatchInterval=00:00:00.500 \
  Pipeline__ReviewConfidenceThreshold="${REVIEW_THRESHOLD:-0.2}" Pipeline__Workflow__ReviewTimeout="${REVIEW_TIMEOUT:-00:00:05}" \
  dotnet "$app_dll" --urls "$APP_URL" >"$app_log" 2>&1 &
APP_PID=$!
on_exit "stop_pid $APP_PID 15; rm -f '$app_log'"
if ! wait_http_ok "$APP_URL/healthz" 60; then
  tail -n 60 "$app_log" >&2
  die "the local host did not start"
fi
log "engine: $(curl -s "$APP_URL/healthz" | jq -r '.checks.engine.description // "unknown"')"

api() { curl -s -H "x-api-key: $api_key" "$@"; }

# Starts every sample: the first text file by blob drop, the rest by HTTP upload (instance id = file name).
declare -A ids=()
started=$SECONDS
for file in samples/*; do
  [ -f "$file" ] || continue
  name=$(basename "$file")
  [ "$name" = README.md ] && continue
  if [ "$name" = welcome.txt ]; then
    ids[$name]=$(dotnet "$app_dll" drop "$file" --tenant "$tenant")
    log "blob drop: $name -> incoming/$tenant/ (workflow ${ids[$name]})"
  else
    local_id=$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_')
    api -o /dev/null -F "file=@$file" -F "instanceId=$local_id" "$APP_URL/api/v1/workflows"
    ids[$name]="$tenant~$local_id"
    log "HTTP start: POST /api/v1/workflows $name (workflow ${ids[$name]})"
  fi
done

# Waits for every workflow (terminal = 200 from the status API), up to 5 minutes in all; one poll a
# second stays well inside the API key's rate limit (App__RateLimitPermits, 120 a minute).
declare -A status=()
deadline=$(( SECONDS + 300 ))
for name in "${!ids[@]}"; do
  while :; do
    code=$(api -o /tmp/serverless-status.$$ -w '%{http_code}' "$APP_URL/api/v1/workflows/${ids[$name]}")
    if [ "$code" = 200 ]; then status[$name]=$(cat /tmp/serverless-status.$$); break; fi
    if [ $SECONDS -gt $deadline ]; then tail -n 60 "$app_log" >&2; die "workflow ${ids[$name]} did not finish"; fi
    sleep 1
  done
done
rm -f /tmp/serverless-status.$$
log "all ${#ids[@]} documents processed in $(( SECONDS - started )) s"

printf '\n%-24s %-10s %-5s %-48s %6s %7s %10s %8s\n' document label conf "summary (first line)" chunks tokens cost duration
printf '%s\n' "$(printf '%.0s-' $(seq 1 124))"
failed=0
for name in $(printf '%s\n' "${!ids[@]}" | sort); do
  row=$(jq -r '
    def secs(t): (t | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601);
    def dur: ((secs(.lastUpdatedTime) - secs(.createdTime)) | tostring) + " s";
    if .runtimeStatus == "Completed" then
      [ .output.classification.label, (.output.classification.confidence * 100 | round / 100 | tostring),
        ((.output.summary // "") | split("\n")[0] | .[0:46]), (.output.chunkCount | tostring),
        (.output.inputTokens + .output.outputTokens | tostring), (.output.cost | tostring), dur ] | @tsv
    else [ "FAILED", "-", ((.output // "" | tostring) | .[0:46]), "-", "-", "-", dur ] | @tsv end' <<<"${status[$name]}")
  IFS=$'\t' read -r label conf summary chunks tokens cost duration <<<"$row"
  [ "$label" = FAILED ] && failed=$((failed + 1))
  [ "$cost" = - ] || cost=$(printf '$%.6f' "$cost")
  printf '%-24s %-10s %-5s %-48s %6s %7s %10s %8s\n' "$name" "$label" "$conf" "$summary" "$chunks" "$tokens" "$cost" "$duration"
done
echo

# document id (content hash) -> file name, for the search output
names=$(for name in "${!ids[@]}"; do jq -c --arg n "$name" 'select(.output.documentId) | {(.output.documentId): $n}' <<<"${status[$name]}"; done | jq -s 'add // {}')
query="invoice total amount due"
log "example search: GET /api/v1/search?q=$query&k=3"
api -G --data-urlencode "q=$query" --data-urlencode "k=3" "$APP_URL/api/v1/search" \
  | jq -r --argjson names "$names" '.[] | "  score \(.score * 1000 | round / 1000)  \($names[.documentId] // .documentId[0:12])  page \(.page)  chunk \(.chunk)  \(.text | gsub("\\s+"; " ") | .[0:60])"'
echo
log "tenant usage: GET /api/v1/usage (workflows that ended in the last 30 days)"
usage=$(api "$APP_URL/api/v1/usage")
jq -r '[.workflows, .completed, .failed, .total.inputTokens, .total.outputTokens, .total.cost] | @tsv' <<<"$usage" \
  | while IFS=$'\t' read -r n ok bad tin tout cost; do
      printf '  %s workflows (%s completed, %s failed): %s tokens in, %s out, $%.6f\n' "$n" "$ok" "$bad" "$tin" "$tout" "$cost"
    done
jq -r '.byModel | to_entries[] | [.key, .value.inputTokens, .value.outputTokens, .value.cost] | @tsv' <<<"$usage" \
  | while IFS=$'\t' read -r model tin tout cost; do
      printf '  %-45s %6s in %6s out  $%.6f\n' "$model" "$tin" "$tout" "$cost"
    done
echo
log "tenant rejections: GET /api/v1/rejections (refused blob drops, ERP events and uploads, newest first)"
rejections=$(api "$APP_URL/api/v1/rejections?pageSize=20")
jq -r '"  \(.items | length) rejection(s)\(if .continuationToken then " on this page (more: pass continuationToken)" else "" end)"' <<<"$rejections"
jq -r '.items[] | "  \(.time)  \(.entry)  \(.code)  \(.name)  \(.message | .[0:70])"' <<<"$rejections"
echo
log "results: one JSON per workflow in the 'results' container under $tenant/ (e.g. GET /api/v1/workflows/{id})"
[ "$failed" -eq 0 ] || die "$failed document(s) failed"

if [ "$once" = true ]; then
  log "dashboard: $APP_URL/dashboard/ (served while the app runs: start without --once to keep it up)"
  exit 0
fi
key_file=$(mktemp -t serverless-demo-key.XXXXXX)
chmod 600 "$key_file"
printf '%s\n' "$api_key" >"$key_file"
on_exit "rm -f '$key_file'"
log "serving on $APP_URL (logs: $app_log); press Ctrl-C to stop"
log "dashboard: $APP_URL/dashboard/ (sign in with the API key of tenant '$tenant', in $key_file)"
wait "$APP_PID"
