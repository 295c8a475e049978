#!/usr/bin/env bash
# `npm test`: every check and test. PostgreSQL tests skip with a warning on a
# laptop without it; with CI=true they fail instead.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e-report.json
status=0
step() { echo; echo "━━ $1"; shift; "$@" || status=1; }

step "Type check" npx tsc --noEmit
step "Lint" npx eslint .
step "Unit and integration tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step "End-to-end tests (Playwright, built app)" npx playwright test
# The e2e step just built the app; reliability checks run it as real processes.
step "Reliability checks, short (load, kill -9, PostgreSQL outage, SSE clients)" env RELIABILITY_SKIP_BUILD=1 bash scripts/test-reliability.sh --short
node scripts/test-summary.mjs || status=1
exit $status
