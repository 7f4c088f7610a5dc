import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import { MontageCard } from '../../app/_components/card/montage-card';
import type { MontageView } from '../../db/queries/montages';
import { Visitor } from './api-client';

/** m:ss of a time to the nearest second. */
const mss = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** The card's text for each track: its times line and its intervals' time cells, in order. */
function readCard(html: string): { times: string; spans: string[] }[] {
  return html
    .split('data-testid="card-track"')
    .slice(1)
    .map((track) => ({
      times: /data-testid="track-times">(.*?)<\/span>/s.exec(track)![1]!.replace(/<!-- -->/g, ''),
      spans: [...track.matchAll(/data-testid="card-interval"><td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<!-- -->/g, '')),
    }));
}

describe('the printable card (issue 32, item 8)', () => {
  it('says where each track starts and how long it lasts in words, and places each interval in its track as the player’s clock shows it', async () => {
    const visitor = new Visitor();
    const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    const montage = (await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage as MontageView;
    const card = readCard(renderToStaticMarkup(await MontageCard({ montage, shareUrl: null })));
    expect(card).toHaveLength(montage.entries.length);
    montage.entries.forEach((entry, k) => {
      const { times, spans } = card[k]!;
      // Not "3:51 · 4:40", which reads as a range: the words say which is which.
      expect(times).toBe(`starts ${mss(entry.startMs)} · lasts ${mss(entry.track.durationMs!)}`);
      // Each interval from where it starts to where it ends in the track: together they run 0:00 to the track's end.
      expect(spans).toEqual(entry.intervals.map((i) => `${mss(i.offsetMs)}–${mss(i.offsetMs + i.durationMs)}`));
      expect(spans[0]!.startsWith('0:00–')).toBe(true);
      expect(spans.at(-1)!.endsWith(`–${mss(entry.track.durationMs!)}`)).toBe(true);
    });
    // The file's first request also opens the database and runs the migrations: slow on a loaded machine.
  }, 90_000);
});
