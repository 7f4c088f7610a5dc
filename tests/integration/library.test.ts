import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as libraryRoute from '../../app/api/library/route';
import * as removeRoute from '../../app/api/library/remove/route';
import * as filtersRoute from '../../app/api/library/filters/route';
import * as filterRoute from '../../app/api/library/filters/[id]/route';
import * as localRoute from '../../app/api/tracks/local/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import { getDb } from '../../db/client';
import { listSequencerPool } from '../../db/queries/library-tracks';
import { setLookupTempo } from '../../db/queries/tempo-lookups';
import { tracks } from '../../db/schema';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';
import { ownerOf } from '../../lib/server/request-owner';
import { Visitor } from './api-client';

let fileNumber = 0;
const sha = (n: number) => n.toString(16).padStart(64, '0');
/** A file of the visitor's: a fresh SHA-256 each time, so visitors never share a file by accident. */
const file = (title: string, artist: string, bpm: number | null, extra: Record<string, unknown> = {}) => {
  fileNumber += 1;
  return { title, artist, durationMs: 200_000 + fileNumber, bpm, analysisNote: bpm === null ? null : 'test detector', fileSha256: sha(fileNumber), ...extra };
};

/** GET /api/library with URL parameters, as the browser sends them. */
async function browse(visitor: Visitor, search: string) {
  const headers = new Headers(visitor.cookie ? { cookie: visitor.cookie } : {});
  const response = await libraryRoute.GET(new Request(`http://127.0.0.1:3000/api/library?${search}`, { headers }));
  return { status: response.status, body: (await response.json()) as any };
}

const titles = (body: any) => body.tracks.map((t: any) => t.title);

/** A visitor with five files: 90, 170, 175 and 120 BPM, and one of unknown tempo. */
async function visitorWithLibrary() {
  const visitor = new Visitor();
  const result = await visitor.call(localRoute.POST, 'POST', {
    body: {
      tracks: [
        file('Slow Burner', 'Alpha Band', 90),
        file('Steady Stride', 'Beta Crew', 170),
        file('Quick Feet', 'Alpha Band', 175),
        file('Mid Walk', 'Gamma', 120),
        file('Mystery', 'Gamma', null),
      ],
    },
  });
  expect(result.status).toBe(201);
  const ids = Object.fromEntries(result.body.tracks.map((t: any) => [t.title, t.id])) as Record<string, string>;
  return { visitor, ids };
}

describe('GET /api/library', () => {
  it('filters a tempo range counting half and double time, unless exact tempo is asked', async () => {
    const { visitor } = await visitorWithLibrary();
    const ranged = await browse(visitor, 'min=160&max=180&origin=local&sort=tempo');
    expect(ranged.status).toBe(200);
    // 90 BPM fits 180 steps/min at double time.
    expect(titles(ranged.body)).toEqual(['Slow Burner', 'Steady Stride', 'Quick Feet']);
    expect(ranged.body.total).toBe(3);
    const exact = await browse(visitor, 'min=160&max=180&origin=local&sort=tempo&exact=1');
    expect(titles(exact.body)).toEqual(['Steady Stride', 'Quick Feet']);
  });

  it('searches title and artist, filters unknown tempo and by source, sorts by tempo', async () => {
    const { visitor, ids } = await visitorWithLibrary();
    expect(titles((await browse(visitor, 'q=alpha%20BAND&sort=-tempo')).body)).toEqual(['Quick Feet', 'Slow Burner']);
    expect(titles((await browse(visitor, 'q=walk')).body)).toEqual(['Mid Walk']);
    // By artist, then title; with a search too.
    expect(titles((await browse(visitor, 'origin=local&sort=artist')).body)).toEqual(['Quick Feet', 'Slow Burner', 'Steady Stride', 'Mid Walk', 'Mystery']);
    expect(titles((await browse(visitor, 'q=amm&origin=local&sort=artist')).body)).toEqual(['Mid Walk', 'Mystery']);
    expect(titles((await browse(visitor, 'origin=local&source=analysis,unknown&sort=title')).body)).toEqual(['Mid Walk', 'Mystery', 'Quick Feet', 'Slow Burner', 'Steady Stride']);
    expect(titles((await browse(visitor, 'source=unknown&origin=local')).body)).toEqual(['Mystery']);
    // The owner's tap wins over the analysis and the row says so.
    expect((await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: ids['Mid Walk']! }, body: { bpm: 128, source: 'tap', previousBpm: 120 } })).status).toBe(200);
    const tapped = await browse(visitor, 'source=tap');
    expect(tapped.body.tracks.map((t: any) => [t.title, t.bpm, t.tempoSource])).toEqual([['Mid Walk', 128, 'tap']]);
    const analysed = await browse(visitor, 'source=analysis&sort=tempo');
    expect(titles(analysed.body)).toEqual(['Slow Burner', 'Steady Stride', 'Quick Feet']);
    expect(analysed.body.tracks[0]).toMatchObject({ tempoSource: 'analysis', tempoSourceNote: 'test detector', origin: 'local' });
    // Sorted by tempo, unknown last; the soundtrack is part of the library.
    const all = await browse(visitor, 'sort=tempo&pageSize=100');
    const bpms = all.body.tracks.map((t: any) => t.bpm);
    const known = bpms.filter((b: number | null) => b !== null);
    expect(known).toEqual([...known].sort((a: number, b: number) => a - b));
    expect(bpms.slice(known.length).every((b: number | null) => b === null)).toBe(true);
    expect(all.body.tracks.filter((t: any) => t.origin === 'catalog')).toHaveLength(10);
  });

  it('sorts by tempo descending as the exact reverse of ascending for known tempos, unknown tempos last, page after page', async () => {
    const visitor = new Visitor();
    // Ties on 150 and 90 BPM (the order among them is the id's, reversed), and two of unknown tempo.
    const files = [150, 90, 150, 200, null, 90, 150, 61, null, 175].map((bpm, i) => file(`Desc ${i}`, 'Order Test', bpm));
    expect((await visitor.call(localRoute.POST, 'POST', { body: { tracks: files } })).status).toBe(201);
    const pages = [1, 2, 3, 4].map((page) => browse(visitor, `origin=local&sort=-tempo&pageSize=3&page=${page}`));
    const seen = (await Promise.all(pages)).flatMap((p) => p.body.tracks.map((t: any) => ({ id: t.id as string, bpm: t.bpm as number | null })));
    const ascending = (await browse(visitor, 'origin=local&sort=tempo&pageSize=100')).body.tracks.map((t: any) => ({ id: t.id as string, bpm: t.bpm as number | null }));
    const known = ascending.filter((t: { bpm: number | null }) => t.bpm !== null);
    const unknown = ascending.filter((t: { bpm: number | null }) => t.bpm === null);
    expect(seen).toHaveLength(10);
    expect(seen).toEqual([...[...known].reverse(), ...[...unknown].reverse()]);
    expect(seen.map((t) => t.bpm)).toEqual([200, 175, 150, 150, 150, 90, 90, 61, null, null]);
    // Among equal tempos, by id, largest first (the same rule whichever page a tie falls on).
    const ties = seen.filter((t) => t.bpm === 150).map((t) => t.id);
    expect(ties).toEqual([...ties].sort().reverse());
  });

  it('sorts a tempo range with its half and double time by tempo, both ways, page after page, as the filter defines it', async () => {
    const visitor = new Visitor();
    // Tempos below, between and above the ranges 60–70, 120–140 and 240–280 BPM, with ties on the edges.
    const bpms = [50, 60, 65, 70, 71, 100, 119, 120, 120, 130, 140, 141, 200, 240, 260, 280, 281, null, 65, 130];
    const files = bpms.map((bpm, i) => file(`Range ${i}`, 'Range Test', bpm));
    expect((await visitor.call(localRoute.POST, 'POST', { body: { tracks: files } })).status).toBe(201);
    const everything = (await browse(visitor, 'origin=local&sort=tempo&pageSize=100')).body.tracks.map((t: any) => ({ id: t.id as string, bpm: t.bpm as number | null }));
    const inRange = everything.filter(({ bpm }: { bpm: number | null }) => bpm !== null && [[60, 70], [120, 140], [240, 280]].some(([min, max]) => bpm >= min! && bpm <= max!));
    expect(inRange.map((t: { bpm: number }) => t.bpm)).toEqual([60, 65, 65, 70, 120, 120, 130, 130, 140, 240, 260, 280]);
    for (const [sort, expected] of [['tempo', inRange], ['-tempo', [...inRange].reverse()]] as const) {
      const pages = await Promise.all([1, 2, 3, 4, 5].map((page) => browse(visitor, `origin=local&min=120&max=140&sort=${sort}&pageSize=3&page=${page}`)));
      expect(pages.flatMap((p) => p.body.tracks.map((t: any) => ({ id: t.id, bpm: t.bpm })))).toEqual(expected);
      expect(pages[0]!.body.total).toBe(12);
    }
  });

  it('finds one or two characters at the start of a title or artist (case ignored), three or more anywhere', async () => {
    const visitor = new Visitor();
    const files = [file('Moonlight Run', 'Zed', 100), file('Hammond Mode', 'Zed', 110), file('Night Run', 'Motörhead', 120), file('a_b Song', 'Zed', 130), file('ab Song', 'Zed', 140)];
    expect((await visitor.call(localRoute.POST, 'POST', { body: { tracks: files } })).status).toBe(201);
    const found = async (q: string) => titles((await browse(visitor, `origin=local&sort=title&q=${encodeURIComponent(q)}`)).body);
    expect(await found('mo')).toEqual(['Moonlight Run', 'Night Run']);
    expect(await found('MO')).toEqual(['Moonlight Run', 'Night Run']);
    expect(await found(' m ')).toEqual(['Moonlight Run', 'Night Run']);
    expect(await found('h')).toEqual(['Hammond Mode']);
    // `_` and `%` are characters like any other, not wildcards.
    expect(await found('a_')).toEqual(['a_b Song']);
    expect(await found('%')).toEqual([]);
    // Three characters: anywhere in the title or artist.
    expect(await found('mod')).toEqual(['Hammond Mode']);
    expect(await found('run')).toEqual(['Moonlight Run', 'Night Run']);
    const counted = await browse(visitor, 'origin=local&q=mo');
    expect([counted.body.total, counted.body.isTotalExact]).toEqual([2, true]);
  });

  it('pages through matches with the count of all of them', async () => {
    const { visitor } = await visitorWithLibrary();
    const first = await browse(visitor, 'origin=local&sort=tempo&pageSize=2');
    const second = await browse(visitor, 'origin=local&sort=tempo&pageSize=2&page=2');
    const third = await browse(visitor, 'origin=local&sort=tempo&pageSize=2&page=3');
    expect([first.body.total, first.body.pageCount]).toEqual([5, 3]);
    expect([...titles(first.body), ...titles(second.body), ...titles(third.body)]).toEqual(['Slow Burner', 'Mid Walk', 'Steady Stride', 'Quick Feet', 'Mystery']);
  });

  it('shows a visitor only their own tracks and the soundtrack', async () => {
    await visitorWithLibrary();
    const stranger = await browse(new Visitor(), 'pageSize=100');
    expect(stranger.status).toBe(200);
    expect(stranger.body.tracks.every((t: any) => t.origin === 'catalog')).toBe(true);
    expect(stranger.body.total).toBe(10);
  });

  it('refuses a bad filter with 422 naming the field, and bounds the page size', async () => {
    const visitor = new Visitor();
    const cases: [string, string][] = [
      ['min=fast', 'min'],
      ['max=400', 'max'],
      ['min=180&max=160', 'max'],
      ['pageSize=1000', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['page=-1', 'page'],
      ['sort=loudness', 'sort'],
      ['source=guess', 'source'],
      ['origin=radio', 'origin'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['colour=red', 'query'],
    ];
    for (const [search, field] of cases) {
      const result = await browse(visitor, search);
      expect(result.status, search).toBe(422);
      expect(result.body.error.problems.map((p: any) => p.field), search).toContain(field);
    }
  });
});

describe('the resolved tempo kept on each track', () => {
  it('follows every change of its tempos, as the trust order says', async () => {
    const { visitor, ids } = await visitorWithLibrary();
    const db = await getDb();
    const id = ids['Mystery']!;
    const tempoOf = async () => (await browse(visitor, 'q=Mystery')).body.tracks[0];
    expect(await tempoOf()).toMatchObject({ bpm: null, tempoSource: null });
    await setLookupTempo(db, { trackIds: [id], bpm: 101, note: 'Deezer track 1, bpm by ISRC' });
    expect(await tempoOf()).toMatchObject({ bpm: 101, tempoSource: 'lookup', tempoSourceNote: 'Deezer track 1, bpm by ISRC' });
    // A file's analysis beats a public lookup; the owner's own value beats both.
    await visitor.call(localRoute.POST, 'POST', { body: { tracks: [{ ...file('Mystery', 'Gamma', 150), fileSha256: (await db.select().from(tracks).where(eq(tracks.id, id)))[0]!.fileSha256 }] } });
    expect(await tempoOf()).toMatchObject({ bpm: 150, tempoSource: 'analysis' });
    await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: id }, body: { bpm: 152, source: 'manual', previousBpm: 150 } });
    expect(await tempoOf()).toMatchObject({ bpm: 152, tempoSource: 'manual' });
    // The analysis gone (the file re-added with no beat found): the owner's value stays.
    await visitor.call(localRoute.POST, 'POST', { body: { tracks: [{ ...file('Mystery', 'Gamma', null), fileSha256: (await db.select().from(tracks).where(eq(tracks.id, id)))[0]!.fileSha256 }] } });
    expect(await tempoOf()).toMatchObject({ bpm: 152, tempoSource: 'manual' });
  });

  it('gives an owner’s tap on a soundtrack track to that owner only', async () => {
    const tapper = new Visitor();
    const other = new Visitor();
    await other.call(localRoute.POST, 'POST', { body: { tracks: [file('Other', 'Other', 100)] } });
    const trackId = catalogTrackId(3); // Double or Nothing: no published tempo
    await tapper.call(localRoute.POST, 'POST', { body: { tracks: [file('Mine', 'Me', 100)] } });
    expect((await tapper.call(tempoRoute.PUT, 'PUT', { params: { trackId }, body: { bpm: 99, source: 'tap', previousBpm: null } })).status).toBe(200);
    const row = async (visitor: Visitor) => (await browse(visitor, 'q=Double%20or%20Nothing')).body.tracks[0];
    expect(await row(tapper)).toMatchObject({ bpm: 99, tempoSource: 'tap' });
    expect(await row(other)).toMatchObject({ bpm: null, tempoSource: null });
  });
});

describe('POST /api/library/remove', () => {
  it('removes the visitor’s files in one go, keeps one a montage plays, and touches nothing of anyone else', async () => {
    const { visitor, ids } = await visitorWithLibrary();
    const { visitor: other, ids: othersIds } = await visitorWithLibrary();
    // A montage drawn from one picked file plays it.
    const built = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 45, cadenceSpm: 170, trackIds: [ids['Steady Stride']] } });
    expect(built.status).toBe(201);
    const result = await visitor.call(removeRoute.POST, 'POST', {
      body: { trackIds: [ids['Slow Burner'], ids['Steady Stride'], ids['Mystery'], othersIds['Quick Feet'], catalogTrackId(1)] },
    });
    expect(result.status).toBe(200);
    expect(result.body.removed.sort()).toEqual([ids['Slow Burner'], ids['Mystery']].sort());
    expect(result.body.inUse).toEqual([{ trackId: ids['Steady Stride'], title: 'Steady Stride', ownMontageNames: [expect.any(String)], othersMontages: 0 }]);
    expect(result.body.notFound.sort()).toEqual([othersIds['Quick Feet'], catalogTrackId(1)].sort());
    expect(titles((await browse(visitor, 'origin=local')).body)).toEqual(['Mid Walk', 'Quick Feet', 'Steady Stride']);
    expect((await browse(other, 'origin=local')).body.total).toBe(5);
  });

  it('refuses an empty or oversized list naming the field', async () => {
    const visitor = new Visitor();
    for (const [body, field] of [
      [{ trackIds: [] }, 'trackIds'],
      [{ trackIds: Array.from({ length: 101 }, (_, i) => `local-${i}`) }, 'trackIds'],
      [{ ids: ['x'] }, 'body'],
    ] as const) {
      const result = await visitor.call(removeRoute.POST, 'POST', { body });
      expect(result.status).toBe(422);
      expect(result.body.error.problems.map((p: any) => p.field)).toContain(field);
    }
  });
});

describe('building from a part of the library', () => {
  async function entriesOf(visitor: Visitor, montageId: string) {
    const { body } = await visitor.call(montageRoute.GET, 'GET', { params: { id: montageId } });
    return body.montage.entries.map((e: any) => e.track) as { id: string; origin: string; isAnchor?: boolean; bpm: number | null }[];
  }

  it('draws from a saved filter: its tracks and the soundtrack’s anchors, nothing else', async () => {
    const { visitor, ids } = await visitorWithLibrary();
    const saved = await visitor.call(filtersRoute.POST, 'POST', {
      body: { kind: 'filter', name: 'Cadence 160–180', criteria: { minTempo: 160, maxTempo: 180, origins: ['local'] } },
    });
    expect(saved.status).toBe(201);
    // With all of the soundtrack (a Run's default places it only where it fits: tests/integration/run-cadence.test.ts).
    const built = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 60, cadenceSpm: 170, soundtrack: 'all', filterId: saved.body.filter.id } });
    expect(built.status).toBe(201);
    const entries = await entriesOf(visitor, built.body.id);
    const local = entries.filter((t) => t.origin !== 'catalog').map((t) => t.id);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((id) => [ids['Slow Burner'], ids['Steady Stride'], ids['Quick Feet']].includes(id))).toBe(true);
    expect(entries.filter((t) => t.origin === 'catalog').length).toBeGreaterThan(0);

    const listed = await visitor.call(filtersRoute.GET, 'GET');
    expect(listed.body.filters.map((f: any) => f.name)).toEqual(['Cadence 160–180']);
    // The same name twice is a conflict; someone else's filter is not found, for building and deleting.
    expect((await visitor.call(filtersRoute.POST, 'POST', { body: { kind: 'filter', name: 'Cadence 160–180', criteria: {} } })).status).toBe(409);
    const stranger = new Visitor();
    expect((await stranger.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 30 } })).status).toBe(201);
    expect((await stranger.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 30, filterId: saved.body.filter.id } })).status).toBe(404);
    const foreign = await stranger.call(filterRoute.DELETE, 'DELETE', { params: { id: saved.body.filter.id } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('Saved filter not found');
    expect((await visitor.call(filterRoute.DELETE, 'DELETE', { params: { id: saved.body.filter.id } })).status).toBe(200);
    expect((await visitor.call(filtersRoute.GET, 'GET')).body.filters).toEqual([]);
  });

  it('draws from a hand-picked set, saved or sent along', async () => {
    const { visitor, ids } = await visitorWithLibrary();
    const picked = [ids['Mid Walk']!, ids['Quick Feet']!];
    const set = await visitor.call(filtersRoute.POST, 'POST', { body: { kind: 'tracks', name: 'Two picks', trackIds: picked } });
    expect(set.status).toBe(201);
    for (const from of [{ filterId: set.body.filter.id }, { trackIds: picked }]) {
      const built = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 45, ...from } });
      expect(built.status).toBe(201);
      const own = (await entriesOf(visitor, built.body.id)).filter((t) => t.origin !== 'catalog').map((t) => t.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((id) => picked.includes(id))).toBe(true);
    }
    // The pool itself: the picks and every timed anchor, never another file.
    const db = await getDb();
    const ownerId = await ownerOf(db, new Request('http://127.0.0.1/', { headers: { cookie: visitor.cookie! } }));
    const pool = await listSequencerPool(db, { ownerId, scope: { kind: 'tracks', trackIds: picked } });
    expect(pool.filter((t) => !t.isAnchor).map((t) => t.id).sort()).toEqual([...picked].sort());
    expect(pool.filter((t) => t.isAnchor)).toHaveLength(9);
  });

  it('refuses a set with a track that is not the visitor’s, and a build naming both a filter and tracks', async () => {
    const { visitor } = await visitorWithLibrary();
    const { ids: othersIds } = await visitorWithLibrary();
    const set = await visitor.call(filtersRoute.POST, 'POST', { body: { kind: 'tracks', name: 'Stolen', trackIds: [catalogTrackId(1), othersIds['Mystery']] } });
    expect(set.status).toBe(422);
    expect(set.body.error.problems.map((p: any) => p.field)).toEqual(['trackIds.1']);
    const both = await visitor.call(montagesRoute.POST, 'POST', {
      body: { mode: 'run', lengthMin: 30, filterId: '00000000-0000-4000-8000-000000000000', trackIds: [catalogTrackId(1)] },
    });
    expect(both.status).toBe(422);
    expect(both.body.error.problems.map((p: any) => p.field)).toContain('trackIds');
    const badFilter = await visitor.call(filtersRoute.POST, 'POST', { body: { kind: 'filter', name: 'Bad', criteria: { minTempo: 500 } } });
    expect(badFilter.status).toBe(422);
    expect(badFilter.body.error.problems.map((p: any) => p.field)).toContain('criteria.minTempo');
  });
});

describe('adding many files at once', () => {
  it('stores a batch with the same file twice as one track, ids in input order', async () => {
    const visitor = new Visitor();
    const twice = file('Twice', 'Me', 140);
    const result = await visitor.call(localRoute.POST, 'POST', { body: { tracks: [twice, file('Once', 'Me', 150), { ...twice, title: 'Twice, renamed', bpm: 141 }] } });
    expect(result.status).toBe(201);
    const [a, b, c] = result.body.tracks;
    expect(a.id).toBe(c.id);
    expect(b.id).not.toBe(a.id);
    expect(result.body.tracks.map((t: any) => [t.title, t.bpm])).toEqual([
      ['Twice, renamed', 141],
      ['Once', 150],
      ['Twice, renamed', 141],
    ]);
    expect((await browse(visitor, 'origin=local')).body.total).toBe(2);
  });
});
