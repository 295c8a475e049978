import { expect, type Page } from '@playwright/test';

/** /sign-in: the username/password form and, in demo mode, one-click demo users. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    await this.expectShown();
  }

  async expectShown() {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sign in to Chronicle' })).toBeVisible();
  }

  demoUsers() {
    return this.page.getByTestId('demo-users');
  }

  async signInAsDemoUser(name: string) {
    await this.demoUsers().getByRole('button', { name: `Sign in as ${name}` }).click();
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  error() {
    return this.page.getByTestId('sign-in-error');
  }
}
