import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as sessionRoute from '../../app/api/session/route';
import * as sessionsRoute from '../../app/api/sessions/route';
import * as filtersRoute from '../../app/api/library/filters/route';
import * as tempoRoute from '../../app/api/tracks/[trackId]/tempo/route';
import { getDb } from '../../db/client';
import { RATE_LIMITS } from '../../lib/server/security/rate-limit';
import { Visitor } from './api-client';

/**
 * Issue 31, item 4: every write route is limited per client, and a script sending no cookie cannot
 * make owners faster than a person could. X-Forwarded-For here is what the server hands the app:
 * the client's one address (lib/server/security/forwarded-for.ts; its own test shows a client
 * cannot choose it).
 */
beforeAll(async () => {
  await getDb();
}, 120_000);

const from = (address: string) => ({ 'x-forwarded-for': address });

describe('write limits', () => {
  it('a cookieless burst makes owners only as fast as a person could: the 31st in 10 minutes is refused (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.owner_create.perClient; i += 1) {
      const visitor = new Visitor(); // no cookie: each would be a new owner
      statuses.push((await visitor.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 }, headers: from('198.51.100.77') })).status);
    }
    expect(statuses.slice(0, RATE_LIMITS.owner_create.perClient).every((status) => status === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The owners already made go on writing; another address is not affected.
    expect((await new Visitor().call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 }, headers: from('198.51.100.78') })).status).toBe(201);
  });

  it('every write route counts against its client’s write budget, those the probe found unlimited included', async () => {
    const owner = new Visitor();
    const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    expect(created.status).toBe(201);
    const address = from('198.51.100.90');
    let answered = 0;
    for (; answered < RATE_LIMITS.write.perClient; answered += 1) {
      const { status } = await owner.call(sessionRoute.DELETE, 'DELETE', { headers: address });
      if (status !== 200) break;
    }
    expect(answered).toBe(RATE_LIMITS.write.perClient);
    const refused = await Promise.all([
      owner.call(sessionRoute.DELETE, 'DELETE', { headers: address }),
      owner.call(sessionsRoute.POST, 'POST', { body: {}, headers: address }),
      owner.call(filtersRoute.POST, 'POST', { body: {}, headers: address }),
      owner.call(tempoRoute.PUT, 'PUT', { params: { trackId: '00000000-0000-4000-8000-000000000000' }, body: { bpm: 120 }, headers: address }),
    ]);
    expect(refused.map((answer) => answer.status)).toEqual([429, 429, 429, 429]);
  }, 120_000);
});
