#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian machine that has the .NET 10 SDK and Node.js:
# Debian packages (tesseract, poppler, chromium for the dashboard tests), the pinned Azurite and OCR models (npm ci), and dotnet restore.
# Safe to run twice; works as root or through sudo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$SERVERLESS_ROOT"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-eng poppler-utils curl jq chromium)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
command -v npm >/dev/null || die "Node.js and npm are required"

# npm ci only when node_modules does not match the committed lock file.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.serverless-lock 2>/dev/null || true)" != "$lock_hash" ]; then
  log "npm ci (pinned Azurite, PaddleOCR ONNX models for the inference app)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.serverless-lock
else
  log "node_modules matches package-lock.json"
fi

log "dotnet restore"
dotnet restore Serverless.sln --nologo -v quiet
log "set-up complete"
