/**
 * Calls route handlers the way a browser would: JSON bodies and a cookie jar of one cookie.
 */
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** Extra request headers (e.g. X-Forwarded-For as the server sets it: the client's address). */
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  setCookie: string | null;
}

export class Visitor {
  cookie: string | null = null;

  async call<T = any>(handler: unknown, method: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (this.cookie) headers.set('cookie', this.cookie);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const request = new Request('http://127.0.0.1:3000/api/test', { method, headers, body });
    const response = await (handler as RouteHandler)(request, { params: Promise.resolve(options.params ?? {}) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { status: response.status, body: (await response.json()) as T, setCookie };
  }
}
