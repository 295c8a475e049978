#!/usr/bin/env bash
# `npm test`: every check and test. PostgreSQL, NATS and Chromium tests skip
# with a warning on a laptop without them; with CI=true they fail instead.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/e2e-report.json test-results/e2e-skipped.txt
status=0
step() { echo; echo "━━ $1"; shift; "$@" || status=1; }

step "Type check" npx tsc --noEmit
step "Lint" npx eslint .
step "Unit and integration tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

echo; echo "━━ End-to-end tests (Playwright, built app)"
bash scripts/test-e2e-step.sh
e2e=$?
reliability_build=()
# The e2e step just built the app; reliability checks run it as real processes (and build it themselves otherwise).
case $e2e in
  0) reliability_build=(RELIABILITY_SKIP_BUILD=1) ;;
  3) ;; # skipped: no Chromium outside CI
  4) status=1 ;; # no Chromium in CI
  *) status=1; reliability_build=(RELIABILITY_SKIP_BUILD=1) ;;
esac
step "Reliability checks, short (load, kill -9, PostgreSQL outage, SSE clients, cluster)" env "${reliability_build[@]}" bash scripts/test-reliability.sh --short
node scripts/test-summary.mjs || status=1
exit $status
