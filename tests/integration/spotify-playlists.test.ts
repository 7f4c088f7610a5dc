import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SPOTIFY_SCOPES, SpotifyError } from '../../lib/spotify';
import { startFakeSpotify, type FakeSpotify, type SeededUser } from '../fakes/spotify';
import { connect } from '../fakes/spotify/harness';

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

const ITEMS = /^\/v1\/playlists\/[^/]+\/items$/;

/** Track uris from the user's own library, in a montage-like order (reversed, so order matters). */
function montageUris(seeded: SeededUser, count: number, shift = 0): string[] {
  const ids = seeded.user.library.map((s) => s.trackId);
  return Array.from({ length: count }, (_, i) => `spotify:track:${ids[(ids.length - 1 - i - shift + ids.length) % ids.length]}`);
}

function summary() {
  return fake.log.map((r) => `${r.method} ${r.path.replace(/playlists\/[^/]+/, 'playlists/{id}')} ${r.status}`);
}

describe('saving a montage to Spotify', () => {
  it.each([
    [25, 2],
    [250, 4],
    [100, 2],
    [101, 3],
  ])('creates a playlist holding %i tracks in order with %i requests (1 + ⌈K/100⌉)', async (count, expectedRequests) => {
    const seeded = fake.seedUser({ library: 300 });
    const { adapter } = connect(fake, { user: seeded });
    const uris = montageUris(seeded, count);
    fake.clearLog();
    const saved = await adapter.savePlaylist({ name: 'Rocky Circuit — 45 min', description: 'Made with Montage', isPublic: false, uris });
    expect(saved.created).toBe(true);
    expect(fake.log).toHaveLength(expectedRequests);
    expect(fake.log).toHaveLength(1 + Math.ceil(count / 100));
    expect(fake.requests({ method: 'POST', path: '/v1/me/playlists' })).toHaveLength(1);
    expect(fake.requests({ method: 'PUT', path: ITEMS })).toHaveLength(1);
    expect(fake.requests({ method: 'POST', path: ITEMS })).toHaveLength(Math.ceil(count / 100) - 1);
    expect(fake.log.every((r) => r.status < 300)).toBe(true);
    // Every write carried at most 100 uris.
    for (const r of fake.requests({ path: ITEMS })) expect((r.requestBody as { uris: string[] }).uris.length).toBeLessThanOrEqual(100);
    expect(fake.playlistUris(saved.playlist.id)).toEqual(uris);
    const stored = fake.state.playlists.get(saved.playlist.id)!;
    expect(stored).toMatchObject({ ownerId: seeded.user.id, name: 'Rocky Circuit — 45 min', description: 'Made with Montage', isPublic: false });
    expect(saved.playlist.itemCount).toBe(count);
    expect(saved.snapshotId).toBe(stored.snapshotId);
  });

  it('saving again updates the same playlist: new details, new items in the new order, still one playlist', async () => {
    const seeded = fake.seedUser({ library: 300 });
    const { adapter } = connect(fake, { user: seeded });
    const first = await adapter.savePlaylist({ name: 'Run 170', description: 'v1', isPublic: false, uris: montageUris(seeded, 250) });

    const second = montageUris(seeded, 130, 7);
    fake.clearLog();
    const again = await adapter.savePlaylist({ playlistId: first.playlist.id, name: 'Run 170 (edited)', description: 'v2', isPublic: false, uris: second });
    expect(again.created).toBe(false);
    expect(again.playlist.id).toBe(first.playlist.id);
    expect(again.playlist.url).toBe(first.playlist.url);
    expect(summary()).toEqual([
      'GET /v1/me/library/contains 200',
      'PUT /v1/playlists/{id} 200',
      'PUT /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 201',
    ]);
    expect(fake.playlistsOf(seeded.user.id)).toHaveLength(1);
    expect(fake.playlistUris(first.playlist.id)).toEqual(second);
    expect(fake.state.playlists.get(first.playlist.id)).toMatchObject({ name: 'Run 170 (edited)', description: 'v2' });

    // Saving an empty montage empties the playlist rather than leaving stale tracks.
    await adapter.savePlaylist({ playlistId: first.playlist.id, name: 'Run 170 (edited)', isPublic: false, uris: [] });
    expect(fake.playlistUris(first.playlist.id)).toEqual([]);
  });

  it('saves to a new playlist when the stored one no longer exists', async () => {
    const seeded = fake.seedUser({ library: 50 });
    const { adapter } = connect(fake, { user: seeded });
    const first = await adapter.savePlaylist({ name: 'HIIT', isPublic: false, uris: montageUris(seeded, 10) });
    fake.state.playlists.delete(first.playlist.id);
    const again = await adapter.savePlaylist({ playlistId: first.playlist.id, name: 'HIIT', isPublic: false, uris: montageUris(seeded, 12) });
    expect(again.created).toBe(true);
    expect(again.playlist.id).not.toBe(first.playlist.id);
    expect(fake.playlistUris(again.playlist.id)).toEqual(montageUris(seeded, 12));
  });

  it('reads a playlist back: details, count and uris in order', async () => {
    const seeded = fake.seedUser({ library: 120 });
    const { adapter } = connect(fake, { user: seeded });
    const uris = montageUris(seeded, 120);
    const saved = await adapter.savePlaylist({ name: 'Readback', description: 'check', isPublic: false, uris });
    const playlist = await adapter.getPlaylist(saved.playlist.id);
    expect(playlist).toMatchObject({ id: saved.playlist.id, name: 'Readback', description: 'check', isPublic: false, ownerId: seeded.user.id, itemCount: 120 });
    expect(await adapter.getPlaylistItemCount(saved.playlist.id)).toBe(120);
    fake.clearLog();
    expect(await adapter.getPlaylistItemUris(saved.playlist.id)).toEqual(uris);
    expect(fake.log.map((r) => r.query.limit)).toEqual(['50', '50', '50']);
  });

  it('a lost answer to an add that Spotify applied is settled by reading the count, without adding twice', async () => {
    const seeded = fake.seedUser({ library: 300 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    const uris = montageUris(seeded, 250);
    fake.inject({ method: 'POST', path: ITEMS, fault: { kind: 'server_error', status: 502, afterApplying: true } });
    fake.clearLog();
    const saved = await adapter.savePlaylist({ name: 'Lost answer', isPublic: false, uris });
    expect(summary()).toEqual([
      'POST /v1/me/playlists 201',
      'PUT /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 502',
      'GET /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 201',
    ]);
    expect(sleeps).toEqual([]);
    expect(fake.playlistUris(saved.playlist.id)).toEqual(uris);
  });

  it('an add that timed out after Spotify applied it is not added twice', async () => {
    const seeded = fake.seedUser({ library: 300 });
    const { adapter } = connect(fake, { user: seeded, timeoutMs: 200 });
    const uris = montageUris(seeded, 250);
    fake.inject({ method: 'POST', path: ITEMS, fault: { kind: 'slow', delayMs: 1_000, applyFirst: true } });
    fake.clearLog();
    const saved = await adapter.savePlaylist({ name: 'Timed out', isPublic: false, uris });
    expect(summary()).toEqual([
      'POST /v1/me/playlists 201',
      'PUT /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 201',
      'GET /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 201',
    ]);
    expect(fake.requests({ method: 'POST', path: ITEMS })[0]!.isClientAborted).toBe(true);
    expect(fake.playlistUris(saved.playlist.id)).toEqual(uris);
  });

  it('an add that failed before taking effect is sent again after a backoff', async () => {
    const seeded = fake.seedUser({ library: 300 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    const uris = montageUris(seeded, 250);
    fake.inject({ method: 'POST', path: ITEMS, fault: { kind: 'server_error', status: 500 } });
    fake.clearLog();
    const saved = await adapter.savePlaylist({ name: 'Retry add', isPublic: false, uris });
    expect(summary()).toEqual([
      'POST /v1/me/playlists 201',
      'PUT /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 500',
      'GET /v1/playlists/{id}/items 200',
      'POST /v1/playlists/{id}/items 201',
      'POST /v1/playlists/{id}/items 201',
    ]);
    expect(sleeps).toEqual([500]);
    expect(fake.playlistUris(saved.playlist.id)).toEqual(uris);
  });

  it('a create whose answer was lost adopts the playlist Spotify made instead of making a second', async () => {
    const seeded = fake.seedUser({ library: 30 });
    const { adapter } = connect(fake, { user: seeded });
    fake.inject({ method: 'POST', path: '/v1/me/playlists', fault: { kind: 'server_error', status: 504, afterApplying: true } });
    fake.clearLog();
    const saved = await adapter.savePlaylist({ name: 'Adopted', description: 'once', isPublic: false, uris: montageUris(seeded, 20) });
    expect(fake.playlistsOf(seeded.user.id)).toHaveLength(1);
    expect(saved.playlist.id).toBe(fake.playlistsOf(seeded.user.id)[0]!.id);
    expect(fake.playlistUris(saved.playlist.id)).toEqual(montageUris(seeded, 20));
    expect(summary().slice(0, 3).sort()).toEqual(['GET /v1/me 200', 'GET /v1/me/playlists 200', 'POST /v1/me/playlists 504'].sort());
  });

  it.each([
    ['HTML-escaped', false],
    ['null', true],
  ] as const)('a lost create is adopted, not duplicated, when Spotify answers descriptions %s', async (_how, nullDescriptions) => {
    const strict = await startFakeSpotify({ nullDescriptions });
    try {
      const seeded = strict.seedUser({ library: 30 });
      const { adapter } = connect(strict, { user: seeded });
      strict.inject({ method: 'POST', path: '/v1/me/playlists', fault: { kind: 'server_error', status: 504, afterApplying: true } });
      const description = 'Montage workout, tempo-ordered. Follow along: https://montage.example/s/abc_123 & "go"';
      const saved = await adapter.savePlaylist({ name: 'Drago', description, isPublic: false, uris: montageUris(seeded, 20) });
      expect(strict.playlistsOf(seeded.user.id)).toHaveLength(1);
      expect(saved.playlist.id).toBe(strict.playlistsOf(seeded.user.id)[0]!.id);
      expect(strict.playlistUris(saved.playlist.id)).toEqual(montageUris(seeded, 20));
      if (!nullDescriptions) expect((await adapter.getPlaylist(saved.playlist.id)).description).toBe(description);
    } finally {
      await strict.close();
    }
  });

  it('the fake answers descriptions as Spotify does: HTML-escaped', async () => {
    const seeded = fake.seedUser({ library: 5 });
    const { adapter } = connect(fake, { user: seeded });
    const created = await adapter.createPlaylist({ name: 'Escaped', description: 'see https://a.example/s/x', isPublic: false });
    const raw = await fetch(`${fake.apiBaseUrl}/v1/playlists/${created.id}`, { headers: { Authorization: `Bearer ${seeded.accessToken}` } });
    expect(((await raw.json()) as { description: string }).description).toBe('see https:&#x2F;&#x2F;a.example&#x2F;s&#x2F;x');
  });

  it('a playlist they deleted in Spotify (unfollowed, still updatable) is replaced by a new one in their library', async () => {
    const seeded = fake.seedUser({ library: 50 });
    const { adapter } = connect(fake, { user: seeded });
    const first = await adapter.savePlaylist({ name: 'Gone', isPublic: false, uris: montageUris(seeded, 10) });
    fake.unfollowPlaylist(seeded.user.id, first.playlist.id);
    const again = await adapter.savePlaylist({ playlistId: first.playlist.id, name: 'Gone', isPublic: false, uris: montageUris(seeded, 12) });
    expect(again.created).toBe(true);
    expect(again.playlist.id).not.toBe(first.playlist.id);
    expect(fake.playlistsOf(seeded.user.id).map((p) => p.id)).toEqual([again.playlist.id]);
    expect(fake.playlistUris(again.playlist.id)).toEqual(montageUris(seeded, 12));
  });

  it('asks only for the scopes it uses: private playlists need no playlist-modify-public', async () => {
    expect(SPOTIFY_SCOPES).not.toContain('playlist-modify-public');
    const seeded = fake.seedUser({ library: 20, scopes: [...SPOTIFY_SCOPES] });
    const { adapter } = connect(fake, { user: seeded });
    const first = await adapter.savePlaylist({ name: 'Private', isPublic: false, uris: montageUris(seeded, 5) });
    const again = await adapter.savePlaylist({ playlistId: first.playlist.id, name: 'Private 2', isPublic: false, uris: montageUris(seeded, 6) });
    expect(again.created).toBe(false);
    expect(fake.playlistUris(first.playlist.id)).toEqual(montageUris(seeded, 6));
  });

  it('a create that failed before taking effect is made once on retry', async () => {
    const seeded = fake.seedUser({ library: 30 });
    const { adapter, sleeps } = connect(fake, { user: seeded });
    fake.inject({ method: 'POST', path: '/v1/me/playlists', fault: { kind: 'server_error', status: 503 } });
    const saved = await adapter.savePlaylist({ name: 'Second try', isPublic: false, uris: montageUris(seeded, 5) });
    expect(fake.playlistsOf(seeded.user.id)).toHaveLength(1);
    expect(fake.playlistUris(saved.playlist.id)).toHaveLength(5);
    expect(sleeps).toEqual([500]);
  });

  it('without the playlist scopes the save fails once with a clear message and nothing is retried', async () => {
    const seeded = fake.seedUser({ library: 10, scopes: ['user-library-read'] });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    const error = await adapter.savePlaylist({ name: 'No scope', isPublic: false, uris: montageUris(seeded, 3) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect(fake.log).toHaveLength(1);
  });

  it('refuses malformed uris before sending anything', async () => {
    const seeded = fake.seedUser({ library: 10 });
    const { adapter } = connect(fake, { user: seeded });
    fake.clearLog();
    await expect(adapter.replacePlaylistItems('abc', ['spotify:track:nope'])).rejects.toThrow(RangeError);
    expect(fake.log).toHaveLength(0);
  });
});
