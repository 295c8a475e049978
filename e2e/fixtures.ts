import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { AccountPage } from './pages/account-page';
import { OverviewPage } from './pages/overview-page';

type Fixtures = { overview: OverviewPage; accountPage: AccountPage; consoleErrors: string[] };
/** The demo user the browser and `request` act as (`ann` the teller unless a file says otherwise); null for a visitor. */
type Options = { signedInAs: string | null };

export const DEMO_PASSWORD = 'chronicle-demo';

/** Signs a browser context in through the API; the session cookie is shared with its pages. */
export const signIn = async (request: APIRequestContext, username: string) => {
  const response = await request.post('/api/session', { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
};

export const basicAuth = (username: string) => ({ Authorization: `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}` });

export const test = base.extend<Fixtures & Options>({
  signedInAs: ['ann', { option: true }],
  context: async ({ context, signedInAs }, use) => {
    if (signedInAs) await signIn(context.request, signedInAs);
    await use(context);
  },
  /** An API client authenticating with Authorization: Basic, as scripts do. */
  request: async ({ playwright, baseURL, signedInAs }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: signedInAs ? basicAuth(signedInAs) : {} });
    await use(request);
    await request.dispose();
  },
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

/** A full-page screenshot taken from the top: scrolled, the sticky header would be drawn across the middle. */
export const fullPageScreenshot = async (page: Page, path: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
};

/** axe-core's WCAG A/AA rules on the current page; returns the violations. */
export const accessibilityViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`);
};

export { expect };
