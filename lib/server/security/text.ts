/** C0 controls except tab, newline and carriage return; DEL and C1 controls. NUL is among them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The path (`tracks.2.title`, or `body`) of the first string in a parsed JSON value, key or
 * value, that holds a control character; null when there is none. PostgreSQL cannot store NUL in
 * text, so such a string must be refused as input, never reach a query. Walks without recursion:
 * a deeply nested body cannot overflow the stack.
 */
export function hasControlCharacters(root: unknown): string | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) return pathOf(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: path.length < 32 ? [...path, String(i)] : path });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        if (CONTROL.test(key)) return pathOf([...path, key.replace(new RegExp(CONTROL.source, 'g'), '?')]);
        stack.push({ value: item, path: path.length < 32 ? [...path, key] : path });
      }
    }
  }
  return null;
}

function pathOf(path: string[]): string {
  return path.length > 0 ? path.join('.') : 'body';
}

/** True when a text has something visible: not only whitespace, zero-width or format characters. */
export function hasVisibleCharacters(text: string): boolean {
  return /[^\s\p{Cf}\p{Cc}\u115f\u1160\u3164\uffa0]/u.test(text);
}

/** An id taken from a URL is one we could ever have issued: bounded, printable, no NUL. */
export function isPlausibleId(id: string, maxLength = 200): boolean {
  return id.length > 0 && id.length <= maxLength && !CONTROL.test(id);
}

/** A share token is URL-safe base64 (we issue 43 characters); anything else names no link. */
export function isShareToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,100}$/.test(token);
}
