// Prints one closing line for the whole suite, "N passed, N failed, N skipped", from the runners' JSON reports.
import { existsSync, readFileSync } from 'node:fs';

// scripts/test-all.sh writes this instead of running Playwright when Chromium is missing outside CI.
const E2E_SKIPPED = 'test-results/e2e-skipped.txt';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = read('test-results/vitest.json');
const e2e = read('test-results/e2e-report.json');

let passed = 0;
let failed = 0;
let skipped = 0;
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numFailedTestSuites ?? 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  console.log('vitest produced no report');
  failed += 1;
}
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else if (existsSync(E2E_SKIPPED)) {
  console.log(`⚠ End-to-end tests SKIPPED: ${readFileSync(E2E_SKIPPED, 'utf8').trim()}`);
} else {
  console.log('Playwright produced no report');
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
