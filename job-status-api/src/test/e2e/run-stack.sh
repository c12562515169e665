#!/usr/bin/env bash
# Browser test of the diary page against the whole running stack: submits a real recording through the page
# (to ingestion-api), long-polls job-status-api until its note appears, reads it, deletes the entry.
# Usage: USER_TOKEN=$(make -s token USER=e2e) job-status-api/src/test/e2e/run-stack.sh [audio file]
# The page must be opened from the origin ingestion-api allows for CORS, hence localhost (not 127.0.0.1).
set -euo pipefail
AUDIO_FILE=$(realpath "${1:-testdata/diary/entry1.wav}")
cd "$(dirname "$0")"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
STATUS_URL=${STATUS_URL:-http://localhost:8081} MODE=stack AUDIO_FILE="$AUDIO_FILE" TIMEOUT_S=${TIMEOUT_S:-300} \
  node pages.e2e.mjs
