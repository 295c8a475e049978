import { expect, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

/* Finding and following in the debugger: breakpoints that land, history that helps, a view that survives reload. */

test.describe.configure({ timeout: 180_000 });
test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

test('Find lands on the first hit after the position; N says why it cannot move; bad conditions are named', async ({ page, consoleErrors }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 1);
  const breakpoints = page.getByTestId('breakpoint-bar');
  const condition = breakpoints.getByLabel('Breakpoint condition');
  await condition.fill('balance < 0');
  await condition.press('Enter');
  await debuggerPage.expectAt(4);
  await expect(breakpoints.getByTestId('hit-notice')).toHaveCount(0);
  await expect(page).toHaveURL(/bp=balance/);

  await page.locator('h1').click();
  await page.keyboard.press('n');
  await expect(breakpoints.getByTestId('hit-notice')).toHaveText('v4 is the only hit of balance < 0.');
  await debuggerPage.expectAt(4);

  // A syntax error is said before anything is sent; a field the stream never has is named with the ones it has.
  await condition.fill('balance <');
  await condition.press('Enter');
  await expect(breakpoints.getByTestId('breakpoint-error')).toContainText('Expected a value or field, found the end');
  await condition.fill('amount > 5000');
  await condition.press('Enter');
  const error = breakpoints.getByTestId('breakpoint-error');
  await expect(error).toContainText('No state or event of this stream has “amount”');
  await expect(error).toContainText('balance');
  await expect(error).toContainText('event.amount');
  // The event's own fields are there to break on.
  await condition.fill('event.type == "MoneyWithdrawn" && event.amount > 5000');
  await condition.press('Enter');
  await expect(breakpoints.getByTestId('hit-count')).toHaveText(/\d+ hits?/);
  // The refused condition's 400 is logged by the browser as a failed load; nothing else went wrong.
  expect(consoleErrors.filter((error) => !/status of 400/.test(error))).toEqual([]);
});

test('Back leaves the page after scrubbing; a jump is one entry Back returns from', async ({ page }) => {
  await page.goto('/');
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-cafe-aurora-merchant', 100);
  await debuggerPage.expectAt(100);
  await page.locator('h1').click();
  for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
  await debuggerPage.expectAt(105);
  await page.getByTestId('transport').getByRole('button', { name: 'Back', exact: true }).click();
  await debuggerPage.expectAt(104);

  // A jump (Go) pushes: Back returns to where the scrubbing had got to.
  await page.getByLabel('Go to version or time (UTC)').fill('300');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await debuggerPage.expectAt(300);
  await page.goBack();
  await debuggerPage.expectAt(104);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test('breakpoint, zoom and filters are in the URL and survive reload; ?v= out of range and ?at= are understood', async ({ page, request }) => {
  const debuggerPage = new DebuggerPage(page);
  await page.goto('/debugger/account-cafe-aurora-merchant?v=500&bp=balance%20%3C%200&zoom=400-600&q=withdraw');
  await debuggerPage.expectAt(500);
  for (let pass = 0; pass < 2; pass += 1) {
    await expect(page.getByTestId('zoom-status')).toContainText('Zoomed to v');
    await expect(page.getByLabel('Search events (payload, ids, metadata)')).toHaveValue('withdraw');
    await expect(page.getByTestId('breakpoint-bar').getByLabel('Breakpoint condition')).toHaveValue('balance < 0');
    await expect(page.getByTestId('breakpoint-bar').getByTestId('hit-count')).toBeVisible();
    await expect(page).toHaveURL(/zoom=400-600/);
    await page.reload();
  }

  const head = ((await (await request.get('/api/streams/account-legacy-000417/events')).json()) as { events: unknown[] }).events.length;
  await page.goto('/debugger/account-legacy-000417?v=999999');
  await debuggerPage.expectAt(head);
  await page.goto('/debugger/account-legacy-000417?v=abc');
  await debuggerPage.expectAt(head);

  // ?at= a moment: the version recorded at or before it.
  const opened = await request.post('/api/accounts', { data: { owner: 'At Time Ltd', currency: 'EUR' } });
  const { accountId } = (await opened.json()) as { accountId: string };
  await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: 100 } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  await request.post(`/api/accounts/${accountId}/deposit`, { data: { amount: 200 } });
  const { events } = (await (await request.get(`/api/streams/account-${accountId}/events`)).json()) as { events: Array<{ recordedAt: string }> };
  await page.goto(`/debugger/account-${accountId}?at=${encodeURIComponent(events[1]!.recordedAt)}`);
  await debuggerPage.expectAt(2);
  await expect(page).not.toHaveURL(/at=/);
});

test('compare any two versions: the state as a tree diff with money in the currency, and the events between', async ({ page }) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 6);
  const compare = page.getByTestId('compare-panel');
  await compare.getByLabel('Version A').fill('1');
  await compare.getByLabel('Version B').fill('4');
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/cmp=1-4/);
  const diff = compare.getByTestId('compare-diff');
  const balance = diff.getByRole('row', { name: /^balance/ });
  await expect(balance).toContainText('84.12');
  await expect(balance).toContainText(/[€£$]0\.00/);
  await expect(compare.getByTestId('compare-events').getByRole('button')).toHaveCount(3);
  await expect(compare.getByTestId('compare-result')).toContainText('3 events between');
  // The comparison is in the URL: a reload shows it again; an event between is a jump.
  await page.reload();
  await expect(compare.getByTestId('compare-diff')).toBeVisible();
  await compare.getByTestId('compare-events').getByRole('button', { name: /^v4 / }).click();
  await debuggerPage.expectAt(4);
  await compare.getByRole('button', { name: 'this vs previous' }).click();
  await expect(page).toHaveURL(/cmp=3-4/);
  await expect(compare.getByTestId('compare-events').getByRole('button')).toHaveCount(1);
});

test('a click at the right edge of the balance chart goes to the head', async ({ page, request }) => {
  const head = ((await (await request.get('/api/streams/account-legacy-000417/events')).json()) as { events: unknown[] }).events.length;
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417', 1);
  const chart = page.getByTestId('balance-chart');
  await expect(chart.locator('svg').first()).toBeVisible({ timeout: 20_000 });
  // The page's height changes with the position: measure the chart again before each click.
  const clickAt = async (x: (width: number) => number) => {
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.locator('div').first().boundingBox())!;
    await page.mouse.click(box.x + x(box.width), box.y + box.height / 2);
  };
  await clickAt((width) => width - 17);
  await debuggerPage.expectAt(head);
  await clickAt(() => 89);
  await debuggerPage.expectAt(0);
});

test('an unknown stream is a real 404', async ({ page }) => {
  const response = await page.goto('/debugger/account-no-such-thing');
  expect(response?.status()).toBe(404);
});
