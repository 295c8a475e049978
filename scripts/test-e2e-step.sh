#!/usr/bin/env bash
# The e2e step of `npm test`: Playwright drives Debian's Chromium (CHROMIUM_PATH overrides, as in
# playwright.config.ts; nothing is downloaded). Without it: skipped with a warning on a laptop
# (test-results/e2e-skipped.txt tells the summary), a failure under CI=true. Exit 3 means skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/e2e-skipped.txt
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  npx playwright test
  exit $?
fi
if [ -n "${CI:-}" ]; then
  echo "Chromium is required in CI but missing at $chromium (apt-get install chromium, or set CHROMIUM_PATH)"
  exit 4
fi
echo "⚠ SKIPPING the browser tests: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM_PATH)."
echo "  Everything else still runs; with CI=true a missing Chromium fails the suite."
echo "no Chromium at $chromium" > test-results/e2e-skipped.txt
exit 3
