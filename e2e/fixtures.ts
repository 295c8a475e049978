import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { AccountPage } from './pages/account-page';
import { OverviewPage } from './pages/overview-page';

type Fixtures = { overview: OverviewPage; accountPage: AccountPage; consoleErrors: string[] };

export const test = base.extend<Fixtures>({
  overview: async ({ page }, use) => use(new OverviewPage(page)),
  accountPage: async ({ page }, use) => use(new AccountPage(page)),
  /** Console errors and hydration warnings a page logged during the test. */
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /hydrat/i.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

/** axe-core's WCAG A/AA rules on the current page; returns the violations. */
export const accessibilityViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`);
};

export { expect };
