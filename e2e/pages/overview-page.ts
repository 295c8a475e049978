import { expect, type Page } from '@playwright/test';

/** `/`: bank totals, flows chart, accounts table, the open-account form. */
export class OverviewPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
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
