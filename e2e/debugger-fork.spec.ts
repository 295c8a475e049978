import { readFile } from 'node:fs/promises';
import { accessibilityViolations, expect, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

// A long walk through the page on a machine that is often shared and slow.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

test('what if the legacy import had not overdrawn the account: a fork without v4 never goes below zero, and a withdrawal inserted past the balance is refused', async ({ page, consoleErrors }, testInfo) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 4);
  await debuggerPage.expectAt(4);
  const breakpoints = page.getByTestId('breakpoint-bar');
  await breakpoints.getByRole('button', { name: 'balance < 0', exact: true }).click();
  await expect(breakpoints.getByTestId('hit-count')).toHaveText('1 hit');
  await debuggerPage.expectAt(4);

  // Skip the import's card payment at v4: the fork opens beside the original.
  const whatIf = page.getByTestId('what-if');
  await whatIf.getByRole('button', { name: 'Skip v4' }).click();
  const fork = page.getByTestId('fork-view');
  await expect(fork.getByTestId('fork-divergence')).toContainText('First divergence at v4');
  await expect(fork.getByTestId('fork-hits-original')).toHaveText('1 hit');
  await expect(fork.getByTestId('fork-hits-fork')).toHaveText('0 hits');
  const balanceIn = (panel: 'original' | 'fork') => page.getByTestId(`fork-state-${panel}`).locator('tr[data-path="balance"]');
  await expect(balanceIn('original')).toHaveAttribute('data-value', '-8412');
  await expect(balanceIn('fork')).toHaveAttribute('data-value', '15000');
  await expect(balanceIn('fork')).toHaveAttribute('data-differs', 'true');
  await expect(fork.getByTestId('fork-timeline').locator('li[data-mark="skipped"]')).toContainText('MoneyWithdrawn');
  await expect(page).toHaveURL(/[?&]fork=/);
  // The site's sticky bar would cover the panel's top in a picture of the panel alone.
  const unstick = await page.addStyleTag({ content: '.site-header { position: static !important; }' });
  await whatIf.screenshot({ path: testInfo.outputPath('debugger-fork.png') });
  await unstick.evaluate((style) => (style as Element).remove());

  // The fork is in the URL: a reload opens it again; the balance stays covered to the head.
  await page.reload();
  await debuggerPage.expectAt(4);
  await expect(page.getByTestId('fork-divergence')).toContainText('First divergence at v4');
  await page.locator('h1').click();
  for (const version of [5, 6]) {
    await page.keyboard.press('ArrowRight');
    await debuggerPage.expectAt(version);
    await expect(page.getByTestId('fork-state-original')).toContainText(`Original at v${version}`);
    expect(Number(await balanceIn('fork').getAttribute('data-value'))).toBeGreaterThanOrEqual(0);
  }

  // At v3, a withdrawal larger than the balance: the real decider refuses it with its rule code.
  await page.keyboard.press('Home');
  await debuggerPage.expectAt(0);
  for (const version of [1, 2, 3]) {
    await page.keyboard.press('ArrowRight');
    await debuggerPage.expectAt(version);
  }
  await whatIf.getByRole('button', { name: 'Insert a command after v3…' }).click();
  await whatIf.getByLabel('Command').selectOption('withdraw');
  await whatIf.getByLabel('Input, JSON').fill('{ "amount": 50000, "description": "What if" }');
  await whatIf.getByRole('button', { name: 'Decide it after v3' }).click();
  const refused = fork.getByTestId('fork-edit').nth(1);
  await expect(refused).toHaveAttribute('data-outcome', 'refused');
  await expect(refused).toContainText('refused insufficient_funds');
  await expect(fork.getByTestId('fork-timeline').locator('li[data-mark="refused"]')).toContainText('insufficient_funds');

  // The fork as a vitest file: given its events, when the inserted withdrawal, then refused.
  const downloading = page.waitForEvent('download');
  await fork.getByRole('button', { name: 'Export as test case' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('account-legacy-000417-v3.what-if.unit.spec.ts');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const source = await readFile(file, 'utf8');
  expect(source).toContain("import { AGGREGATES } from '@/lib/runtime/aggregates';");
  expect(source).toContain('toMatchObject({ code: "insufficient_funds" })');
  expect(source).toContain(' * - skip v4');

  // Edit v3's data: a smaller rent leaves room for the inserted withdrawal, which the decider now accepts.
  await whatIf.getByRole('button', { name: "Edit v3's data…" }).click();
  const data = whatIf.getByLabel(/v3's data/);
  const rent = JSON.parse(await data.inputValue()) as { amount: number };
  expect(rent.amount).toBe(110000);
  await data.fill(JSON.stringify({ ...rent, amount: 10000 }));
  await whatIf.getByRole('button', { name: 'Fork with this data' }).click();
  await expect(fork.getByTestId('fork-edit').nth(2)).toHaveAttribute('data-outcome', 'applied');
  await expect(fork.getByTestId('fork-edit').nth(1)).toHaveAttribute('data-outcome', 'accepted');
  await expect(fork.getByTestId('fork-timeline').locator('li[data-mark="edited"]')).toContainText('MoneyWithdrawn');
  await expect(fork.getByTestId('fork-timeline').locator('li[data-mark="inserted"]')).toContainText('MoneyWithdrawn');
  await expect(page.getByTestId('fork-divergence')).toContainText('First divergence at v3');

  expect(await accessibilityViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
