import { SqliteEventStore } from '../lib/store/sqlite/sqlite-event-store';
import { accessibilityViolations, expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';

test('the audit page verifies the store, shows its fingerprint, filters the trail and exports what it shows', async ({ page, consoleErrors }, testInfo) => {
  test.slow(); // rehashes the whole seeded store on load, then walks filters, an export and the debugger
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.verdict()).toContainText('Every chain holds', { timeout: 20_000 });
  await expect(audit.fingerprintRoot()).toHaveText(/^[0-9a-f]{64}$/);
  await expect(audit.trail().getByRole('row').nth(1)).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('audit-page.png'), fullPage: true });

  // The books as of a moment before the seed: nothing yet.
  await page.getByLabel('As of (UTC)').fill('2000-01-01T00:00:00');
  await page.getByRole('button', { name: 'Show totals' }).click();
  await expect(page.getByTestId('totals-as-of')).toContainText('0 open and 0 closed accounts');

  await audit.filter('Event types', 'MoneyWithdrawn');
  await expect(page).toHaveURL(/[?&]type=MoneyWithdrawn\b/);
  const types = audit.trail().locator('tbody tr td:nth-child(4)');
  await expect(types.first()).toHaveText('MoneyWithdrawn');
  expect(new Set(await types.allInnerTexts())).toEqual(new Set(['MoneyWithdrawn']));

  const csvHref = await audit.exportLink('csv').getAttribute('href');
  expect(csvHref).toBe('/api/audit/events.csv?type=MoneyWithdrawn');
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="chronicle-audit-.+\.csv"$/);
  const lines = (await csv.text()).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^global_position,recorded_at,stream_id/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.split(',')[4] === 'MoneyWithdrawn')).toBe(true);

  // A row opens the debugger at that event.
  const first = audit.trail().locator('tbody tr').first().getByRole('link').first();
  const label = (await first.innerText()).trim();
  await first.click();
  const [streamId, version] = label.split(' v');
  await expect(page).toHaveURL(new RegExp(`/debugger/${streamId}\\?v=${version}$`));
  await expect(page.getByTestId('event-card')).toContainText('MoneyWithdrawn');
  expect(consoleErrors).toEqual([]);
});

test('an account page and its debugger show the chain as verified', async ({ page, consoleErrors }, testInfo) => {
  test.slow(); // two pages, each rehashing the stream on the server
  await page.goto('/accounts/legacy-000417');
  const badge = page.getByTestId('verification-badge');
  await expect(badge).toHaveAttribute('data-state', 'verified', { timeout: 15_000 });
  await expect(badge).toHaveText(/Chain verified/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('account-verified.png') });

  await page.goto('/debugger/account-legacy-000417?v=4');
  await expect(page.getByTestId('verification-badge')).toHaveAttribute('data-state', 'verified', { timeout: 15_000 });
  expect(consoleErrors).toEqual([]);
});

test('the debugger follows a correlation id to the other streams of a transfer and opens them at that moment', async ({ page, consoleErrors }, testInfo) => {
  test.slow(); // two debugger pages with their prefetching, plus writes from a second process
  // Another process writes a payment shaped like a transfer: one correlation id across three streams. It is
  // not in the transfer category, whose saga would try to carry out this hand-made request.
  const store = new SqliteEventStore({ filename: 'data/e2e.db' });
  const id = Date.now().toString(36);
  const correlation = { actor: 'customer:ada', correlationId: `payment-${id}`, causationId: null, commandId: null };
  const opened = (accountId: string) => ({
    type: 'AccountOpened',
    schemaVersion: 2,
    data: { accountId, holder: { name: 'Ada', kind: 'person' }, currency: 'EUR', overdraftLimit: 0, openedAt: new Date().toISOString() },
  });
  const money = (type: string, accountId: string, at: string) => ({
    type,
    schemaVersion: 2,
    data: { accountId, amount: 2_500, currency: 'EUR', description: `Transfer ${id}`, [at]: new Date().toISOString() },
  });
  try {
    await store.appendToStream(`account-from${id}`, [opened(`from${id}`), money('MoneyDeposited', `from${id}`, 'depositedAt')]);
    await store.appendToStream(`account-to${id}`, [opened(`to${id}`)]);
    const requested = await store.appendToStream(`payment-${id}`, [{ type: 'PaymentRequested', data: { amount: 2_500 }, metadata: correlation }]);
    const cause = (await store.readAll({ fromPosition: requested.lastGlobalPosition - 1, limit: 1 }))[0]!.eventId;
    await store.appendToStream(`account-from${id}`, [{ ...money('MoneyWithdrawn', `from${id}`, 'withdrawnAt'), metadata: { ...correlation, causationId: cause } }]);
    await store.appendToStream(`account-to${id}`, [{ ...money('MoneyDeposited', `to${id}`, 'depositedAt'), metadata: { ...correlation, causationId: cause } }]);
  } finally {
    await store.close();
  }

  await page.goto(`/debugger/account-from${id}?v=3`);
  const related = page.getByTestId('related-events');
  await expect(related).toContainText('3 events in 3 streams share correlation', { timeout: 15_000 });
  await expect(page.getByTestId('causation-link')).toHaveText(`PaymentRequested in payment-${id} v1`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('debugger-related.png'), fullPage: true });

  await related.getByRole('link', { name: `account-to${id} v2` }).click();
  await expect(page).toHaveURL(new RegExp(`/debugger/account-to${id}\\?v=2$`), { timeout: 15_000 });
  await expect(page.getByTestId('event-card')).toContainText('MoneyDeposited');
  await expect(page.getByTestId('related-events')).toContainText('3 events in 3 streams');
  expect(consoleErrors).toEqual([]);
});
