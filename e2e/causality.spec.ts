import type { Locator } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

/* The causality lanes under the timeline: what made the events, the transfer's steps across streams, and their publication. */

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

const testIds = (lane: Locator) => lane.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));

test('the seeded failed transfer reads debit → credit refused → refund → published, and each mark opens its stream', async ({ page, request, consoleErrors }, testInfo) => {
  // The seed's transfer to a closed account: the one refund among the seeded transfers.
  const found = await request.get('/api/audit/events?type=SourceRefunded&limit=20');
  expect(found.status()).toBe(200);
  const { rows } = (await found.json()) as { rows: Array<{ streamId: string }> };
  const transferStream = rows.map((row) => row.streamId).find((id) => id.startsWith('transfer-seed-'));
  expect(transferStream, 'a seeded refunded transfer').toBeTruthy();

  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open(transferStream!);
  // A transfer's rows carry its amount (the seed's birthday present: 25.00).
  await expect(page.locator('#event-row-1')).toContainText('+25.00');
  const lanes = page.getByTestId('causality-lanes');
  const saga = lanes.getByTestId('lane-saga');
  await expect(saga.getByRole('link')).toHaveCount(5);
  expect(await testIds(saga)).toEqual(['saga-requested', 'saga-debit', 'saga-credit_refused', 'saga-refund', 'saga-failed']);
  await expect(saga.getByTestId('saga-credit_refused')).toHaveAttribute('aria-label', /credit refused \(the account is closed\)/i);
  await expect(saga.getByTestId('saga-refund')).toHaveAttribute('aria-label', /refund, recorded in v4 and account-/);
  // The relay publishes right after the server starts: every event of the transfer, each with its lag.
  const published = lanes.getByTestId('lane-outbox').getByTestId('outbox-sent');
  await expect(published).toHaveCount(5);
  await expect(published.first()).toHaveAttribute('aria-label', /^v1 TransferRequested published \(bus ack\) .+ after it was recorded\.$/);
  await page.screenshot({ path: testInfo.outputPath('debugger-causality.png') });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The debit opens the source account at the withdrawal it wrote; from there the same transfer shows its legs.
  await saga.getByTestId('saga-debit').click();
  await expect(page).toHaveURL(/\/debugger\/account-[^?]+\?v=\d+$/);
  const accountSaga = page.getByTestId('lane-saga');
  const transferId = transferStream!.slice('transfer-'.length);
  const step = (label: string) => accountSaga.getByRole('link', { name: new RegExp(`^Transfer ${transferId}: ${label}[ ,]`) });
  await expect(step('debit')).toHaveCount(1);
  await expect(step('credit refused')).toHaveCount(1);
  await expect(step('refund')).toHaveCount(1);
  const accountCommands = page.getByTestId('lane-commands');
  const leg = new RegExp(`^WithdrawMoney by system:transfers accepted: MoneyWithdrawn at v\\d+, sent for ${transferStream} v1\\.$`);
  await expect(accountCommands.getByRole('link', { name: leg })).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});

test('the seeded double withdrawal shows the losing command beside the winning event, and opens the winner', async ({ page, consoleErrors }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-twin-tills', 1);
  const commands = page.getByTestId('lane-commands');
  const loser = commands.getByTestId('command-conflicted');
  await expect(loser).toHaveCount(1);
  await expect(loser).toHaveAttribute('aria-label', /^WithdrawMoney by teller:\w+ lost to a concurrent writer \(version_conflict\), decided on v2\. v3 MoneyWithdrawn by teller:\w+ was written instead\.$/);
  const winner = commands.getByRole('link', { name: /^WithdrawMoney by teller:\w+ accepted: MoneyWithdrawn at v3\.$/ });
  await expect(winner).toHaveCount(1);
  // Beside it: the same moment on the axis, stacked.
  const [loserBox, winnerBox] = [await loser.boundingBox(), await winner.boundingBox()];
  expect(Math.abs(loserBox!.x - winnerBox!.x)).toBeLessThan(4);
  expect(await accessibilityViolations(page)).toEqual([]);

  await loser.click();
  await debuggerPage.expectAt(3);
  expect(consoleErrors).toEqual([]);
});
