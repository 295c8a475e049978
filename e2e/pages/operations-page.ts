import { expect, type Locator, type Page } from '@playwright/test';

/** The /operations page: outbox tiles, parked messages, notifications. */
export class OperationsPage {
  readonly notifications: Locator;
  readonly pending: Locator;
  readonly sent: Locator;
  readonly parked: Locator;

  constructor(readonly page: Page) {
    this.notifications = page.getByTestId('notification');
    this.pending = page.getByTestId('outbox-pending');
    this.sent = page.getByTestId('outbox-sent');
    this.parked = page.getByTestId('outbox-parked');
  }

  async open(): Promise<void> {
    await this.page.goto('/operations');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
    await expect(this.sent).toBeVisible({ timeout: 20_000 }); // the first answer waits for a freshly started, busy server
  }

  notificationFor(accountId: string): Locator {
    return this.notifications.filter({ hasText: accountId });
  }
}
