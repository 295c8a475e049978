import { expect, type Page } from '@playwright/test';
import { PAGE_LOAD } from './overview-page';

/** /accounts/{id}: summary, history and the action forms. */
export class AccountPage {
  constructor(private readonly page: Page) {}

  async open(accountId: string) {
    await this.page.goto(`/accounts/${accountId}`);
    await expect(this.page.getByTestId('account-summary')).toBeVisible(PAGE_LOAD);
  }

  balance() {
    return this.page.getByTestId('account-balance');
  }

  version() {
    return this.page.getByTestId('account-version');
  }

  history() {
    return this.page.getByTestId('transaction-history');
  }

  async chooseAction(name: 'Deposit' | 'Withdraw' | 'Interest' | 'Close') {
    await this.page.getByRole('tab', { name }).click();
  }

  private form(kind: 'deposit' | 'withdraw') {
    return this.page.getByTestId(`${kind}-form`);
  }

  async deposit(amount: string, description?: string) {
    await this.chooseAction('Deposit');
    await this.moneyAction('deposit', amount, description);
  }

  async withdraw(amount: string, description?: string) {
    await this.chooseAction('Withdraw');
    await this.moneyAction('withdraw', amount, description);
  }

  private async moneyAction(kind: 'deposit' | 'withdraw', amount: string, description?: string) {
    const form = this.form(kind);
    await form.getByLabel('Amount').fill(amount);
    if (description) await form.getByLabel(/Description/).fill(description);
    await form.getByRole('button', { name: kind === 'deposit' ? 'Deposit' : 'Withdraw' }).click();
  }

  actionError() {
    return this.page.getByTestId('action-error');
  }

  actionSuccess() {
    return this.page.getByTestId('action-success');
  }
}
