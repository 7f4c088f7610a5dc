import type { Locator, Page } from 'playwright-core';
import { eventually } from './pages';

/** Page objects for the visitor's own audio files: adding them, their tempos, tapping one. */
export class LocalFilesSection {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Your audio files' });
  }

  /** Adds files (paths on disk) and waits until every one is analysed, added or reported. */
  async addFiles(paths: string[], timeoutMs = 120_000) {
    await this.page.getByLabel('Add audio files').setInputFiles(paths);
    await this.page
      .getByText(new RegExp(`^Done: \\d+ of ${paths.length} added\\.$`))
      .waitFor({ timeout: timeoutMs });
  }

  /** What the page reported for each file just added: its detected tempo (BPM) or its failure. */
  /** Each file's result; `isQuestion` when the detected tempo is asked ("≈ 113 BPM? tap to check"), `bpm` then the asked value. */
  async results(): Promise<{ fileName: string; bpm: number | null; isQuestion: boolean; isAdded: boolean; text: string }[]> {
    const items = await this.page.getByTestId('file-result').all();
    return Promise.all(
      items.map(async (item) => {
        const text = (await item.textContent()) ?? '';
        const fileName = (await item.getByTestId('file-name').textContent()) ?? '';
        const tempo = item.getByTestId('detected-tempo');
        const tempoText = (await tempo.count()) > 0 ? await tempo.textContent() : null;
        const isQuestion = tempoText !== null && tempoText.startsWith('≈');
        const bpm = tempoText && /BPM/.test(tempoText) ? Number.parseFloat(tempoText.replace(/^≈\s*/, '')) : null;
        return { fileName, bpm, isQuestion, isAdded: text.startsWith('✓'), text };
      }),
    );
  }

  /** The analysis time of each file, from the page's `performance` measures. */
  analysisMeasures(): Promise<{ fileName: string; durationMs: number; confidence: number | null; bpm: number | null }[]> {
    return this.page.evaluate(() =>
      performance.getEntriesByName('montage:tempo-analysis').map((entry) => {
        const detail = (entry as PerformanceMeasure).detail as { fileName: string; confidence: number | null; bpm: number | null };
        return { fileName: detail.fileName, durationMs: entry.duration, confidence: detail.confidence, bpm: detail.bpm };
      }),
    );
  }

  clearMeasures() {
    return this.page.evaluate(() => performance.clearMeasures('montage:tempo-analysis'));
  }

  track(title: string): Locator {
    return this.page.getByTestId('local-track').filter({ has: this.page.getByRole('cell', { name: title, exact: true }) });
  }

  tempoOf(title: string): Promise<string | null> {
    return this.track(title).getByTestId('tempo').textContent();
  }

  async waitForTempo(title: string, pattern: RegExp) {
    await eventually(() => this.tempoOf(title)).toMatch(pattern);
  }
}

/** The tap-tempo panel of a track (montage page or the files table). */
export class TapTempoPanel {
  constructor(readonly page: Page, readonly title: string) {}

  get panel(): Locator {
    return this.page.getByRole('group', { name: `Tap tempo of ${this.title}` });
  }

  async open() {
    await this.page.getByRole('button', { name: `Tap tempo of ${this.title}` }).click();
    await this.panel.waitFor();
  }

  /** Taps `count` times, `intervalMs` apart, with the space bar on the Tap button. */
  async tapWithSpaceBar(count: number, intervalMs: number) {
    const button = this.panel.getByRole('button', { name: 'Tap', exact: true });
    await button.focus();
    for (let i = 0; i < count; i += 1) {
      await this.page.keyboard.press('Space');
      if (i < count - 1) await this.page.waitForTimeout(intervalMs);
    }
  }

  estimate(): Promise<string | null> {
    return this.panel.getByTestId('tap-estimate').textContent();
  }

  async save() {
    await this.panel.getByRole('button', { name: /^Save .*BPM$/ }).click();
    await this.panel.waitFor({ state: 'detached' });
  }
}
