export interface ApiProblem {
  field: string;
  message: string;
}

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: { code: string; message: string; problems: ApiProblem[] } };

/** Calls our JSON API; a failure carries the server's message and field problems, or a network message. */
export async function apiRequest<T>(url: string, method: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: json as T };
    const error = json?.error ?? {};
    return {
      ok: false,
      status: response.status,
      error: {
        code: error.code ?? 'unknown',
        message: error.message ?? `The server answered ${response.status}.`,
        problems: error.problems ?? [],
      },
    };
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: 'network', message: 'Could not reach Montage. Check your connection; nothing was changed.', problems: [] },
    };
  }
}
