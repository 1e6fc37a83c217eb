# shellcheck shell=bash
# Azurite handling shared by the run command, the test command and CI.
# Source it after lib.sh, then call azurite_start. It:
#  - starts Azurite on 127.0.0.1 with --skipApiVersionCheck (the storage SDKs send an API version
#    that Azurite 3.37 rejects otherwise) and a temporary --location;
#  - uses the default ports 10000-10002 when free, otherwise free ports, and exports the matching
#    connection string as AzureWebJobsStorage;
#  - waits until blob, queue and table all answer;
#  - stops Azurite and removes its data when the calling script exits.

azurite_start() {
  local bin="$SERVERLESS_ROOT/node_modules/.bin/azurite"
  [ -x "$bin" ] || die "Azurite is not installed: run scripts/setup.sh (npm ci) first"

  local attempt blob queue table
  for attempt in 1 2 3; do
    if [ "$attempt" = 1 ] && port_is_free 10000 && port_is_free 10001 && port_is_free 10002; then
      blob=10000 queue=10001 table=10002
    else
      blob=$(free_port) queue=$(free_port) table=$(free_port)
    fi
    AZURITE_DIR=$(mktemp -d -t serverless-azurite.XXXXXX)
    "$bin" --silent --disableTelemetry --skipApiVersionCheck --location "$AZURITE_DIR" \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" >"$AZURITE_DIR.log" 2>&1 &
    AZURITE_PID=$!
    on_exit "azurite_stop"
    if wait_http "http://127.0.0.1:$blob/devstoreaccount1?comp=list" 30 &&
       wait_http "http://127.0.0.1:$queue/devstoreaccount1?comp=list" 10 &&
       wait_http "http://127.0.0.1:$table/devstoreaccount1/Tables" 10 &&
       kill -0 "$AZURITE_PID" 2>/dev/null; then
      break
    fi
    log "Azurite did not come up on ports $blob/$queue/$table (attempt $attempt); retrying"
    azurite_stop
    [ "$attempt" = 3 ] && { cat "$AZURITE_DIR.log" >&2 2>/dev/null; die "Azurite failed to start"; }
  done

  # The well-known development account key: public, documented by Microsoft, not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  export AzureWebJobsStorage AZURITE_PID AZURITE_DIR
  log "Azurite is up (blob $blob, queue $queue, table $table; pid $AZURITE_PID)"
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ]; then stop_pid "$AZURITE_PID" 10; fi
  if [ -n "${AZURITE_DIR:-}" ]; then rm -rf "$AZURITE_DIR" "$AZURITE_DIR.log"; fi
  AZURITE_PID="" AZURITE_DIR=""
}
