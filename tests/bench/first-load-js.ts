import { gzipSync } from 'node:zlib';
import { startAppServer } from '../support/app-server';

/**
 * First-load JavaScript of the montage and share pages: every script the HTML loads, fetched and
 * gzipped. Needs a production build (`npm run build`). Prints one JSON line per page.
 */
async function scriptsOf(baseUrl: string, path: string, cookie?: string) {
  const html = await (await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} })).text();
  // `nomodule` polyfills are skipped by every browser that runs modules, so they are not counted.
  const sources = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !`${m[1]}${m[3]}`.toLowerCase().includes('nomodule'))
    .map((m) => m[2]!);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of new Set(sources)) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { page: path.replace(/[0-9a-f-]{36}|[A-Za-z0-9_-]{43}/, ':id'), scripts: new Set(sources).size, rawKiB: +(rawBytes / 1024).toFixed(1), gzipKiB: +(gzipBytes / 1024).toFixed(1) };
}

const server = await startAppServer();
try {
  const created = await fetch(`${server.baseUrl}/api/montages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'circuit', lengthMin: 30 }),
  });
  const cookie = created.headers.get('set-cookie')!.split(';')[0]!;
  const { id } = (await created.json()) as { id: string };
  const shared = await fetch(`${server.baseUrl}/api/montages/${id}/share`, { method: 'POST', headers: { cookie } });
  const { token } = (await shared.json()) as { token: string };
  for (const [path, withCookie] of [
    ['/', false],
    [`/m/${id}`, true],
    [`/m/${id}/train`, true],
    [`/s/${token}`, false],
    [`/s/${token}/train`, false],
  ] as const) {
    console.log(JSON.stringify(await scriptsOf(server.baseUrl, path, withCookie ? cookie : undefined)));
  }
} finally {
  await server.stop();
}
