import { AppError } from '../errors';

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The request body is over ${maxBytes / 1024} KiB.`);
}

/**
 * Reads a request body as UTF-8 text, refusing it as soon as it passes `maxBytes`: a declared
 * Content-Length over the limit is refused before a byte is read, and a streamed body is cut off
 * (and the stream cancelled) at the first chunk that crosses the limit.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
