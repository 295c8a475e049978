import { test as base, expect } from '@playwright/test';
import { HomePage } from './pages/home-page';

export const test = base.extend<{ homePage: HomePage }>({
  homePage: async ({ page }, use) => use(new HomePage(page)),
});
export { expect };
