import { accessibilityViolations, expect, fullPageScreenshot, test } from './fixtures';
import { DebuggerPage } from './pages/debugger-page';

test.describe.configure({ timeout: 180_000 });

test.beforeEach(async ({ page }) => {
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
});

test("the timeline marks each projection's checkpoint and the read barrier, and the account summary steps event by event with before and after", async ({ page, consoleErrors }, testInfo) => {
  const debuggerPage = new DebuggerPage(page);
  await debuggerPage.open('account-legacy-000417');
  await debuggerPage.expectAt(6);

  // The lane under the timeline: one marker per projection, each caught up with this quiet stream, and the barrier.
  const lane = page.getByTestId('projection-lane');
  await expect(lane.getByTestId('projection-marker')).toHaveCount(3);
  for (const name of ['account-summary', 'account-transactions', 'bank-totals']) {
    await expect(lane.locator(`[data-projection="${name}"]`)).toHaveAttribute('data-version', '6');
  }
  await expect(lane.locator('[data-projection="bank-totals"]')).toContainText(/log lag \d+ events/);
  await expect(lane.getByTestId('read-barrier')).toContainText('Read barrier at v6');
  expect(await accessibilityViolations(page)).toEqual([]);

  // From the lane to the summary document's stepper.
  await lane.locator('[data-projection="account-summary"]').getByRole('link', { name: 'step its document' }).click();
  await expect(page).toHaveURL(/\/debugger\/projections\/account-summary\/legacy-000417/);
  const stepper = page.getByTestId('projection-stepper');
  await expect(stepper.getByTestId('step-label')).toHaveText('step 1 of 6');
  await expect(stepper.getByTestId('step-type')).toHaveText('AccountOpened');
  await expect(stepper.getByTestId('diff-row').first().getByTestId('diff-before')).toHaveText('(no document)');
  await expect(stepper.getByTestId('apply-time')).toContainText(/µs|ms/);

  // → steps; at the import's withdrawal the balance goes from covered to −84.12, shown in the account's currency, its minor units in the title.
  await page.keyboard.press('ArrowRight');
  await expect(stepper.getByTestId('step-label')).toHaveText('step 2 of 6');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(stepper.getByTestId('step-label')).toHaveText('step 4 of 6');
  await expect(page).toHaveURL(/[?&]step=4\b/);
  await expect(stepper.getByTestId('step-type')).toHaveText('MoneyWithdrawn');
  const balance = stepper.locator('[data-testid="diff-row"][data-path="balance"]');
  await expect(balance.getByTestId('diff-after')).toHaveText('-€84.12');
  await expect(balance.getByTestId('diff-after').locator('[data-raw]')).toHaveAttribute('title', '-8412 minor units');
  await expect(balance.getByTestId('diff-before')).toHaveText(/^€[\d,]+\.\d{2}$/);
  expect(Number(await balance.getByTestId('diff-before').locator('[data-raw]').getAttribute('data-raw'))).toBeGreaterThanOrEqual(0);
  await expect(stepper.getByTestId('state-panel').locator('tr', { has: page.getByRole('button', { name: 'balance', exact: true }) })).toContainText('-€84.12');
  await page.keyboard.press('ArrowLeft');
  await expect(stepper.getByTestId('step-label')).toHaveText('step 3 of 6');

  // Blame on the document: every event that changed its balance, each a jump to its step.
  await stepper.getByTestId('state-panel').getByRole('button', { name: 'balance', exact: true }).click();
  const blame = page.getByTestId('document-blame');
  await expect(blame.getByTestId('document-blame-change').first()).toBeVisible();
  await expect(blame.getByTestId('document-blame-summary')).toContainText(/^-?€[\d,]+\.\d{2} after \d+ changes?/);
  await blame.getByTestId('document-blame-change').filter({ hasText: 'MoneyWithdrawn' }).first().getByRole('button').click();
  await expect(stepper.getByTestId('step-type')).toHaveText('MoneyWithdrawn');
  await fullPageScreenshot(page, testInfo.outputPath('projection-stepper.png'));

  // A reload keeps the step; the event links back to its place in the stream.
  await page.reload();
  await expect(stepper.getByTestId('step-type')).toHaveText('MoneyWithdrawn');
  expect(await accessibilityViolations(page)).toEqual([]);
  await stepper.getByTestId('step-event').getByRole('link').click();
  await expect(page).toHaveURL(/\/debugger\/account-legacy-000417\?v=\d+/);
  expect(consoleErrors).toEqual([]);
});

test.describe('as a customer', () => {
  test.use({ signedInAs: 'margaret-keller' });

  test("the bank's totals are not a customer's to step", async ({ page }) => {
    await page.goto('/debugger/projections/bank-totals/currency:EUR');
    await expect(page.getByText('Not yours to step through')).toBeVisible();
  });
});
