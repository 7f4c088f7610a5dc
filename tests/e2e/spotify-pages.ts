import type { Page } from 'playwright-core';
import { eventually } from './pages';

/** The Spotify panel on the home page and the fake's authorize page, in a user's words. */
export class SpotifyPanel {
  constructor(readonly page: Page) {}

  /** Connect Spotify → the (fake) Spotify authorize page → Agree → back home, connected. */
  async connect() {
    await this.page.getByRole('button', { name: /^Connect Spotify/ }).click();
    await this.page.getByRole('button', { name: 'Agree' }).click();
    await this.page.getByText('Connected as').waitFor({ timeout: 20_000 });
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('button', { name: 'Connect Spotify' }).waitFor({ timeout: 20_000 });
  }

  /** Starts the import and samples the progress bar until it is done; returns the values seen. */
  async importLikedSongs(): Promise<number[]> {
    await this.page.getByRole('button', { name: /Import liked songs|Sync liked songs|Resume import/ }).click();
    const bar = this.page.getByRole('progressbar', { name: 'Liked songs imported' });
    const seen: number[] = [];
    await eventually(async () => {
      const value = Number(await bar.getAttribute('aria-valuenow'));
      if (seen.at(-1) !== value) seen.push(value);
      return this.page.getByTestId('import-status').textContent();
    }, 60_000).toMatch(/Library up to date/);
    return seen;
  }

  async saveToSpotify(): Promise<string> {
    const status = this.page.getByRole('region', { name: 'Save to Spotify' }).getByRole('status');
    const before = await status.textContent();
    await this.page.getByRole('button', { name: 'Save to Spotify' }).click();
    // Wait for the answer to this save, not the one still shown from the last.
    await eventually(async () => {
      const text = await status.textContent();
      return text === before ? '' : text;
    }, 30_000).toMatch(/Playlist (created|updated)/);
    return (await status.textContent()) ?? '';
  }
}
