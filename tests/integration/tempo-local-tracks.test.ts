import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as localRoute from '../../app/api/tracks/local/route';
import * as localTrackRoute from '../../app/api/tracks/local/[trackId]/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as copyRoute from '../../app/api/share/[token]/copy/route';
import * as removeRoute from '../../app/api/library/remove/route';
import { getDb } from '../../db/client';
import { getLibraryTracksByIds, listSequencerPool } from '../../db/queries/library-tracks';
import { listPoolTracks } from '../../db/queries/tracks';
import { tracks, trackTempos } from '../../db/schema';
import { catalogTrackId } from '../../lib/catalog/rocky-iv';
import { ownerOf } from '../../lib/server/request-owner';
import { Visitor } from './api-client';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const file = (n: number, extra: Record<string, unknown> = {}) => ({
  title: `Local ${n}`,
  artist: 'Me',
  durationMs: 240_000 + n,
  bpm: 170 + n,
  analysisNote: 'web-audio-beat-detector 8 (bass)',
  fileSha256: sha(n),
  ...extra,
});

async function poolOf(visitor: Visitor) {
  const db = await getDb();
  const ownerId = await ownerOf(db, new Request('http://127.0.0.1/', { headers: { cookie: visitor.cookie ?? '' } }));
  return listPoolTracks(db, ownerId);
}

const add = (visitor: Visitor, body: unknown) => visitor.call(localRoute.POST, 'POST', { body });

describe('POST /api/tracks/local', () => {
  it('stores metadata and the analysed tempo of each file as the owner’s own tracks', async () => {
    const visitor = new Visitor();
    const result = await add(visitor, { tracks: [file(1), file(2, { isrc: 'us-sm1-82-00434' }), file(3, { bpm: null, analysisNote: null })] });
    expect(result.status).toBe(201);
    expect(visitor.cookie).toMatch(/^montage_owner=/);
    expect(result.body.tracks).toEqual([
      { id: expect.stringMatching(/^local-/), title: 'Local 1', artist: 'Me', durationMs: 240_001, bpm: 171, tempoSource: 'analysis', tempoQuestionBpm: null },
      { id: expect.stringMatching(/^local-/), title: 'Local 2', artist: 'Me', durationMs: 240_002, bpm: 172, tempoSource: 'analysis', tempoQuestionBpm: null },
      { id: expect.stringMatching(/^local-/), title: 'Local 3', artist: 'Me', durationMs: 240_003, bpm: null, tempoSource: null, tempoQuestionBpm: null },
    ]);
    const local = (await poolOf(visitor)).filter((t) => t.origin === 'local');
    expect(local.map((t) => [t.title, t.bpm, t.tempoSource, t.tempoSourceNote])).toEqual([
      ['Local 1', 171, 'analysis', 'web-audio-beat-detector 8 (bass)'],
      ['Local 2', 172, 'analysis', 'web-audio-beat-detector 8 (bass)'],
      ['Local 3', null, null, null],
    ]);
    const db = await getDb();
    const [stored] = await db.select().from(tracks).where(eq(tracks.id, result.body.tracks[1].id));
    expect(stored).toMatchObject({ origin: 'local', isrc: 'USSM18200434', fileSha256: sha(2), durationSource: 'decoded from your file' });

    // No one else sees them.
    const stranger = new Visitor();
    expect((await poolOf(stranger)).filter((t) => t.origin === 'local')).toEqual([]);
  });

  it('updates the same track when the same file is added again', async () => {
    const visitor = new Visitor();
    const first = await add(visitor, { tracks: [file(10)] });
    const again = await add(visitor, { tracks: [file(10, { title: 'Renamed', bpm: 90.5 })] });
    expect(again.body.tracks[0]).toMatchObject({ id: first.body.tracks[0].id, title: 'Renamed', bpm: 90.5, tempoSource: 'analysis' });
    const gone = await add(visitor, { tracks: [file(10, { bpm: null })] });
    expect(gone.body.tracks[0]).toMatchObject({ id: first.body.tracks[0].id, bpm: null });
    expect((await poolOf(visitor)).filter((t) => t.origin === 'local')).toHaveLength(1);
    // Another owner adding the same file gets a track of their own.
    const other = await add(new Visitor(), { tracks: [file(10)] });
    expect(other.body.tracks[0].id).not.toBe(first.body.tracks[0].id);
  });

  it('keeps one track when the same file is added from several tabs at the same moment', async () => {
    const visitor = new Visitor();
    await add(visitor, { tracks: [file(40)] });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => add(visitor, { tracks: [file(41, { title: `Local 41 take ${i}` })] })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.tracks[0].id)).size).toBe(1);
    expect((await poolOf(visitor)).filter((t) => t.origin === 'local')).toHaveLength(2);
  });

  it('asks about a doubtful detected tempo instead of using it, until the owner confirms it', async () => {
    const visitor = new Visitor();
    const doubtful = { bpm: 113.3, tempoConfidence: 0.2, analysisNote: 'montage tempogram 1 (confidence 0.20)' };
    const { body } = await add(visitor, { tracks: [file(50, doubtful), file(51, { bpm: 170, tempoConfidence: 0.9 }), file(52, { bpm: 80.3, tempoConfidence: 0.9 })] });
    const [asked, sure, onEdge] = body.tracks.map((t: { id: string }) => t.id);
    expect(body.tracks.map((t: { bpm: number | null; tempoQuestionBpm: number | null }) => [t.bpm, t.tempoQuestionBpm])).toEqual([
      [null, 113.3],
      [170, null],
      [null, 80.3],
    ]);
    // Unknown to the sequencer (both reads: resolved per track, and the library's stored columns).
    const db = await getDb();
    const ownerId = await ownerOf(db, new Request('http://127.0.0.1/', { headers: { cookie: visitor.cookie ?? '' } }));
    const pooled = (await poolOf(visitor)).find((t) => t.id === asked)!;
    expect([pooled.bpm, pooled.tempoSource, pooled.tempoQuestionBpm]).toEqual([null, null, 113.3]);
    const listed = await getLibraryTracksByIds(db, ownerId, [asked, sure]);
    expect(listed.map((t) => [t.id, t.bpm, t.tempoQuestionBpm])).toEqual(expect.arrayContaining([[asked, null, 113.3], [sure, 170, null]]));
    const sequencerPool = await listSequencerPool(db, { ownerId, scope: { kind: 'all' } });
    expect(sequencerPool.filter((t) => [asked, sure, onEdge].includes(t.id)).map((t) => [t.id, t.bpm])).toEqual(
      expect.arrayContaining([
        [asked, null],
        [sure, 170],
        [onEdge, null],
      ]),
    );
    // The detector's confidence is kept with the raw value.
    const [row] = await db.select().from(trackTempos).where(eq(trackTempos.trackId, asked));
    expect(row).toMatchObject({ bpm: 113.3, confidence: 0.2, needsConfirmation: true, source: 'analysis' });

    // The owner confirms it: from then on it is their own value, and nothing is asked.
    const confirmed = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: asked }, body: { bpm: 113.3, source: 'manual', previousBpm: null } });
    expect(confirmed.status).toBe(200);
    const after = (await poolOf(visitor)).find((t) => t.id === asked)!;
    expect([after.bpm, after.tempoSource, after.tempoQuestionBpm]).toEqual([113.3, 'manual', null]);
    const [listedAfter] = await getLibraryTracksByIds(db, ownerId, [asked]);
    expect([listedAfter!.bpm, listedAfter!.tempoSource, listedAfter!.tempoQuestionBpm]).toEqual([113.3, 'manual', null]);
  });

  it('refuses a confidence outside 0..1, naming the field, and writes nothing', async () => {
    const visitor = new Visitor();
    const result = await add(visitor, { tracks: [file(60, { tempoConfidence: 1.5 })] });
    expect(result.status).toBe(422);
    expect(JSON.stringify(result.body)).toContain('tracks.0.tempoConfidence');
    expect((await poolOf(visitor)).filter((t) => t.origin === 'local')).toEqual([]);
  });

  it('lets the owner’s tap win over the analysis, for them only', async () => {
    const visitor = new Visitor();
    const { body } = await add(visitor, { tracks: [file(20)] });
    const id = body.tracks[0].id;
    const tapped = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: id }, body: { bpm: 95.04, source: 'tap', previousBpm: 190 } });
    expect(tapped.body).toEqual({ trackId: id, bpm: 95, source: 'tap' });
    const track = (await poolOf(visitor)).find((t) => t.id === id)!;
    expect([track.bpm, track.tempoSource]).toEqual([95, 'tap']);
    // The analysis is kept, raw, beside it.
    const db = await getDb();
    const rows = await db.select().from(trackTempos).where(eq(trackTempos.trackId, id));
    expect(rows.map((r) => [r.source, r.bpm]).sort()).toEqual([
      ['analysis', 190],
      ['tap', 95],
    ]);
  });

  it('refuses a tempo set on a view older than the last change (another tab) with 409, writing nothing', async () => {
    const visitor = new Visitor();
    const { body } = await add(visitor, { tracks: [file(20)] });
    const id = body.tracks[0].id;
    const set = (bpm: number, previousBpm: number | null) => visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: id }, body: { bpm, previousBpm } });
    expect((await set(95, 190)).status).toBe(200);
    // The other tab still shows 190.
    const stale = await set(100, 190);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe("This track's tempo changed since you loaded it (now 95 BPM). Reload to see it, then set yours again.");
    expect(stale.body.error.problems).toEqual([{ field: 'previousBpm', message: "is no longer the track's tempo (now 95)" }]);
    expect(stale.body.error.code).toBe('stale_version');
    // Tempos are kept to 0.1 BPM: what the page showed, rounded, still counts as the current one.
    expect((await set(96, 95.04)).status).toBe(200);
    expect((await set(97, 95.94)).status).toBe(409);
    expect((await set(97, null)).status).toBe(409);
    expect((await poolOf(visitor)).find((t) => t.id === id)!.bpm).toBe(96);
  });

  it('refuses a tempo sent as a change of one the track does not have, saying it has none', async () => {
    const visitor = new Visitor();
    const { body } = await add(visitor, { tracks: [{ ...file(22), bpm: null }] });
    const stale = await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: body.tracks[0].id }, body: { bpm: 120, previousBpm: 118 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.problems).toEqual([{ field: 'previousBpm', message: "is no longer the track's tempo (now unknown)" }]);
    expect(stale.body.error.message).toContain('(now unknown)');
  });

  it('builds a Run montage that can use the owner’s local tracks', async () => {
    // The soundtrack's timed tracks (39 min) come first; 45 min leaves room for a local one.
    const visitor = new Visitor();
    await add(visitor, { tracks: [file(30, { bpm: 170 }), file(31, { bpm: 172 }), file(32, { bpm: 86 })] });
    const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 45, cadenceSpm: 170 } });
    expect(created.status).toBe(201);
    const { body } = await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } });
    const origins = body.montage.entries.map((e: any) => e.track.origin);
    expect(origins).toContain('local');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const visitor = new Visitor();
    const cases: [unknown, string][] = [
      [{ tracks: [file(40, { bpm: 500 })] }, 'tracks.0.bpm'],
      [{ tracks: [file(41), file(42, { title: '  ' })] }, 'tracks.1.title'],
      [{ tracks: [file(43, { isrc: 'not-an-isrc' })] }, 'tracks.0.isrc'],
      [{ tracks: [file(44, { fileSha256: 'abc' })] }, 'tracks.0.fileSha256'],
      [{ tracks: [file(45, { durationMs: 10 })] }, 'tracks.0.durationMs'],
      [{ tracks: [file(46, { audio: 'data:...' })] }, 'tracks.0'],
      [{ tracks: [] }, 'tracks'],
      [{ tracks: Array.from({ length: 51 }, (_, i) => file(100 + i)) }, 'tracks'],
    ];
    for (const [body, field] of cases) {
      const result = await add(visitor, body);
      expect(result.status, field).toBe(422);
      expect(result.body.error.problems.map((p: any) => p.field), field).toContain(field);
    }
    expect((await visitor.call(localRoute.POST, 'POST', { rawBody: 'nope' })).status).toBe(400);
    expect((await poolOf(visitor)).filter((t) => t.origin === 'local')).toEqual([]);
  });
});

describe('DELETE /api/tracks/local/:trackId', () => {
  const remove = (visitor: Visitor, trackId: string) => visitor.call(localTrackRoute.DELETE, 'DELETE', { params: { trackId } });

  it('removes the owner’s unused local track with its tempos', async () => {
    const visitor = new Visitor();
    const [keep, gone] = (await add(visitor, { tracks: [file(40), file(41)] })).body.tracks.map((t: { id: string }) => t.id);
    expect((await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: gone }, body: { bpm: 150, source: 'tap', previousBpm: 211 } })).status).toBe(200);

    const result = await remove(visitor, gone);
    expect(result.status).toBe(200);
    expect((await poolOf(visitor)).filter((t) => t.origin === 'local').map((t) => t.id)).toEqual([keep]);
    const db = await getDb();
    expect(await db.select().from(trackTempos).where(eq(trackTempos.trackId, gone))).toEqual([]);
    expect((await remove(visitor, gone)).status).toBe(404);
  });

  it('refuses while a montage plays it, naming the montage, and removes nothing', async () => {
    const visitor = new Visitor();
    await add(visitor, { tracks: [file(50, { bpm: 170 }), file(51, { bpm: 171 }), file(52, { bpm: 172 })] });
    const created = await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 45, cadenceSpm: 170, name: 'Morning run' } });
    expect(created.status).toBe(201);
    const { body } = await visitor.call(montageRoute.GET, 'GET', { params: { id: created.body.id } });
    const used = body.montage.entries.find((e: any) => e.track.origin === 'local').track.id as string;

    const refused = await remove(visitor, used);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('This track is still in your montage “Morning run”. Delete that montage first; nothing was removed.');
    expect((await poolOf(visitor)).some((t) => t.id === used)).toBe(true);

    expect((await visitor.call(montageRoute.DELETE, 'DELETE', { params: { id: created.body.id } })).status).toBe(200);
    expect((await remove(visitor, used)).status).toBe(200);
  });

  it('names the montages copied from the owner’s shared link that still play it, whose owners keep it, one by one and in bulk', async () => {
    const owner = new Visitor();
    await add(owner, { tracks: [file(70, { bpm: 170 }), file(71, { bpm: 171 }), file(72, { bpm: 172 })] });
    const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'run', lengthMin: 45, cadenceSpm: 170, name: 'Hill run' } });
    const { body } = await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } });
    const used = body.montage.entries.find((e: any) => e.track.origin === 'local').track as { id: string; title: string };
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: created.body.id } })).body;
    for (const visitor of [new Visitor(), new Visitor()]) expect((await visitor.call(copyRoute.POST, 'POST', { params: { token } })).status).toBe(201);

    const both = await remove(owner, used.id);
    expect(both.status).toBe(409);
    expect(both.body.error.message).toBe(
      'This track is still in your montage “Hill run” and 2 montages copied from your shared links. Delete that montage first; nothing was removed.',
    );
    expect((await owner.call(montageRoute.DELETE, 'DELETE', { params: { id: created.body.id } })).status).toBe(200);
    const copies = await remove(owner, used.id);
    expect(copies.status).toBe(409);
    expect(copies.body.error.message).toBe('This track is still in 2 montages copied from your shared links. Their owners keep it; nothing was removed.');
    const bulk = await owner.call(removeRoute.POST, 'POST', { body: { trackIds: [used.id] } });
    expect(bulk.body).toEqual({ removed: [], inUse: [{ trackId: used.id, title: used.title, ownMontageNames: [], othersMontages: 2 }], notFound: [] });
    expect((await poolOf(owner)).some((t) => t.id === used.id)).toBe(true);
  });

  it('answers 404 for someone else’s track and for a catalog track', async () => {
    const owner = new Visitor();
    const [id] = (await add(owner, { tracks: [file(60)] })).body.tracks.map((t: { id: string }) => t.id);
    const stranger = new Visitor();
    expect((await remove(stranger, id)).status).toBe(404);
    expect((await remove(owner, catalogTrackId(1))).status).toBe(404);
    expect((await poolOf(owner)).some((t) => t.id === id)).toBe(true);
  });
});
