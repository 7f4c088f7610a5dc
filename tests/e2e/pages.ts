import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Retries an observation for up to 10 s: the app answers over the network and re-renders. */
export function eventually<T>(observe: () => Promise<T>, timeoutMs = 10_000) {
  return expect.poll(observe, { timeout: timeoutMs, interval: 50 });
}

/** Page objects: what a user sees and does, in their words. */
export class HomePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/`);
  }

  async build(mode: 'Rocky circuit' | 'Run' | 'HIIT', lengthMin: number) {
    await this.page.getByRole('radio', { name: new RegExp(mode) }).check();
    await this.page.getByLabel('Length (minutes)').fill(String(lengthMin));
    await this.page.getByRole('button', { name: 'Build montage' }).click();
    await this.page.waitForURL(/\/m\/[0-9a-f-]{36}$/);
    return new MontagePage(this.page);
  }
}

export class MontagePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  trackTitles(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Tracks in order' }).getByRole('heading', { level: 3 }).allTextContents();
  }

  entry(title: string): Locator {
    return this.page.getByTestId('track-entry').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  intervalCount(title: string): Promise<number> {
    return this.entry(title).getByRole('listitem').count();
  }

  async rename(name: string) {
    await this.page.getByLabel('Montage name').fill(name);
    await this.page.getByRole('button', { name: 'Rename' }).click();
  }

  async moveUp(title: string) {
    const before = await this.trackTitles();
    await this.page.getByRole('button', { name: `Move ${title} up` }).click();
    await this.page.waitForFunction(
      (old) => Array.from(document.querySelectorAll('ol[aria-label="Tracks in order"] h3')).map((h) => h.textContent).join('|') !== old,
      before.join('|'),
    );
  }

  async splitFirstInterval(title: string) {
    await this.page.getByRole('button', { name: `Edit intervals of ${title}` }).click();
    const form = this.page.getByRole('form', { name: `Intervals of ${title}` });
    await form.getByRole('button', { name: 'Split interval 1 into work and rest' }).click();
    await form.getByRole('button', { name: 'Save intervals' }).click();
    await form.waitFor({ state: 'detached' });
  }

  async setTempo(title: string, bpm: number) {
    const entry = this.entry(title);
    await entry.getByLabel(`Set tempo of ${title} (BPM)`).fill(String(bpm));
    await entry.getByRole('button', { name: 'Save tempo' }).click();
    await eventually(() => this.entry(title).getByTestId('tempo').textContent()).toContain('set by you');
  }

  async createShareLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Create share link' }).click();
    const input = this.page.getByLabel('Share link');
    await input.waitFor();
    return input.inputValue();
  }

  async revokeShareLink() {
    await this.page.getByRole('button', { name: 'Revoke link' }).click();
    await this.page.getByRole('group', { name: 'Confirm revoking the link' }).getByRole('button', { name: 'Yes, revoke it' }).click();
    await this.page.getByRole('button', { name: 'Create share link' }).waitFor();
  }

  async startWorkout() {
    await this.page.getByRole('link', { name: 'Start workout' }).click();
    await this.page.waitForURL(/\/train$/);
    return new TrainPage(this.page);
  }
}

export class TrainPage {
  constructor(readonly page: Page) {}

  currentExercise(): Promise<string | null> {
    return this.page.getByTestId('current-exercise').textContent();
  }

  /** Time left in the current interval, in ms, as the countdown shows it. */
  async countdownMs(): Promise<number> {
    const text = (await this.page.getByTestId('countdown').textContent()) ?? '';
    const parts = text.split(':').map(Number);
    return parts.reduce((total, part) => total * 60 + part, 0) * 1000;
  }

  announcement(): Promise<string | null> {
    return this.page.getByTestId('announcement').textContent();
  }

  /** Hides or shows the tab as a browser does when the user switches away and back. */
  async setTabHidden(isHidden: boolean) {
    await this.page.evaluate((hidden) => {
      Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
      Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, isHidden);
  }

  async start() {
    await this.page.getByRole('button', { name: /^(Start|Resume)$/ }).click();
  }

  /** Waits until the page says it is kept on this device for use with no connection. */
  async waitUntilReadyOffline() {
    await this.page.getByTestId('offline-status').getByText(/^✓ Ready offline/).waitFor({ timeout: 30_000 });
  }

  async pause() {
    await this.page.getByRole('button', { name: 'Pause' }).click();
  }
}
