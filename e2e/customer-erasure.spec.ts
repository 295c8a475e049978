import { accessibilityViolations, expect, test } from './fixtures';

/*
 * Erasure by crypto-shredding, from the staff page: a teller erases a customer of the test's own
 * (never a seeded one, which other specs read), after which their account shows [erased] and the
 * money is all still there. An auditor sees no erase button, and the API refuses them.
 */

test('a teller erases a customer’s personal data on /users; their account then reads [erased]', async ({ page, request, consoleErrors }) => {
  const customerId = `erin-${Date.now().toString(36)}`;
  await page.goto('/users');
  const form = page.getByTestId('register-customer');
  await form.getByLabel('Username').fill(customerId);
  await form.getByLabel('Name', { exact: true }).fill('Erin Example');
  await form.getByLabel('First password').fill('a-long-enough-password');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByRole('status')).toContainText(`Registered ${customerId}`);

  const opened = await request.post('/api/accounts', { data: { owner: 'Erin Example', customerId, currency: 'EUR' } });
  expect(opened.status(), await opened.text()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  const deposited = await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: 42_00, description: 'Savings from Aunt Maud' } });
  expect(deposited.status(), await deposited.text()).toBe(200);

  await page.goto(`/accounts/${accountId}`);
  await expect(page.getByText('Savings from Aunt Maud').first()).toBeVisible();

  await page.goto('/users');
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: customerId });
  await expect(row).toContainText('Erin Example');
  await row.getByTestId(`erase-${customerId}`).click();
  const confirm = row.getByTestId(`erase-confirm-${customerId}`);
  await expect(confirm).toContainText('for good');
  const eraseForGood = confirm.getByRole('button', { name: 'Erase for good' });
  await expect(eraseForGood).toBeDisabled();
  await confirm.getByLabel(/Reason/).fill('Customer asked to be forgotten');
  expect(await accessibilityViolations(page)).toEqual([]);
  await eraseForGood.click();
  await expect(row).toContainText('Erased');
  await expect(row).toContainText('[erased]');
  await expect(row).not.toContainText('Erin Example');

  await page.goto(`/accounts/${accountId}`);
  await expect(page.getByText('[erased]').first()).toBeVisible();
  await expect(page.getByText('Savings from Aunt Maud')).toHaveCount(0);
  await expect(page.getByText('Erin Example')).toHaveCount(0);
  const summary = await request.get(`/api/accounts/${accountId}/summary`);
  expect(await summary.json()).toMatchObject({ owner: '[erased]', balance: 42_00 });

  const again = await request.post(`/api/customers/${customerId}/erasure`, { data: { reason: 'Again' } });
  expect(again.status()).toBe(409);
  expect(consoleErrors).toEqual([]);
});

test.describe('as the auditor', () => {
  test.use({ signedInAs: 'amir' });

  test('sees no erase button, and the API refuses them with 403', async ({ page, request }) => {
    await page.goto('/users');
    await expect(page.getByText('Users are managed by tellers')).toBeVisible();
    await expect(page.getByRole('button', { name: /Erase/ })).toHaveCount(0);
    const refused = await request.post('/api/customers/ada-lovelace/erasure', { data: { reason: 'Auditors may not' } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'read_only_role' } });
  });
});
