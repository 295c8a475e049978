import type { Page } from '@playwright/test';

export class HomePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
}
