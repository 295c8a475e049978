import type { APIRequestContext } from '@playwright/test';
import { accessibilityViolations, basicAuth, expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';

/* The smaller things a new user tripped over: forms that refuse early, filters that read as typed, lists that stay current. */

test.describe.configure({ timeout: 120_000 });
const suffix = () => Date.now().toString(36);

const openAccount = async (request: APIRequestContext, data: Record<string, unknown>, deposit = 0) => {
  const opened = await request.post('/api/accounts', { data: { currency: 'EUR', ...data } });
  expect(opened.status(), await opened.text()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  if (deposit > 0) expect((await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: deposit } })).ok()).toBe(true);
  return accountId;
};

test('the transfer form refuses an unknown payee and an amount above what is available, before anything is sent', async ({ page, request }) => {
  const from = await openAccount(request, { owner: `Form Check ${suffix()}` }, 40_00);
  const before = await (await request.get(`/api/streams/account-${from}/events`)).json();
  await page.goto(`/accounts/${from}`);
  await page.getByRole('button', { name: 'New transfer' }).click();
  const form = page.getByTestId('transfer-form');
  await form.getByLabel('To account').fill(`nobody-${suffix()}`);
  await form.getByLabel(/^Amount/).fill('10');
  await form.getByRole('button', { name: 'Send transfer' }).click();
  await expect(form.getByText(/^No account nobody-\w+ exists: check the id$/)).toBeVisible();

  const to = await openAccount(request, { owner: `Payee ${suffix()}` });
  await form.getByLabel('To account').fill(to);
  await form.getByLabel(/^Amount/).fill('40.01');
  await form.getByRole('button', { name: 'Send transfer' }).click();
  await expect(form.getByText('That is more than the €40.00 available')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/accounts/${from}$`));
  expect(await accessibilityViolations(page)).toEqual([]);
  // Nothing was debited: the account has only its own two events.
  expect((await (await request.get(`/api/streams/account-${from}/events`)).json()).events).toHaveLength(before.events.length);
});

test('deposit and withdraw offer only the account’s currency', async ({ page, request, accountPage }) => {
  const accountId = await openAccount(request, { owner: `One Currency ${suffix()}`, currency: 'GBP' });
  await accountPage.open(accountId);
  for (const kind of ['Withdraw', 'Deposit'] as const) {
    await accountPage.chooseAction(kind);
    const form = page.getByTestId(`${kind.toLowerCase()}-form`);
    await expect(form.getByTestId('amount-currency')).toHaveText('GBP');
    await expect(form.getByRole('combobox')).toHaveCount(0);
  }
  await accountPage.deposit('12.50');
  await expect(accountPage.balance()).toContainText('£12.50');
});

test('audit filters read lower-case event types and a bare user name, and say how many events match', async ({ page }) => {
  const audit = new AuditPage(page);
  await audit.open();
  await audit.filter('Event types', 'moneywithdrawn');
  await expect(page.getByTestId('match-count')).toHaveText(/^[\d,]+ events match$/);
  await expect(audit.trail().getByRole('row').nth(1)).toContainText('MoneyWithdrawn');
  await audit.filter('Actor', 'ann');
  await expect(page.getByTestId('match-count')).toHaveText(/^[\d,]+ events? match(es)?, by teller:ann$/);
  await expect(audit.trail().getByRole('row').nth(1)).toContainText('teller:ann');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('sorted by balance, accounts are grouped by currency and the table says so', async ({ page }) => {
  await page.goto('/?sort=balance');
  await expect(page.getByTestId('sort-note')).toContainText('grouped by currency');
  const groups = page.getByTestId('currency-group');
  await expect(groups.first()).toBeVisible({ timeout: 45_000 });
  const currencies = await groups.allTextContents();
  expect(currencies.length).toBeGreaterThan(1);
  expect(new Set(currencies).size).toBe(currencies.length);
  expect([...currencies].sort()).toEqual(currencies);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test.describe('as the customer ada-lovelace', () => {
  test.use({ signedInAs: 'ada-lovelace' });

  test('her overview shows an account a teller opens for her, without a reload', async ({ page, playwright, baseURL }) => {
    await page.goto('/');
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await expect(accounts.getByRole('table')).toHaveAttribute('aria-busy', 'false', { timeout: 45_000 });
    // The live connection is up before the teller acts.
    await expect(page.getByTestId('connection-indicator')).toContainText(/live/i, { timeout: 30_000 });
    const teller = await playwright.request.newContext({ baseURL, extraHTTPHeaders: basicAuth('ann') });
    try {
      const accountId = await openAccount(teller, { owner: 'Ada Lovelace', customerId: 'ada-lovelace', currency: 'CHF' });
      await expect(accounts.getByText(accountId.slice(0, 8))).toBeVisible({ timeout: 15_000 });
    } finally {
      await teller.dispose();
    }
  });
});
