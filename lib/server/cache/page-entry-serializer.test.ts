import { describe, expect, it } from 'vitest';
import { deserializePageEntry, serializePageEntry } from './page-entry-serializer.mjs';

const rscData = Buffer.from('0:{"P":null,"b":"build"}\n1:["$","div",null,{"children":"Bench montage"}]').toString('base64');

/** An entry as the Redis handler hands it to its serializer: its buffers already base64. */
function pageEntry(segmentData: Record<string, string> | undefined) {
  return {
    lastModified: 1_765_000_000_000,
    lifespan: null,
    tags: ['share:abc', '_N_T_/s/abc'],
    value: { kind: 'APP_PAGE', html: '<html>…</html>', rscData, headers: { 'content-security-policy': "script-src 'self'" }, status: 200, segmentData },
  };
}

describe('the Redis page cache’s entries', () => {
  it('write a page’s full segment once when it is the RSC payload, and read it back in its place', () => {
    const entry = pageEntry({ '/_tree': 'dHJlZQ==', '/_full': rscData, '/_head': 'aGVhZA==' });
    const stored = serializePageEntry(entry);
    expect(stored.split(rscData)).toHaveLength(2);
    expect(stored.length).toBeLessThan(JSON.stringify(entry).length - rscData.length + 40);
    expect(deserializePageEntry(stored)).toEqual(entry);
  });

  it('keep a full segment that differs from the payload, and entries without segments or of other kinds, as plain JSON', () => {
    const entries = [
      pageEntry({ '/_full': Buffer.from('other').toString('base64'), '/_head': 'aGVhZA==' }),
      pageEntry(undefined),
      pageEntry({ '/_tree': 'dHJlZQ==' }),
      { lastModified: 1, lifespan: null, tags: [], value: { kind: 'APP_ROUTE', body: rscData, status: 200, headers: {} } },
      { lastModified: 1, lifespan: null, tags: [], value: null },
    ];
    for (const entry of entries) {
      expect(serializePageEntry(entry)).toBe(JSON.stringify(entry));
      expect(deserializePageEntry(serializePageEntry(entry))).toEqual(entry);
    }
  });
});
