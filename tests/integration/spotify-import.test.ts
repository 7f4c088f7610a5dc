import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateTracks, startFakeSpotify, type FakeSpotify } from '../fakes/spotify';
import { connect } from '../fakes/spotify/harness';
import type { LibraryTrack, SavedTracksPage } from '../../lib/spotify';

let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify();
});
afterEach(() => {
  fake.clearFaults();
});
afterAll(async () => {
  await fake.close();
});

async function importAll(pages: AsyncIterable<SavedTracksPage>): Promise<LibraryTrack[]> {
  const tracks: LibraryTrack[] = [];
  for await (const page of pages) tracks.push(...page.tracks);
  return tracks;
}

describe('importing liked songs', () => {
  it.each([
    [1_000, 20],
    [10_000, 200],
    [49, 1],
    [50, 1],
    [51, 2],
    [0, 1],
  ])('imports %i liked songs in %i page requests of at most 50', async (count, pages) => {
    const seeded = fake.seedUser({ library: count });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    const tracks = await importAll(adapter.importSavedTracks());
    const requests = fake.requests({ path: '/v1/me/tracks' });
    expect(requests).toHaveLength(pages);
    expect(requests).toHaveLength(Math.max(1, Math.ceil(count / 50)));
    expect(requests.every((r) => r.query.limit === '50' && r.status === 200)).toBe(true);
    expect(requests.map((r) => Number(r.query.offset))).toEqual(Array.from({ length: pages }, (_, i) => i * 50));
    expect(fake.log).toHaveLength(pages);
    expect(tracks).toHaveLength(count);
    expect(new Set(tracks.map((t) => t.spotifyId)).size).toBe(count);
    expect(tracks.map((t) => t.spotifyId)).toEqual(seeded.user.library.map((s) => s.trackId));
    if (count > 0) {
      const first = tracks[0]!;
      expect(first.isrc).toMatch(/^ZZGEN\d{7}$/);
      expect(first.durationMs).toBeGreaterThan(0);
      expect(first.artists.length).toBeGreaterThan(0);
      expect(first.addedAt).toBe('2026-05-01T12:00:00Z');
    }
  });

  it('resumes an interrupted import from the stored offset without reading earlier pages again', async () => {
    const seeded = fake.seedUser({ library: 230 });
    const { adapter } = connect(fake, { user: seeded });
    const stored: { nextOffset: number | null; ids: string[] } = { nextOffset: 0, ids: [] };

    // First run: store each page, then the connection "drops" after the second page.
    fake.clearLog();
    let pagesSeen = 0;
    await expect(async () => {
      for await (const page of adapter.importSavedTracks({
        onPage: (p) => {
          stored.ids.push(...p.tracks.map((t) => t.spotifyId));
          stored.nextOffset = p.nextOffset;
        },
      })) {
        pagesSeen += 1;
        if (pagesSeen === 2) throw new Error('server restarted');
        void page;
      }
    }).rejects.toThrow('server restarted');
    expect(stored.nextOffset).toBe(100);

    fake.clearLog();
    for await (const page of adapter.importSavedTracks({ startOffset: stored.nextOffset ?? 0 })) {
      stored.ids.push(...page.tracks.map((t) => t.spotifyId));
      stored.nextOffset = page.nextOffset;
    }
    expect(fake.requests({ path: '/v1/me/tracks' }).map((r) => r.query.offset)).toEqual(['100', '150', '200']);
    expect(stored.nextOffset).toBeNull();
    expect(stored.ids).toEqual(seeded.user.library.map((s) => s.trackId));
  });

  it('re-syncs only what was liked since the last complete import', async () => {
    const seeded = fake.seedUser({ library: 120 });
    const { adapter } = connect(fake, { user: seeded });
    const first = await importAll(adapter.importSavedTracks());
    const newest = first[0]!.addedAt;

    const liked = generateTracks(3, 'liked-later');
    fake.likeTracks(seeded.user.id, liked, new Date('2026-06-01T08:00:00Z'));
    fake.clearLog();
    const fresh = await importAll(adapter.importSavedTracks({ since: newest }));
    expect(fresh.map((t) => t.spotifyId)).toEqual(liked.map((t) => t.id));
    expect(fake.requests({ path: '/v1/me/tracks' })).toHaveLength(1);
  });

  it('leaves out local files and unavailable entries but keeps paging by Spotify’s offsets', async () => {
    const seeded = fake.seedUser({ library: 60 });
    const { adapter } = connect(fake, { user: seeded });
    const page = await adapter.getSavedTracksPage({ offset: 40, limit: 50 });
    expect(page).toMatchObject({ offset: 40, limit: 50, total: 60, nextOffset: null, skipped: 0 });
    expect(page.tracks).toHaveLength(20);
  });

  it('refuses page sizes outside the reference’s 1..50 before sending anything', async () => {
    const seeded = fake.seedUser({ library: 5 });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    await expect(adapter.getSavedTracksPage({ offset: 0, limit: 51 })).rejects.toThrow(RangeError);
    await expect(adapter.getSavedTracksPage({ offset: -1 })).rejects.toThrow(RangeError);
    expect(fake.log).toHaveLength(0);
  });
});
