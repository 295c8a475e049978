import { expect, type Page } from '@playwright/test';

/** The time-travel debugger at /debugger/{streamId}. */
export class DebuggerPage {
  constructor(readonly page: Page) {}

  readonly root = () => this.page.getByTestId('debugger');
  readonly eventCard = () => this.page.getByTestId('event-card');
  readonly statePanel = () => this.page.getByTestId('state-panel');
  readonly command = () => this.page.getByTestId('command-detail');
  readonly eventList = () => this.page.getByTestId('event-list');
  readonly matchCount = () => this.page.getByTestId('match-count');
  readonly positionLabel = () => this.page.getByTestId('position-label');

  async open(streamId: string, version?: number) {
    await this.page.goto(`/debugger/${streamId}${version === undefined ? '' : `?v=${version}`}`);
    await expect(this.root()).toBeVisible();
  }

  /** Waits until the state shown is the one at `version`, and the URL says so. */
  async expectAt(version: number) {
    await expect(this.page).toHaveURL(new RegExp(`[?&]v=${version}\\b`));
    await expect(this.statePanel()).toHaveAttribute('data-version', String(version));
  }

  async balanceShown(): Promise<number> {
    // Money shows in the account's currency; the minor units are kept in data-raw.
    const value = this.statePanel().getByRole('row', { name: /^balance/ }).getByRole('cell').locator('span').first();
    return Number((await value.getAttribute('data-raw')) ?? (await value.textContent())?.trim());
  }

  async dragAcrossDensity(fromRatio: number, toRatio: number) {
    const box = (await this.page.getByTestId('density-strip').boundingBox())!;
    await this.page.mouse.move(box.x + box.width * fromRatio, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * toRatio, box.y + box.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }
}
