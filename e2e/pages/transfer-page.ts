import { expect, type Page } from '@playwright/test';

/** "Send money" on an account page, and /transfers/{id} that follows a transfer. */
export class TransferPage {
  constructor(private readonly page: Page) {}

  async send(to: string, amount: string, reference?: string) {
    await this.page.getByRole('button', { name: 'New transfer' }).click();
    const form = this.page.getByTestId('transfer-form');
    await form.getByLabel('To account').fill(to);
    await form.getByLabel(/^Amount/).fill(amount);
    if (reference) await form.getByLabel(/Reference/).fill(reference);
    await form.getByRole('button', { name: 'Send transfer' }).click();
    await expect(this.page).toHaveURL(/\/transfers\/[A-Za-z0-9-]+$/);
    await expect(this.page.getByTestId('transfer-page')).toBeVisible();
    return this.page.url().split('/').at(-1)!;
  }

  status() {
    return this.page.getByTestId('transfer-status');
  }

  reason() {
    return this.page.getByTestId('transfer-reason');
  }

  steps() {
    return this.page.getByTestId('transfer-steps').locator(':scope > li[data-type]');
  }
}
