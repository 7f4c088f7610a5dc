import type { Locator, Page } from 'playwright-core';

/** Page object of /library: its filter form, table, selection and pages. */
export class LibraryPage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(search = '') {
    await this.page.goto(`${this.baseUrl}/library${search === '' ? '' : `?${search}`}`);
    await this.page.getByRole('heading', { name: 'Your library' }).first().waitFor();
  }

  get filterForm(): Locator {
    return this.page.getByRole('form', { name: 'Filter the library' });
  }

  /** The URL parameters now shown. */
  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  async titles(): Promise<string[]> {
    return this.page.getByTestId('library-track').locator('td:nth-child(2)').allTextContents();
  }

  async tempos(): Promise<string[]> {
    return this.page.getByTestId('library-track').getByTestId('tempo').allTextContents();
  }

  range(): Promise<string | null> {
    return this.page.getByTestId('library-range').first().textContent();
  }

  async select(title: string) {
    await this.page.getByRole('checkbox', { name: `Select ${title}`, exact: true }).check();
  }
}

/** Adds the visitor's files (metadata only) through the app's own API, from the browser, so its cookie is theirs. */
export async function addFilesFromBrowser(page: Page, files: { title: string; artist: string; bpm: number | null }[]) {
  for (let start = 0; start < files.length; start += 50) {
    const batch = files.slice(start, start + 50).map((f, i) => ({
      ...f,
      durationMs: 200_000 + start + i,
      analysisNote: f.bpm === null ? null : 'e2e',
      fileSha256: (start + i + 1).toString(16).padStart(64, 'e'),
    }));
    const status = await page.evaluate(async (tracks) => {
      const response = await fetch('/api/tracks/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tracks }) });
      return response.status;
    }, batch);
    if (status !== 201) throw new Error(`adding files answered ${status}`);
  }
}
