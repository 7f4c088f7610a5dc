import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addCachedPagePolicy, cachedPagePolicy, inlineScriptHashes } from './inline-script-hashes.mjs';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const push = 'self.__next_f.push([1,"0:{\\"P\\":null,\\"b\\":\\"Rocky \\u003c3 Drago\\"}"])';
const html = [
  '<!DOCTYPE html><html><head><script src="/_next/static/chunks/main.js" async=""></script></head><body>',
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>${push}</script>`,
  '<script id="_R_">$RC("B:0","S:0")</script><script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<p>é — Ünïcode title</p><script>document.title="Montage — é"</script></body></html>',
].join('');

describe('the hashes of a cached page’s inline scripts', () => {
  it('list each inline script once, by the sha256 of its exact text (UTF-8), and leave scripts with a src to their origin', () => {
    expect(inlineScriptHashes(html)).toEqual([
      sha('(self.__next_f=self.__next_f||[]).push([0])'),
      sha(push),
      sha('$RC("B:0","S:0")'),
      sha('document.title="Montage — é"'),
    ]);
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });

  it('make a policy of this origin, the embed and these scripts only (no inline allowance)', () => {
    const policy = cachedPagePolicy(html, 'https://open.spotify.com');
    expect(policy.startsWith("script-src 'self' https://open.spotify.com 'sha256-")).toBe(true);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy.split(' ')).toHaveLength(3 + 4);
  });

  it('are added to a cached App Router page in place (the object Next sends on the first render), never to other entries, never twice', () => {
    const headers: Record<string, unknown> = { 'x-next-cache-tags': '_N_T_/s/x' };
    const page = { kind: 'APP_PAGE', html, headers };
    addCachedPagePolicy(page, 'https://open.spotify.com');
    expect(headers['content-security-policy']).toBe(cachedPagePolicy(html, 'https://open.spotify.com'));
    expect(headers['x-next-cache-tags']).toBe('_N_T_/s/x');

    addCachedPagePolicy({ ...page, html: '<script>other()</script>' }, 'https://open.spotify.com');
    expect(headers['content-security-policy']).toBe(cachedPagePolicy(html, 'https://open.spotify.com'));

    const route = { kind: 'APP_ROUTE', html, headers: {} as Record<string, unknown> };
    addCachedPagePolicy(route, 'https://open.spotify.com');
    expect(route.headers).toEqual({});
    expect(() => addCachedPagePolicy(null, 'https://open.spotify.com')).not.toThrow();
  });
});
