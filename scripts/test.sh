#!/usr/bin/env bash
# The test command: set-up, start what the tests need, run every test in the solution,
# print "N passed, N failed[, N skipped]" and exit non-zero on any failure.
# Extra arguments go to `dotnet test` (e.g. --filter-trait or --treenode-filter).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SERVERLESS_ROOT/scripts/azurite.sh"
cd "$SERVERLESS_ROOT"

bash scripts/setup.sh || die "set-up failed"
log "building"
dotnet build Serverless.sln --no-restore --nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

azurite_start

results="$SERVERLESS_ROOT/.artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
log "running tests"
# One test module at a time: the suites start worker processes, Azurite load and tesseract pages of their own,
# and on 2 cores running them side by side turns timing margins into flakes.
dotnet test --solution Serverless.sln --no-build --no-progress --max-parallel-test-modules 1 --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Sum every test run summary that dotnet test printed (one block per invocation).
read -r total failed succeeded skipped < <(awk '
  /^[[:space:]]*total:/     { t += $2 }
  /^[[:space:]]*failed:/    { f += $2 }
  /^[[:space:]]*succeeded:/ { s += $2 }
  /^[[:space:]]*skipped:/   { k += $2 }
  END { printf "%d %d %d %d\n", t, f, s, k }' "$results/console.log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or build break counts as a failure
line="$succeeded passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
