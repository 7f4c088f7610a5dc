import { beforeAll, describe, expect, it } from 'vitest';
import * as montagesRoute from '../../app/api/montages/route';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as shareRoute from '../../app/api/montages/[id]/share/route';
import * as sharedFitRoute from '../../app/api/share/[token]/fit/route';
import * as ogRoute from '../../app/s/[token]/og/route';
import { getDb } from '../../db/client';
import { Visitor } from './api-client';

/**
 * Issue 31, items 9 and 12: what the fuzz found on a share link's image and watch file. A token that
 * cannot be one (a NUL byte) is a 404 like any unknown link, never a 500 or a 422; a link's preview
 * image is not kept 5 minutes by shared caches after a revoke.
 */
beforeAll(async () => {
  await getDb();
}, 120_000);

type Route = (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>;
const get = (route: unknown, token: string) => (route as Route)(new Request('http://127.0.0.1:3000/x'), { params: Promise.resolve({ token }) });

describe('odd share tokens and the preview image', () => {
  it('a NUL byte or any impossible token: 404 from the image and the watch file', async () => {
    for (const token of ['\u0000', 'a\u0000'.repeat(10), '%ED%A0%80', '..']) {
      expect((await get(ogRoute.GET, token)).status).toBe(404);
      expect((await get(sharedFitRoute.GET, token)).status).toBe(404);
    }
  });

  it('the preview image asks shared caches to check each time, so a revoked link’s image is gone at once', async () => {
    const owner = new Visitor();
    const created = await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    const montage = (await owner.call(montageRoute.GET, 'GET', { params: { id: created.body.id } })).body.montage;
    const { token } = (await owner.call(shareRoute.POST, 'POST', { params: { id: montage.id } })).body;
    const image = await get(ogRoute.GET, token);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toMatch(/no-cache|no-store|max-age=0/);
    await owner.call(shareRoute.DELETE, 'DELETE', { params: { id: montage.id } });
    expect((await get(ogRoute.GET, token)).status).toBe(404);
  });
});

describe('a library search holding a NUL byte', () => {
  it('is refused naming `q` (422), not a 500, by the API and by the page’s parser', async () => {
    const { GET } = await import('../../app/api/library/route');
    const { parseLibraryQuery } = await import('../../app/api/library/schema');
    const owner = new Visitor();
    await owner.call(montagesRoute.POST, 'POST', { body: { mode: 'circuit', lengthMin: 20 } });
    const response = await GET(new Request('http://127.0.0.1:3000/api/library?q=%00', { headers: { cookie: owner.cookie! } }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.problems[0].field).toBe('q');
    expect(parseLibraryQuery({ q: 'rocky\u0000' })).toMatchObject({ ok: false, problems: [{ field: 'q' }] });
  });
});
