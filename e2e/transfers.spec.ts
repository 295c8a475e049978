import type { APIRequestContext, Page } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures';
import { TransferPage } from './pages/transfer-page';

const suffix = () => Date.now().toString(36);

// The process manager moves the money after the 202: allow for a busy machine.
test.describe.configure({ timeout: 90_000 });
const SAGA = { timeout: 20_000 };

/** The account page, allowing for a slow first render on a busy machine. */
const visit = async (page: Page, accountId: string) => {
  await page.goto(`/accounts/${accountId}`);
  await expect(page.getByTestId('account-summary')).toBeVisible({ timeout: 20_000 });
};

/** Set-up through the API as the teller (Basic credentials, as scripts do); the browser is signed in as the teller too. */
const openAccount = async (request: APIRequestContext, owner: string, deposit = 0) => {
  const opened = await request.post('/api/accounts', { data: { owner, currency: 'EUR' } });
  expect(opened.status()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  if (deposit > 0) expect((await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: deposit, description: 'Opening deposit' } })).ok()).toBe(true);
  return accountId;
};

test('a transfer through the form completes, and both account pages show it', async ({ page, request, accountPage, consoleErrors }, testInfo) => {
  const payer = `Grace Hopper ${suffix()}`;
  const payee = `Alan Turing ${suffix()}`;
  const from = await openAccount(request, payer, 200_00);
  const to = await openAccount(request, payee);

  await visit(page, from);
  const transfers = new TransferPage(page);
  await transfers.send(to, '75.25', 'Dinner');
  await expect(transfers.status()).toHaveText('Completed', SAGA);
  await expect(transfers.steps()).toHaveCount(4);
  await expect(transfers.steps().nth(1)).toContainText(`€75.25 taken from ${payer}`);
  await expect(transfers.steps().nth(2)).toContainText(`€75.25 paid into ${payee}`);
  await expect(page.getByRole('link', { name: `${payee}'s account at version 2` })).toHaveAttribute('href', `/debugger/account-${to}?v=2`);
  await page.screenshot({ path: testInfo.outputPath('transfer-completed.png'), fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByRole('link', { name: payer, exact: true }).click();
  await expect(page.getByTestId('account-summary')).toBeVisible({ timeout: 20_000 });
  await expect(accountPage.balance()).toContainText('€124.75');
  await expect(accountPage.history()).toContainText(`Transfer to ${payee}: Dinner`);
  await visit(page, to);
  await expect(accountPage.balance()).toContainText('€75.25');
  await expect(accountPage.history()).toContainText(`Transfer from ${payer}: Dinner`);
  expect(consoleErrors).toEqual([]);
});

test('a transfer to a closed account is refunded, with the reason in plain words', async ({ page, request, accountPage, consoleErrors }, testInfo) => {
  const payer = `Hedy Lamarr ${suffix()}`;
  const shut = `Closed Ltd ${suffix()}`;
  const from = await openAccount(request, payer, 50_00);
  const closed = await openAccount(request, shut);
  expect((await request.post(`/api/accounts/${closed}/close`, { data: {} })).ok()).toBe(true);

  await visit(page, from);
  const transfers = new TransferPage(page);
  await transfers.send(closed, '20', 'Invoice 7');
  await expect(transfers.status()).toHaveText('Failed · refunded', SAGA);
  await expect(transfers.reason()).toContainText('The account is closed');
  await expect(transfers.steps()).toHaveCount(5);
  await expect(transfers.steps().nth(2)).toContainText(`${shut} could not be paid: the account is closed`);
  await expect(transfers.steps().nth(3)).toContainText(`€20.00 refunded to ${payer}`);
  await page.screenshot({ path: testInfo.outputPath('transfer-refunded.png'), fullPage: true });

  await visit(page, from);
  await expect(accountPage.balance()).toContainText('€50.00');
  await expect(accountPage.history()).toContainText('Refund of transfer to Closed Ltd');
  expect(consoleErrors).toEqual([]);
});
