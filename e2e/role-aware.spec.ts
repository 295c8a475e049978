import { expect, test } from './fixtures';

/* Each role sees in the header only the pages it can use, and pages show only what it may do. */

const HEADER: Record<string, { shown: string[]; hidden: string[] }> = {
  ann: { shown: ['Overview', 'Streams', 'Audit', 'Operations', 'Users', 'API'], hidden: [] },
  amir: { shown: ['Overview', 'Streams', 'Audit', 'Operations', 'API'], hidden: ['Users'] },
  'ada-lovelace': { shown: ['Overview', 'API'], hidden: ['Streams', 'Audit', 'Operations', 'Users'] },
};

for (const [username, { shown, hidden }] of Object.entries(HEADER)) {
  test.describe(`signed in as ${username}`, () => {
    test.use({ signedInAs: username });
    test('the header lists exactly the pages this role can use', async ({ page }) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(shown);
      for (const label of hidden) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    });
  });
}

test.describe('a customer', () => {
  test.use({ signedInAs: 'ada-lovelace' });
  test('sees her own totals, and one plain refusal on staff pages instead of a 403 in every panel', async ({ page, request, consoleErrors }) => {
    const own = (await (await request.get('/api/accounts?status=open&limit=100')).json()) as { items: Array<{ accountId: string; version: number }> };
    await page.goto('/');
    const totals = page.getByTestId('totals');
    await expect(totals).toHaveAttribute('data-scope', 'own');
    await expect(totals.getByRole('heading', { name: 'Your accounts' })).toBeVisible();
    await expect(totals.locator('dd').first()).toHaveText(String(own.items.length));
    // Her debugger's related events come from her own streams, without a 403.
    const account = own.items.find((item) => item.version > 1) ?? own.items[0]!;
    await page.goto(`/debugger/account-${account.accountId}?v=${account.version}`);
    await expect(page.getByTestId('related-events')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('related-events')).not.toContainText('could not be loaded');
    expect(consoleErrors).toEqual([]);
    for (const path of ['/audit', '/operations', '/streams']) {
      await page.goto(path);
      await expect(page.getByTestId('forbidden-notice')).toBeVisible();
    }
  });
});

test.describe('an auditor', () => {
  test.use({ signedInAs: 'amir' });
  test('is not offered a Send money form or account commands', async ({ page }) => {
    await page.goto('/accounts/legacy-000417');
    await expect(page.getByTestId('account-summary')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('transfer-card')).toHaveCount(0);
    await expect(page.getByRole('tab', { name: 'Deposit' })).toHaveCount(0);
  });
});

test('unknown account, stream and transfer pages answer 404', async ({ page }) => {
  for (const path of ['/accounts/no-such-account', '/debugger/account-no-such-account', '/transfers/no-such-transfer']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await expect(page.getByText(/not found|could not be found|does not exist/i).first()).toBeVisible();
});
