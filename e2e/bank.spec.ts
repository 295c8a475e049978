import { accessibilityViolations, expect, signIn, test } from './fixtures';
import { AccountPage } from './pages/account-page';
import { OverviewPage, PAGE_LOAD } from './pages/overview-page';

test('open an account, deposit, be refused too large a withdrawal, see another page follow live, reload and find it kept', async ({
  page,
  overview,
  accountPage,
  consoleErrors,
  browser,
}, testInfo) => {
  test.slow(); // two signed-in browsers, several round trips and a reload on a 2-core machine
  // A second person, the auditor, watching the overview in another browser context.
  const watcherContext = await browser.newContext();
  await signIn(watcherContext.request, 'amir');
  const watcher = new OverviewPage(await watcherContext.newPage());
  await watcher.open();
  await expect(watcher.connection()).toHaveText('Live');

  await overview.open();
  const owner = `Edith Clarke ${Date.now().toString(36)}`;
  const accountId = await overview.openAccount(owner, 'EUR', '50.00');
  await expect(overview.accountRow(owner)).toBeVisible();
  await expect(watcher.accountRow(owner)).toBeVisible();

  await accountPage.open(accountId);
  await accountPage.deposit('120.50', 'First salary');
  await expect(accountPage.actionSuccess()).toBeVisible();
  await expect(accountPage.balance()).toContainText('€120.50');
  await expect(accountPage.history()).toContainText('First salary');

  await accountPage.withdraw('500');
  await expect(accountPage.actionError()).toContainText('Not enough money');
  await expect(accountPage.actionError()).toHaveAttribute('data-code', 'insufficient_funds');
  await expect(accountPage.balance()).toContainText('€120.50');
  await page.screenshot({ path: testInfo.outputPath('account-refused-withdrawal.png'), fullPage: true });

  // The watcher's overview followed without a reload.
  await expect(watcher.accountRow(owner)).toContainText('€120.50');
  await watcherContext.close();

  await page.reload();
  const reloaded = new AccountPage(page);
  await expect(reloaded.balance()).toContainText('€120.50');
  await expect(reloaded.version()).toHaveText('2');
  expect(consoleErrors).toEqual([]);
});

test('the main pages pass axe checks at laptop and phone widths, without console errors', async ({ page, overview, consoleErrors }, testInfo) => {
  for (const viewport of [
    { name: 'laptop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await overview.open();
    await overview.loaded();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`overview-${viewport.name}.png`), fullPage: true });

    await page.goto('/accounts/legacy-000417');
    await expect(page.getByTestId('account-summary')).toBeVisible(PAGE_LOAD);
    await expect(page.getByTestId('transaction-history')).toContainText('legacy', PAGE_LOAD);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`account-${viewport.name}.png`), fullPage: true });
  }
  expect(consoleErrors).toEqual([]);
});

test('an unknown account shows the not-found page', async ({ page }) => {
  await page.goto('/accounts/no-such-account');
  await expect(page.getByTestId('account-not-found')).toBeVisible();
});
