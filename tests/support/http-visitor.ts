/** A browser-like visitor of a running app: one cookie jar, same-origin requests. */
export class HttpVisitor {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The same visitor (same cookies) on another process of the app. */
  on(baseUrl: string): HttpVisitor {
    const other = new HttpVisitor(baseUrl);
    other.cookies = this.cookies;
    return other;
  }

  /** The visitor's cookies as a Cookie header. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, pathname: string, body?: unknown): Promise<Response> {
    const headers = new Headers({ origin: this.baseUrl });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${this.baseUrl}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return response;
  }

  async json<T = any>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, pathname, body);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}
