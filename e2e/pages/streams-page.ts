import { expect, type Locator, type Page } from '@playwright/test';

/** The /streams page: search, category, sort, and the table of streams. */
export class StreamsPage {
  readonly rows: Locator;
  readonly search: Locator;
  readonly category: Locator;
  readonly sort: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('stream-row');
    this.search = page.getByRole('searchbox', { name: 'Stream id or holder' });
    this.category = page.getByRole('combobox', { name: 'Category' });
    this.sort = page.getByRole('combobox', { name: 'Sort by' });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/streams${query}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Streams' })).toBeVisible();
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 });
  }

  /** The event counts of the rows shown, in order. */
  async eventCounts(): Promise<number[]> {
    return (await this.rows.locator('td:nth-child(3)').allInnerTexts()).map((text) => Number(text.replaceAll(',', '')));
  }
}
