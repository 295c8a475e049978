import { expect, type Page } from '@playwright/test';

/** How long a page may take to load its data when the machine is busy (the test's own timeout is longer). */
export const PAGE_LOAD = { timeout: 45_000 };

/** `/`: bank totals, flows chart, accounts table, the open-account form. */
export class OverviewPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  }

  /**
   * Waits for the page's own word that it has loaded: the totals and the accounts table stop
   * being busy (their queries answered) and the table has rows. Up to the page's loading time on a
   * busy machine, not a fixed short wait: a 2-core machine running a benchmark beside the suite
   * answered the first query in more than 5 s.
   */
  async loaded() {
    await expect(this.page.locator('section[aria-labelledby="totals-heading"]')).toHaveAttribute('aria-busy', 'false', PAGE_LOAD);
    await expect(this.accounts().getByRole('table')).toHaveAttribute('aria-busy', 'false', PAGE_LOAD);
    await expect(this.accounts().getByRole('row').nth(1)).toBeVisible();
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  accounts() {
    return this.page.getByRole('region', { name: 'Accounts' });
  }

  accountRow(owner: string) {
    return this.accounts().getByRole('row').filter({ hasText: owner });
  }

  connection() {
    return this.page.getByTestId('connection-indicator');
  }

  /** Opens an account through the form and returns its id from the confirmation link. */
  async openAccount(owner: string, currency: string, overdraft = '') {
    const form = this.page.getByRole('region', { name: 'Open an account' });
    await form.getByLabel('Owner').fill(owner);
    await form.getByLabel('Currency').selectOption(currency);
    if (overdraft) await form.getByLabel(/Overdraft limit/).fill(overdraft);
    await form.getByRole('button', { name: 'Open account' }).click();
    const link = form.getByRole('link', { name: /View account/ });
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    return href!.split('/').at(-1)!;
  }
}
