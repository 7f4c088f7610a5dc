import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedRoute from '../../app/api/share/[token]/route';
import * as copyRoute from '../../app/api/share/[token]/copy/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import { getDb } from '../../db/client';
import { Visitor } from './api-client';

// Opening the database (migrations, the catalog) may take longer than one test on a loaded machine.
beforeAll(async () => {
  await getDb();
}, 120_000);

async function ownMontage() {
  const owner = new Visitor();
  const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
  const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
  return { owner, montage };
}

describe('share links', () => {
  it('opens read-only for anyone with the link, reveals no owner, and 404s after revoke', async () => {
    const { owner, montage } = await ownMontage();
    const shared = await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } });
    expect(shared.status).toBe(201);
    const token: string = shared.body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const again = await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } });
    expect(again.body.token).toBe(token);

    const anonymous = new Visitor();
    const opened = await anonymous.call(sharedRoute.GET, 'GET', { params: { token } });
    expect(opened.status).toBe(200);
    expect(opened.body.montage.name).toBe(montage.name);
    expect(opened.body.montage.entries).toHaveLength(montage.entries.length);
    expect(JSON.stringify(opened.body)).not.toContain(montage.ownerId);
    expect(anonymous.cookie).toBeNull();

    const revoked = await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: montage.id } });
    expect(revoked.body.revoked).toBe(1);
    expect((await anonymous.call(sharedRoute.GET, 'GET', { params: { token } })).status).toBe(404);

    const fresh = await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } });
    expect(fresh.body.token).not.toBe(token);
  });

  // That the page is served from cache (and expired on every process) is tested with running
  // processes in tests/e2e/shared-pages-processes.test.ts.
  it('shows an edit on the next view of the link', async () => {
    const { owner, montage } = await ownMontage();
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const viewer = new Visitor();
    expect((await viewer.call(sharedRoute.GET, 'GET', { params: { token } })).body.montage.name).toBe(montage.name);
    await owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name: 'Drago variant' } });
    const after = await viewer.call(sharedRoute.GET, 'GET', { params: { token } });
    expect(after.body.montage.name).toBe('Drago variant');
  });

  it('lets only the owner share or revoke', async () => {
    const { montage } = await ownMontage();
    // A visitor with nothing, and one with montages of their own.
    for (const stranger of [new Visitor(), (await ownMontage()).owner]) {
      const shared = await stranger.call(shareRoute.POST, 'POST', { params: { id: montage.id } });
      expect(shared.status).toBe(404);
      expect(shared.body.error.message).toBe('Montage not found');
      expect((await stranger.call(shareRoute.DELETE, 'DELETE', { params: { id: montage.id } })).status).toBe(404);
    }
  });

  it('answers 404 for a made-up token', async () => {
    const result = await new Visitor().call(sharedRoute.GET, 'GET', { params: { token: 'A'.repeat(43) } });
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('not_found');
  });

  it('copies a shared montage into the visitor own montages', async () => {
    const { owner, montage } = await ownMontage();
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const visitor = new Visitor();
    const copied = await visitor.call(copyRoute.POST, 'POST', { params: { token } });
    expect(copied.status).toBe(201);
    const copy = (await visitor.call(montageRoute.GET, 'GET', { params: { id: copied.body.id } })).body.montage;
    expect(copy.name).toBe(`${montage.name} (copy)`);
    expect(copy.entries.map((e: any) => e.track.id)).toEqual(montage.entries.map((e: any) => e.track.id));
    expect(copy.entries[0].intervals).toEqual(
      montage.entries[0].intervals.map((i: any) => ({ ...i, id: expect.any(String) })),
    );
  });

  it('copies a montage whose name is at the 80-character limit, the name cut to fit', async () => {
    const { owner, montage } = await ownMontage();
    const name = `Training Montage ${'Drago '.repeat(11)}`.slice(0, 80);
    expect((await owner.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name } })).status).toBe(200);
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const visitor = new Visitor();
    const copied = await visitor.call(copyRoute.POST, 'POST', { params: { token } });
    expect(copied.status).toBe(201);
    const copy = (await visitor.call(montageRoute.GET, 'GET', { params: { id: copied.body.id } })).body.montage;
    expect(copy.name).toBe(name);
  });

  /** A new circuit of a new owner's, and one of its tracks whose tempo is unknown (to be set by hand). */
  async function circuitWithAnUnknownTempo() {
    const owner = new Visitor();
    const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 35 } });
    const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
    const unknown = montage.entries.find((e: any) => e.track.bpm === null);
    expect(unknown).toBeDefined();
    return { owner, montage, unknown };
  }

  it('keeps a tapped tempo in the copy as tapped', async () => {
    const { owner, montage, unknown } = await circuitWithAnUnknownTempo();
    const tapped = await owner.call(tempoRoute.PUT, 'PUT', { params: { trackId: unknown.track.id }, body: { bpm: 141, source: 'tap', previousBpm: null } });
    expect(tapped.status).toBe(200);
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const visitor = new Visitor();
    const copied = await visitor.call(copyRoute.POST, 'POST', { params: { token } });
    const copy = (await visitor.call(montageRoute.GET, 'GET', { params: { id: copied.body.id } })).body.montage;
    expect(copy.entries.find((e: any) => e.track.id === unknown.track.id).track).toMatchObject({ bpm: 141, tempoSource: 'tap', tempoSourceNote: 'copied from a shared montage' });
  });

  it('keeps the tempo the sharer set by hand in the copy, as the copier’s own, in one write', async () => {
    const { owner, montage, unknown } = await circuitWithAnUnknownTempo();
    await owner.call(tempoRoute.PUT, 'PUT', { params: { trackId: unknown.track.id }, body: { bpm: 123, previousBpm: null } });
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;

    const visitor = new Visitor();
    const copied = await visitor.call(copyRoute.POST, 'POST', { params: { token } });
    const copy = (await visitor.call(montageRoute.GET, 'GET', { params: { id: copied.body.id } })).body.montage;
    expect(copy.entries.find((e: any) => e.track.id === unknown.track.id).track).toMatchObject({ bpm: 123, tempoSource: 'manual' });

    // The copier's own value, once set, is theirs: a second copy does not overwrite it.
    await visitor.call(tempoRoute.PUT, 'PUT', { params: { trackId: unknown.track.id }, body: { bpm: 99, previousBpm: 123 } });
    const again = await visitor.call(copyRoute.POST, 'POST', { params: { token } });
    const second = (await visitor.call(montageRoute.GET, 'GET', { params: { id: again.body.id } })).body.montage;
    expect(second.entries.find((e: any) => e.track.id === unknown.track.id).track.bpm).toBe(99);
  });
});
