import type { Locator } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures';
import { OperationsPage } from './pages/operations-page';

const count = async (locator: Locator) => Number((await locator.innerText()).replaceAll(',', ''));

test('a large withdrawal through the API becomes one notification on the operations page', async ({ page, request, consoleErrors }, testInfo) => {
  test.setTimeout(90_000); // axe at two widths on a busy machine
  const opened = await request.post('/api/accounts', { data: { owner: 'Operations Tester', currency: 'EUR' } });
  expect(opened.status()).toBe(201);
  const { accountId } = (await opened.json()) as { accountId: string };
  expect((await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: 5_000_00 } })).status()).toBe(200);
  expect((await request.post(`/api/accounts/${accountId}/withdraw`, { data: { amount: 20_00 } })).status()).toBe(200);
  expect((await request.post(`/api/accounts/${accountId}/withdraw`, { data: { amount: 2_500_00 } })).status()).toBe(200);

  const operations = new OperationsPage(page);
  await operations.open();
  const notice = operations.notificationFor(accountId);
  await expect(notice).toHaveCount(1, { timeout: 15_000 });
  await expect(notice).toContainText('Large withdrawal');
  await expect(notice).toContainText('€2,500.00');
  await expect(notice.getByRole('link', { name: accountId })).toHaveAttribute('href', `/accounts/${accountId}`);

  // The relay has published the seed and these commands: nothing waits, nothing is parked.
  await expect(operations.pending).toHaveText('0', { timeout: 15_000 });
  expect(await count(operations.sent)).toBeGreaterThan(3);
  await expect(operations.parked).toHaveText('0');
  await expect(page.getByText('Relay running')).toBeVisible();
  await expect(page.getByText(/^None\. A message that fails to publish/)).toBeVisible();

  const api = await request.get('/api/notifications?limit=100');
  const { items } = (await api.json()) as { items: Array<{ accountId: string; kind: string; amount: number }> };
  expect(items.filter((item) => item.accountId === accountId)).toEqual([expect.objectContaining({ kind: 'large_withdrawal', amount: 2_500_00 })]);

  for (const viewport of [
    { name: 'laptop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`operations-${viewport.name}.png`), fullPage: true });
  }
  expect(consoleErrors).toEqual([]);
});

test('the outbox API answers status, parked messages and a clear error for a retry of nothing', async ({ request }) => {
  const status = await request.get('/api/outbox');
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({ pending: expect.any(Number), sent: expect.any(Number), parked: 0 });
  expect(await (await request.get('/api/outbox/parked')).json()).toEqual({ items: [] });
  const missing = await request.post('/api/outbox/parked/999999999/retry');
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: { code: 'outbox_message_not_found' } });
  const sentOne = await request.post('/api/outbox/parked/1/retry');
  expect(sentOne.status()).toBe(422);
  expect(await sentOne.json()).toMatchObject({ error: { code: 'outbox_message_not_parked' } });
});
