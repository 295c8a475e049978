import { expect, test } from './fixtures';

test('the debugger finds the seeded negative-balance incident in one click and shows who did it', async ({ page, consoleErrors }, testInfo) => {
  await page.goto('/debugger/account-legacy-000417');
  await expect(page.getByTestId('debugger')).toBeVisible();
  const breakpoints = page.getByTestId('breakpoint-bar');
  await breakpoints.getByRole('button', { name: 'balance < 0', exact: true }).click();
  await expect(breakpoints.getByTestId('hit-count')).toHaveText('1 hit');
  await breakpoints.getByRole('button', { name: 'v4 MoneyWithdrawn' }).click();

  await expect(page).toHaveURL(/[?&]v=4\b/);
  const card = page.getByTestId('event-card');
  await expect(card).toContainText('MoneyWithdrawn');
  await expect(page.getByTestId('event-actor')).toHaveText('import:legacy-core');
  await expect(card).toContainText('CORE1/000417');
  await expect(page.getByTestId('state-panel')).toContainText('-8412');

  // Keyboard stepping moves the position and the URL; the back button walks back.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]v=5\b/);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]v=4\b/);
  await page.screenshot({ path: testInfo.outputPath('debugger-incident.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});
