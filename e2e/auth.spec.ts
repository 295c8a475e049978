import type { APIRequestContext } from '@playwright/test';
import { accessibilityViolations, basicAuth, DEMO_PASSWORD, expect, test as base } from './fixtures';
import { AccountPage } from './pages/account-page';
import { OverviewPage } from './pages/overview-page';
import { SignInPage } from './pages/sign-in-page';

/* Sign-in and roles in the browser. Each test starts signed out; `teller` is an API client to look things up and check what was written. */

const test = base.extend<{ teller: APIRequestContext }>({
  teller: async ({ playwright, baseURL }, use) => {
    const teller = await playwright.request.newContext({ baseURL, extraHTTPHeaders: basicAuth('ann') });
    await use(teller);
    await teller.dispose();
  },
});
test.use({ signedInAs: null });
// Sign-ins hash passwords on a shared two-core machine.
test.slow();

type Account = { accountId: string; owner: string; version: number };
type Teller = APIRequestContext;

const accountsOf = async (teller: Teller, owner: string): Promise<Account[]> =>
  ((await (await teller.get(`/api/accounts?owner=${encodeURIComponent(owner)}&status=open`)).json()) as { items: Account[] }).items;

const streamLength = async (teller: Teller, accountId: string): Promise<number> =>
  ((await (await teller.get(`/api/streams/account-${accountId}/events?limit=1000`)).json()) as { events: unknown[] }).events.length;

test.describe('signed out', () => {
  test('a visitor is sent to sign in, sees the demo users, and comes back where they were going', async ({ page, consoleErrors }, testInfo) => {
    await page.goto('/accounts/legacy-000417');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccounts%2Flegacy-000417$/);
    const signIn = new SignInPage(page);
    await signIn.expectShown();
    await expect(signIn.demoUsers()).toContainText('chronicle-demo');
    await expect(signIn.demoUsers().getByRole('button', { name: /^Sign in as / })).toHaveCount(17);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('sign-in.png'), fullPage: true });

    await signIn.signInAsDemoUser('Ann Hughes');
    await expect(page).toHaveURL(/\/accounts\/legacy-000417$/);
    await expect(page.getByTestId('session-badge')).toContainText('Ann Hughes');
    await expect(page.getByTestId('session-badge')).toContainText('Teller');
    expect(consoleErrors).toEqual([]);
  });

  test('the API answers 401 to anonymous callers and 403 to a cross-site POST riding on the cookie', async ({ playwright, baseURL, page }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get('/api/accounts')).status()).toBe(401);
    expect((await anonymous.post('/api/accounts', { data: { owner: 'Nobody', currency: 'EUR' } })).status()).toBe(401);
    await anonymous.dispose();

    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signInAsDemoUser('Ann Hughes');
    await expect(page.getByTestId('session-badge')).toBeVisible();
    const cookieRequest = page.context().request;
    const crossSite = await cookieRequest.post('/api/accounts', { data: { owner: 'CSRF Victim', currency: 'EUR' }, headers: { Origin: 'https://evil.example' } });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    const sameSite = await cookieRequest.post('/api/accounts', { data: { owner: 'CSRF Check', currency: 'EUR' }, headers: { Origin: new URL(baseURL!).origin } });
    expect(sameSite.status()).toBe(201);
    const opened = (await (await cookieRequest.get('/api/accounts?owner=CSRF%20Victim')).json()) as { items: unknown[] };
    expect(opened.items).toEqual([]);
  });

  test('failed sign-ins are limited: after five, a plain message says when to try again', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn('joan-clarke', 'not-the-password');
    await expect(signIn.error()).toHaveText('Wrong username or password.');
    // Four more wrong guesses from the same address, through the API: the same counter.
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await page.request.post('/api/session', { data: { username: 'joan-clarke', password: `guess-${attempt}` } });
      expect([401, 429]).toContain(response.status());
    }
    const limited = await page.request.post('/api/session', { data: { username: 'joan-clarke', password: DEMO_PASSWORD } });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused for now, in plain words.
    await signIn.signIn('joan-clarke', DEMO_PASSWORD);
    await expect(signIn.error()).toHaveText(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
  });
});

test.describe('a customer', () => {
  test('sees their own accounts, is refused someone else’s, and a forbidden action writes nothing', async ({ page, teller, consoleErrors }, testInfo) => {
    const [grace] = await accountsOf(teller, 'Grace Hamilton');
    const [ada] = await accountsOf(teller, 'Ada Lovelace');
    expect(grace && ada).toBeTruthy();
    const graceEvents = await streamLength(teller, grace!.accountId);

    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signInAsDemoUser('Ada Lovelace');
    const overview = new OverviewPage(page);
    await expect(overview.heading()).toHaveText('Overview');
    await expect(page.getByTestId('session-badge')).toContainText('Ada Lovelace');
    await expect(page.getByTestId('session-badge')).toContainText('Customer');
    await expect(overview.accountRow('Ada Lovelace').first()).toBeVisible();
    const owners = await overview.accounts().getByRole('row').allTextContents();
    expect(owners.slice(1).every((row) => row.includes('Ada Lovelace'))).toBe(true);
    await page.screenshot({ path: testInfo.outputPath('customer-overview.png'), fullPage: true });

    // Opening an account in someone else's name is refused in plain words.
    const openForm = page.getByRole('region', { name: 'Open an account' });
    await expect(openForm.getByLabel('Owner')).toHaveValue('Ada Lovelace');
    await openForm.getByLabel('Owner').fill('Grace Hamilton');
    await openForm.getByRole('button', { name: 'Open account' }).click();
    await expect(openForm.getByRole('alert')).toContainText('Customers can open accounts in their own name only');

    // Someone else's account page is not shown.
    await page.goto(`/accounts/${grace!.accountId}`);
    await expect(page.getByTestId('forbidden-notice')).toContainText('This account belongs to another customer.');
    await page.goto(`/debugger/account-${grace!.accountId}`);
    await expect(page.getByTestId('forbidden-notice')).toBeVisible();

    // Their own: deposit and withdraw, but interest is for the bank's staff.
    const account = new AccountPage(page);
    await account.open(ada!.accountId);
    await expect(page.getByRole('tab', { name: 'Deposit' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Interest' })).toHaveCount(0);

    // A deposit re-aimed at Grace's account on its way to the server (as a crafted request would be) is refused by the server action.
    await page.route(`**/accounts/${ada!.accountId}`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
      await route.continue({ postData: request.postDataBuffer()!.toString('latin1').replaceAll(ada!.accountId, grace!.accountId) });
    });
    await account.chooseAction('Deposit');
    await page.getByTestId('deposit-form').getByLabel('Amount').fill('10');
    await page.getByTestId('deposit-form').getByRole('button', { name: 'Deposit' }).click();
    await expect(account.actionError()).toContainText('This account belongs to another customer.', { timeout: 15_000 });
    await page.screenshot({ path: testInfo.outputPath('customer-forbidden-action.png'), fullPage: true });
    expect(await streamLength(teller, grace!.accountId)).toBe(graceEvents);
    expect(consoleErrors.filter((error) => !/status of 403/.test(error))).toEqual([]);
  });
});

test.describe('an auditor', () => {
  test('sees every account and event but has no command buttons, then signs out', async ({ page, consoleErrors }, testInfo) => {
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn('amir', DEMO_PASSWORD);
    const overview = new OverviewPage(page);
    await expect(overview.heading()).toHaveText('Overview', { timeout: 15_000 });
    await expect(page.getByTestId('session-badge')).toContainText('Auditor');
    await expect(overview.accountRow('Grace Hamilton').first()).toBeVisible();
    await expect(overview.accountRow('Ada Lovelace').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Open an account' })).toHaveCount(0);

    await new AccountPage(page).open('legacy-000417');
    await expect(page.getByTestId('read-only-note')).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Deposit|Withdraw|Apply interest|Close account)$/ })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('auditor-account.png'), fullPage: true });
    await page.goto('/debugger/account-legacy-000417');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('forbidden-notice')).toHaveCount(0);

    expect(consoleErrors).toEqual([]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await new SignInPage(page).expectShown();
    // Requests the debugger still had in flight when the session ended answer 401: the page being left logs them.
    consoleErrors.length = 0;
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
    expect(consoleErrors).toEqual([]);
  });
});

test('a server action posted from another origin is refused by Next, and nothing is written', async ({ page, teller }) => {
  const [ada] = await accountsOf(teller, 'Ada Lovelace');
  const before = await streamLength(teller, ada!.accountId);
  const signIn = new SignInPage(page);
  await signIn.open(`/accounts/${ada!.accountId}`);
  await signIn.signInAsDemoUser('Ann Hughes');
  const account = new AccountPage(page);
  await expect(page.getByTestId('account-summary')).toBeVisible();

  // The browser's own deposit, replayed as if another site had posted it.
  let status = 0;
  await page.route('**/accounts/**', async (route) => {
    const headers = route.request().headers();
    if (route.request().method() !== 'POST' || !headers['next-action']) return route.continue();
    const response = await route.fetch({ headers: { ...headers, origin: 'https://evil.example' } });
    status = response.status();
    await route.fulfill({ response });
  });
  await account.chooseAction('Deposit');
  await page.getByTestId('deposit-form').getByLabel('Amount').fill('10');
  await page.getByTestId('deposit-form').getByRole('button', { name: 'Deposit' }).click();
  await expect.poll(() => status).toBeGreaterThanOrEqual(400);
  expect(await streamLength(teller, ada!.accountId)).toBe(before);
});
