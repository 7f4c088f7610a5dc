import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { readBodyText } from './body';
import { rejectionOf } from '../../../tests/support/rejection';

/** A streamed body of these chunks that records how far it was read and whether it was cancelled. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[seen.pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request('http://127.0.0.1:3000/api/test', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { request, seen };
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe('readBodyText', () => {
  it('reads a body of up to the limit, as UTF-8 even when a character is split between chunks', async () => {
    const heart = new TextEncoder().encode('Burning ♥ Heart');
    const { request } = streamed([heart.slice(0, 9), heart.slice(9)]);
    expect(await readBodyText(request, 1024)).toBe('Burning ♥ Heart');
    expect(await readBodyText(streamed([bytes(512), bytes(512)]).request, 1024)).toHaveLength(1024);
  });

  it('reads bytes that are no UTF-8 as replacement characters, for the JSON parser to refuse', async () => {
    expect(await readBodyText(streamed([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]).request, 1024)).toBe('{\ufffd\ufffd}');
  });

  it('reads no body as empty text', async () => {
    expect(await readBodyText(new Request('http://127.0.0.1:3000/api/test', { method: 'POST' }), 10)).toBe('');
  });

  it('refuses a declared length over the limit before reading a byte', async () => {
    const { request, seen } = streamed([bytes(10)], { 'content-length': '2049' });
    const error = await rejectionOf(readBodyText(request, 2048), AppError);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The request body is over 2 KiB.');
    expect(request.bodyUsed).toBe(false);
    expect(seen.cancelled).toBe(false);
  });

  it('trusts no declared length: a stream that passes the limit is cut off at that chunk and cancelled', async () => {
    const { request, seen } = streamed([bytes(600), bytes(600), bytes(600), bytes(600)], { 'content-length': '10' });
    const error = await rejectionOf(readBodyText(request, 1024), AppError);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The request body is over 1 KiB.');
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(4);
  });

  it('reads a body that declares the limit exactly, or a length that is no number', async () => {
    expect(await readBodyText(streamed([bytes(1024)], { 'content-length': '1024' }).request, 1024)).toHaveLength(1024);
    expect(await readBodyText(streamed([bytes(3)], { 'content-length': 'lots' }).request, 1024)).toBe('aaa');
  });
});
