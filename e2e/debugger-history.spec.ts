import { accessibilityViolations, expect, fullPageScreenshot, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

/* Questions about a wrong balance: which events made it (blame), and where else it happened (scan). */

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

test('clicking the balance blames it: every event that changed it, before → after, each a link to its position', async ({ page, consoleErrors }, testInfo) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 4);
  await debuggerPage.expectAt(4);
  await debuggerPage.statePanel().getByRole('button', { name: 'balance', exact: true }).click();

  const blame = page.getByTestId('blame-panel');
  await expect(blame).toBeVisible();
  await expect(page.getByTestId('blame-summary')).toContainText('-€84.12 after 4 changes');
  const newest = blame.getByTestId('blame-change').first();
  await expect(newest).toContainText('MoneyWithdrawn');
  await expect(newest).toContainText('€150.00 → -€84.12');
  await expect(newest).toContainText('ImportLegacyAccount');
  await expect(newest).toContainText('import:legacy-core');
  await expect(newest).toContainText('13 May 2026, 23:00:00 UTC');
  await fullPageScreenshot(page, testInfo.outputPath('debugger-blame.png'));

  // Each change is a position: following the opening deposit moves the debugger there.
  await blame.getByRole('button', { name: 'v2' }).click();
  await debuggerPage.expectAt(2);

  expect(await accessibilityViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a history-wide scan lists every account that ever went below zero, steps through them and deep-links to the hit', async ({ page, consoleErrors }, testInfo) => {
  await page.goto('/debugger/scan');
  await page.getByRole('button', { name: 'balance < 0', exact: true }).click();
  await expect(page.getByTestId('scan-summary')).toContainText('events up to position');
  const rows = page.getByTestId('scan-stream');
  const legacy = rows.filter({ hasText: 'account-legacy-000417' });
  await expect(legacy).toContainText('v4 MoneyWithdrawn');
  // In UTC, as every time in the debugger (the browser's locale once showed "5/13/2026, 11:00:00 PM").
  await expect(legacy).toContainText('13 May 2026, 23:00:00 UTC');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(1);
  await fullPageScreenshot(page, testInfo.outputPath('debugger-scan.png'));

  // Next/previous walk the hits in the order they happened.
  const current = page.getByTestId('scan-current');
  await expect(current).toContainText(`1 / ${count}`);
  if (count > 1) {
    await page.getByRole('button', { name: 'Next hit →' }).click();
    await expect(current).toContainText(`2 / ${count}`);
    await page.getByRole('button', { name: '← Previous hit' }).click();
    await expect(current).toContainText(`1 / ${count}`);
  }
  expect(await accessibilityViolations(page)).toEqual([]);

  await legacy.getByRole('link', { name: 'account-legacy-000417' }).click();
  await new DebuggerPage(page).expectAt(4);
  expect(consoleErrors).toEqual([]);
});

test.describe('as a customer', () => {
  test.use({ signedInAs: 'margaret-keller' });
  test('the scan is for staff only', async ({ page }) => {
    await page.goto('/debugger/scan');
    await expect(page.getByText("For the bank's staff")).toBeVisible();
  });
});

test('the header lists what deserves a look: the legacy overdraft past its limit, one click from its position', async ({ page, consoleErrors }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 1);
  const findings = page.getByTestId('findings');
  await findings.getByRole('button', { name: '1 finding' }).click();
  await expect(findings.getByRole('listitem')).toContainText('below the overdraft limit once, first at v4');
  await findings.getByRole('button', { name: 'v4' }).click();
  await debuggerPage.expectAt(4);
  expect(consoleErrors).toEqual([]);
});

test("the debugger's decision replay names the legacy import's withdrawal today's code would refuse", async ({ page, consoleErrors }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 1);
  const panel = page.getByTestId('decisions-panel');
  await panel.getByRole('button', { name: 'Decide every command again' }).click();
  await expect(page.getByTestId('decisions-summary')).toContainText('1 differently');
  const finding = panel.getByTestId('decision-finding');
  await expect(finding).toContainText('WithdrawMoney (derived from the event; recorded as ImportLegacyAccount)');
  await expect(finding).toContainText('today refused (insufficient_funds)');
  await finding.getByRole('button', { name: 'v4' }).click();
  await debuggerPage.expectAt(4);
  expect(consoleErrors).toEqual([]);
});

test('a refused command shows beside the events it did not become, at the version it was decided on', async ({ page, request, consoleErrors }) => {
  const opened = await request.post('/api/accounts', { data: { owner: 'Refused Ltd', currency: 'EUR' } });
  expect(opened.status()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  expect((await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: 1_00 } })).status()).toBe(200);
  const refusedWithdrawal = await request.post(`/api/accounts/${accountId}/withdraw`, { data: { amount: 5_00 } });
  expect(refusedWithdrawal.status()).toBe(422);

  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open(`account-${accountId}`);
  const refused = page.getByTestId('refused-command');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('WithdrawMoney by teller:ann refused');
  await expect(refused).toContainText('insufficient_funds');
  await refused.getByRole('button', { name: 'at v2' }).click();
  await debuggerPage.expectAt(2);
  expect(consoleErrors).toEqual([]);
});
