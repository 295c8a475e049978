import { accessibilityViolations, expect, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

// Each test walks a long path through the page (the machine running e2e is often shared and slow).
test.describe.configure({ timeout: 180_000 });

// Chromium probes /favicon.ico on reload and history moves though the page declares app/icon.svg; its 404 is not the debugger's.
test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

test('the debugger finds the seeded negative-balance incident in one click, shows the command behind it, and keeps the position on reload', async ({ page, consoleErrors }, testInfo) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417');
  const breakpoints = page.getByTestId('breakpoint-bar');
  // Opened at the head (v6): the one hit is behind, so the preset wraps around to it and says so.
  await breakpoints.getByRole('button', { name: 'balance < 0', exact: true }).click();
  await expect(breakpoints.getByTestId('hit-count')).toHaveText('1 hit');
  await debuggerPage.expectAt(4);
  await expect(breakpoints.getByTestId('hit-notice')).toHaveText('No hit after v6; wrapped around to v4.');
  const card = debuggerPage.eventCard();
  await expect(card).toContainText('MoneyWithdrawn');
  await expect(page.getByTestId('event-actor')).toHaveText('import:legacy-core');
  await expect(card).toContainText('CORE1/000417');
  expect(await debuggerPage.balanceShown()).toBe(-8412);
  // Shown in the account's currency, as the projection stepper shows it.
  await expect(debuggerPage.statePanel().getByRole('row', { name: /^balance/ })).toContainText('-€84.12');

  // The command behind the event: the legacy import job, its input, and every event it wrote.
  const command = debuggerPage.command();
  await expect(command).toContainText('ImportLegacyAccount');
  await expect(page.getByTestId('command-input')).toContainText('"legacyRef": "CORE1/000417"');
  await expect(page.getByTestId('command-events').getByRole('button')).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('debugger-incident.png'), fullPage: true });

  // One step back the balance was still covered.
  await page.keyboard.press('ArrowLeft');
  await debuggerPage.expectAt(3);
  expect(await debuggerPage.balanceShown()).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('ArrowRight');
  await debuggerPage.expectAt(4);

  // Reloading lands on the same position with the breakpoint; Back undoes the jump (the steps replaced their entries).
  await page.reload();
  await debuggerPage.expectAt(4);
  await expect(debuggerPage.eventCard()).toContainText('MoneyWithdrawn');
  await expect(breakpoints.getByTestId('hit-count')).toHaveText('1 hit');
  await page.goBack();
  await debuggerPage.expectAt(6);

  expect(await accessibilityViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('the event list filters by text and type, the density strip zooms by dragging, and ? lists every key', async ({ page, consoleErrors }, testInfo) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-cafe-aurora-merchant', 500);
  await debuggerPage.expectAt(500);
  const total = Number(await debuggerPage.eventList().getAttribute('data-count'));
  expect(total).toBeGreaterThan(500);

  // `/` focuses the search; the list shows only matches, with their count; the keys still step through every version.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search events (payload, ids, metadata)')).toBeFocused();
  await page.keyboard.type('withdraw');
  await expect(debuggerPage.matchCount()).toContainText(/\d+ match/);
  const matches = Number(await debuggerPage.eventList().getAttribute('data-count'));
  expect(matches).toBeGreaterThan(0);
  expect(matches).toBeLessThan(total);
  await expect(debuggerPage.eventList().getByRole('option').first()).toContainText('MoneyWithdrawn');
  await page.getByLabel('Event type').selectOption('MoneyDeposited');
  await expect(debuggerPage.matchCount()).toContainText('0 matches');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(debuggerPage.eventList()).toHaveAttribute('data-count', String(total));
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await debuggerPage.expectAt(501);

  // Drag across the density strip: the list, slider and chart narrow to that window; Esc zooms out.
  await debuggerPage.dragAcrossDensity(0.2, 0.45);
  await expect(page.getByTestId('zoom-status')).toContainText('Zoomed to v');
  const zoomed = Number(await debuggerPage.eventList().getAttribute('data-count'));
  expect(zoomed).toBeGreaterThan(0);
  expect(zoomed).toBeLessThan(total);
  await page.screenshot({ path: testInfo.outputPath('debugger-zoomed.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('zoom-status')).toHaveCount(0);
  await expect(debuggerPage.eventList()).toHaveAttribute('data-count', String(total));
  // The keyboard way in: Z zooms around the position, the button zooms out.
  await page.keyboard.press('z');
  await expect(page.getByTestId('zoom-status')).toBeVisible();
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByTestId('zoom-status')).toHaveCount(0);

  // ? opens the shortcuts; keys do nothing behind it; Esc closes it. (Zooming brought the position into the window.)
  const at = Number(new URL(page.url()).searchParams.get('v'));
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('search the event list');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('debugger-shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await debuggerPage.expectAt(at);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('debugger-phone.png'), fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a new event extends the timeline over server-sent events without moving the position; following the head moves along', async ({ page, request, consoleErrors }) => {
  const opened = await request.post('/api/accounts', { data: { owner: 'Live Debugging Ltd', currency: 'EUR' } });
  expect(opened.status()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  const deposit = (amount: number) => request.post(`/api/accounts/${accountId}/deposit`, { data: { amount, description: 'Live test' } });
  expect((await deposit(1_000)).status()).toBe(200);

  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open(`account-${accountId}`, 1);
  await debuggerPage.expectAt(1);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  await expect(debuggerPage.eventList()).toHaveAttribute('data-count', '2');

  expect((await deposit(2_500)).status()).toBe(200);
  await expect(debuggerPage.eventList()).toHaveAttribute('data-count', '3');
  await expect(debuggerPage.positionLabel()).toHaveText('v 1 of 3');
  await expect(page.getByTestId('new-events')).toContainText('1 new event');
  await debuggerPage.expectAt(1);

  // Follow the head: it jumps there, and the next event moves the position along.
  await page.getByTestId('follow-head').click();
  await debuggerPage.expectAt(3);
  await expect(debuggerPage.command()).toContainText('DepositMoney');
  await expect(page.getByTestId('command-input')).toContainText('"amount": 2500');
  expect((await deposit(700)).status()).toBe(200);
  await debuggerPage.expectAt(4);
  expect(await debuggerPage.balanceShown()).toBe(4_200);
  expect(consoleErrors).toEqual([]);
});
