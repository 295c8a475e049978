import { accessibilityViolations, expect, test } from './fixtures';
import { StreamsPage } from './pages/streams-page';

test('staff find a stream by size, category, holder and id, and open it in the debugger', async ({ page, consoleErrors }, testInfo) => {
  const streams = new StreamsPage(page);
  await streams.open();
  expect(await streams.rows.count()).toBeGreaterThan(20);

  await streams.sort.selectOption('size');
  await expect(page).toHaveURL(/sort=size/);
  await expect.poll(async () => {
    const counts = await streams.eventCounts();
    return counts.length > 1 && counts.every((count, index) => index === 0 || counts[index - 1]! >= count);
  }).toBe(true);
  const biggest = (await streams.eventCounts())[0]!;
  expect(biggest).toBeGreaterThan(100); // the seed's merchant stream

  await streams.category.selectOption('transfer');
  await expect(streams.rows.first()).toContainText('transfer-');
  await expect(streams.rows.filter({ hasNotText: 'transfer-' })).toHaveCount(0);

  await streams.category.selectOption('');
  await streams.search.fill('Ada Lovelace');
  await streams.search.press('Enter');
  await expect(page).toHaveURL(/q=Ada\+Lovelace/);
  await expect(streams.rows.first()).toContainText('Ada Lovelace');
  await expect(streams.rows.filter({ hasNotText: 'Ada Lovelace' })).toHaveCount(0);

  // The filters are in the URL: a reload shows the same list.
  await page.reload();
  await expect(streams.search).toHaveValue('Ada Lovelace');
  await expect(streams.rows.first()).toContainText('Ada Lovelace');

  const link = streams.rows.first().getByRole('link');
  const streamId = await link.innerText();
  for (const viewport of [
    { name: 'laptop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`streams-${viewport.name}.png`), fullPage: true });
  }
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/debugger/${streamId}`));
  expect(consoleErrors).toEqual([]);
});

test('more streams load a page at a time', async ({ page, request }) => {
  // The e2e seed holds fewer streams than a page: open enough accounts for a second one.
  for (let index = 0; index < 12; index += 1) {
    expect((await request.post('/api/accounts', { data: { owner: `Paging Tester ${index}`, currency: 'EUR' } })).status()).toBe(201);
  }
  const streams = new StreamsPage(page);
  await streams.open('?sort=id');
  await expect(streams.rows).toHaveCount(50);
  const firstPage = await streams.rows.locator('td:first-child').allInnerTexts();
  await page.getByRole('button', { name: 'Show more streams' }).click();
  await expect.poll(() => streams.rows.count()).toBeGreaterThan(50);
  const both = await streams.rows.locator('td:first-child').allInnerTexts();
  expect(both.slice(0, 50)).toEqual(firstPage);
  expect(new Set(both).size).toBe(both.length);
  expect([...both].sort()).toEqual(both);
  await expect(page.getByRole('button', { name: 'Show more streams' })).toHaveCount(0);
});

test.describe('as a customer', () => {
  test.use({ signedInAs: 'ada-lovelace' });
  test('the stream browser is refused in plain words, and its API answers 403', async ({ page, request }) => {
    await page.goto('/streams');
    await expect(page.getByTestId('forbidden-notice')).toContainText('for the bank’s staff');
    expect((await request.get('/api/streams')).status()).toBe(403);
  });
});
