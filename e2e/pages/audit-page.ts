import { expect, type Page } from '@playwright/test';

/** /audit: store integrity, the fingerprint, filters, the trail and its exports. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByTestId('audit-page')).toBeVisible();
  }

  verdict() {
    return this.page.getByTestId('store-verdict');
  }

  fingerprintRoot() {
    return this.page.getByTestId('fingerprint-root');
  }

  trail() {
    return this.page.getByTestId('trail-table');
  }

  async filter(label: string, value: string) {
    await this.page.getByTestId('trail-filters').getByLabel(label, { exact: true }).fill(value);
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  exportLink(format: 'csv' | 'jsonl') {
    return this.page.getByTestId(`export-${format}`);
  }
}
