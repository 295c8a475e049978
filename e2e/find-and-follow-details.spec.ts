import { accessibilityViolations, expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { DebuggerPage } from './pages/debugger-page';
import { StreamsPage } from './pages/streams-page';

/* The smaller findings of the find-and-follow review that the other specs do not reach. */

test.describe.configure({ timeout: 120_000 });

test('an amount typed as the event list shows it (1,250.00) finds that event', async ({ page }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 1);
  await debuggerPage.expectAt(1);
  await expect(debuggerPage.eventList().getByRole('option').nth(1)).toContainText('+1,250.00');
  await page.getByLabel('Search events (payload, ids, metadata)').fill('1,250.00');
  await expect(debuggerPage.matchCount()).toHaveText(/(^|\D)1 match\b/);
  await expect(debuggerPage.eventList().getByRole('option')).toHaveCount(1);
  await expect(debuggerPage.eventList().getByRole('option').first()).toContainText('MoneyDeposited');
});

test('an account that still holds money does not open the close confirmation', async ({ page }) => {
  await page.goto('/accounts/legacy-000417');
  await page.getByRole('tab', { name: 'Close' }).click();
  const close = page.getByTestId('close-form');
  await expect(close).toContainText('Only an account with a balance of exactly zero can be closed');
  const ask = close.getByRole('button', { name: 'Close this account…' });
  await expect(ask).toBeDisabled();
  await expect(close.getByText('This cannot be undone')).toHaveCount(0);
});

test('the audit type filter takes a space after the comma, and From after To is named, not "Invalid query"', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();
  await audit.filter('Event types', 'MoneyWithdrawn, AccountClosed');
  await expect(page.getByTestId('match-count')).toHaveText(/^[1-9][\d,]* events? match/);
  await expect(audit.trail().getByRole('row').nth(1)).toContainText(/MoneyWithdrawn|AccountClosed/);

  await audit.filter('Event types', '');
  const filters = page.getByTestId('trail-filters');
  await filters.getByLabel('From (UTC)').fill('2026-06-02T00:00:00');
  await filters.getByLabel('To (UTC)').fill('2026-06-01T00:00:00');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // The message may show in more than one panel (the count and the trail); one is enough.
  await expect(page.getByText(/to must be after from/).first()).toBeVisible();
});

test('the debugger and the stream browser pass axe at laptop and phone widths', async ({ page, consoleErrors }) => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    const debuggerPage = new DebuggerPage(page);
    await debuggerPage.open('account-legacy-000417', 4);
    await debuggerPage.expectAt(4);
    await expect(page.getByTestId('balance-chart')).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);

    await new StreamsPage(page).open();
    expect(await accessibilityViolations(page)).toEqual([]);
  }
  expect(consoleErrors).toEqual([]);
});

test('a drag-zoom that leaves the position outside the window brings the position into it', async ({ page }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-cafe-aurora-merchant', 500);
  await debuggerPage.expectAt(500);
  // A window well after v500.
  await debuggerPage.dragAcrossDensity(0.6, 0.8);
  await expect(page.getByTestId('zoom-status')).toContainText('Zoomed to v');
  await expect(page).toHaveURL(/[?&]zoom=\d+-\d+/);
  await expect(page).not.toHaveURL(/[?&]v=500\b/);
  const url = new URL(page.url());
  const [from, to] = url.searchParams.get('zoom')!.split('-').map(Number);
  const at = Number(url.searchParams.get('v'));
  expect(from).toBeGreaterThan(500);
  expect(at).toBeGreaterThanOrEqual(from!);
  expect(at).toBeLessThanOrEqual(to!);
  await debuggerPage.expectAt(at);
});

test("a transfer stream speaks the transfer's words: its presets, event types and amounts, and saga steps as the bank's own process", async ({ page }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('transfer-seed-42-transfer-6', 1);
  await debuggerPage.expectAt(1);
  await expect(page.getByRole('button', { name: 'status == "failed"', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'balance < 0', exact: true })).toHaveCount(0);
  const types = await page.getByLabel('Event type').locator('option').allTextContents();
  expect(types).toContain('TransferFailed');
  expect(types).not.toContain('MoneyDeposited');
  // The amount column holds the transfer's amount, not an empty cell.
  await expect(debuggerPage.eventList().getByRole('option').first()).toContainText(/\d\.\d{2}/);

  // Every event after the request is a step of the saga: none is "written before commands were recorded".
  const origins: string[] = [];
  for (let version = 2; version <= 5; version++) {
    await page.keyboard.press('ArrowRight');
    await debuggerPage.expectAt(version);
    const origin = debuggerPage.command().getByTestId('command-origin');
    if ((await origin.count()) > 0) origins.push(await origin.innerText());
  }
  expect(origins.length).toBeGreaterThan(0);
  for (const origin of origins) expect(origin).toContain('A step of the bank’s own process');
});
