import { describe, expect, it } from 'vitest';
import { expiredTagPayloads, tagsOfPayload } from './expired-tags-channel.mjs';

describe('expired tags as NOTIFY payloads', () => {
  it('sends a few tags as one JSON array', () => {
    expect(expiredTagPayloads(['_N_T_/s/abc', 'share:abc'])).toEqual(['["_N_T_/s/abc","share:abc"]']);
    expect(expiredTagPayloads([])).toEqual([]);
  });

  it('splits many tags into payloads under PostgreSQL’s 8000-byte limit, every tag once and in order', () => {
    const tags = Array.from({ length: 600 }, (_, i) => `_N_T_/s/${'x'.repeat(43)}${i}/train`);
    const payloads = expiredTagPayloads(tags);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap(tagsOfPayload)).toEqual(tags);
  });

  it('reads back only a JSON array of strings', () => {
    expect(tagsOfPayload('["a","b"]')).toEqual(['a', 'b']);
    expect(tagsOfPayload('["a",1,null]')).toEqual(['a']);
    expect(tagsOfPayload('{"a":1}')).toEqual([]);
    expect(tagsOfPayload('not json')).toEqual([]);
    expect(tagsOfPayload(undefined)).toEqual([]);
  });
});
