import { expect, test } from './fixtures';

test('the API page renders the reference without console errors', async ({ page, consoleErrors }) => {
  await page.goto('/developers');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Chronicle API');
  await expect(page.getByRole('heading', { name: 'API quick reference' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a client signed in as a teller opens an account, deposits, is refused an overdraft, and reads the stream', async ({ request }) => {
  const opened = await request.post('/api/accounts', { data: { owner: 'Playwright Tester', currency: 'EUR' } });
  expect(opened.status()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };

  const deposit = await request.post(`/api/accounts/${accountId}/deposit`, {
    data: { amount: 25_00 },
    headers: { 'Idempotency-Key': `e2e-${accountId}` },
  });
  expect(deposit.status()).toBe(200);
  expect(await deposit.json()).toMatchObject({ accountId, version: 2 });

  const refused = await request.post(`/api/accounts/${accountId}/withdraw`, { data: { amount: 99_00 } });
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ error: { code: 'insufficient_funds' } });

  const stream = await request.get(`/api/streams/account-${accountId}/events`);
  const { events } = (await stream.json()) as { events: Array<{ type: string; metadata: { actor: string } }> };
  expect(events.map((e) => e.type)).toEqual(['AccountOpened', 'MoneyDeposited']);
  expect(events[0]!.metadata.actor).toBe('teller:ann');
});
