# shellcheck shell=bash
# Shared helpers for the README's commands and CI. Source it; do not run it.
# Everything here is idempotent and safe to source twice.

SERVERLESS_ROOT="${SERVERLESS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export SERVERLESS_ROOT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root (or sudo) to run: $*"; fi
}

# A TCP port on 127.0.0.1 that nothing listens on (checked, not guaranteed: callers retry).
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if port_is_free "$p"; then echo "$p"; return 0; fi
  done
  die "no free TCP port found on 127.0.0.1"
}

# Waits until an HTTP endpoint answers anything at all (any status code).
wait_http() {
  local url="$1" timeout="${2:-30}" start=$SECONDS
  while [ $(( SECONDS - start )) -lt "$timeout" ]; do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null)" != "000" ]; then return 0; fi
    sleep 0.2
  done
  return 1
}

# Cleanup stack: every started process registers here; one trap stops them all.
_SERVERLESS_CLEANUP=()
on_exit() { _SERVERLESS_CLEANUP+=("$*"); }
_serverless_cleanup() {
  local i
  for (( i=${#_SERVERLESS_CLEANUP[@]}-1; i>=0; i-- )); do eval "${_SERVERLESS_CLEANUP[$i]}" || true; done
  _SERVERLESS_CLEANUP=()
}
trap _serverless_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Stops a process and waits for it; SIGKILL after a grace period.
stop_pid() {
  local pid="$1" grace="${2:-10}"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(( grace * 10 ))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Waits until an HTTP endpoint answers 200.
wait_http_ok() {
  local url="$1" timeout="${2:-30}" start=$SECONDS
  while [ $(( SECONDS - start )) -lt "$timeout" ]; do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null)" = "200" ]; then return 0; fi
    sleep 0.3
  done
  return 1
}

# Starts the built inference app on a free port (INFERENCE_URL, INFERENCE_PID), waits for /readyz
# and registers its stop. Extra settings come from the environment (Inference__...).
start_inference_app() {
  local dll="$SERVERLESS_ROOT/inference/Serverless.Inference/bin/Debug/net10.0/Serverless.Inference.dll" port
  [ -f "$dll" ] || die "the inference app is not built ($dll)"
  port=$(free_port)
  INFERENCE_URL="http://127.0.0.1:$port"
  INFERENCE_LOG=$(mktemp -t serverless-inference.XXXXXX.log)
  (cd "$SERVERLESS_ROOT/inference/Serverless.Inference" && exec dotnet "$dll" --urls "$INFERENCE_URL") >"$INFERENCE_LOG" 2>&1 &
  INFERENCE_PID=$!
  on_exit "stop_pid $INFERENCE_PID 10; rm -f '$INFERENCE_LOG'"
  if ! wait_http_ok "$INFERENCE_URL/readyz" 120; then
    tail -n 40 "$INFERENCE_LOG" >&2
    die "the inference app did not become ready"
  fi
  export INFERENCE_URL INFERENCE_PID INFERENCE_LOG
}

# The pipeline's configuration for a local run, one KEY=VALUE a line (for `env`: some keys hold '-'):
# every step on the inference app at $1 (no cloud), and notional prices for its models so that the
# cost columns show the ledger at work.
local_pipeline_settings() {
  local url="$1"
  printf '%s\n' \
    "Pipeline__Providers__inference__Kind=Inference" \
    "Pipeline__Providers__inference__Endpoint=$url/" \
    "Pipeline__Providers__inference__MaxConcurrency=${PIPELINE_MAX_CONCURRENCY:-4}" \
    "Pipeline__Steps__Ocr__Provider=inference" \
    "Pipeline__Steps__Summarize__Provider=inference" \
    "Pipeline__Steps__Classify__Provider=inference" \
    "Pipeline__Steps__Embed__Provider=inference" \
    "Pipeline__Steps__Embed__Model=snowflake-arctic-embed-xs" \
    "Pipeline__Pricing__serverless-textrank-v1__InputPer1K=0.0001" \
    "Pipeline__Pricing__serverless-textrank-v1__OutputPer1K=0.0002" \
    "Pipeline__Pricing__serverless-hybrid-classifier-v1__InputPer1K=0.0001" \
    "Pipeline__Pricing__snowflake-arctic-embed-xs__InputPer1K=0.00002"
}
