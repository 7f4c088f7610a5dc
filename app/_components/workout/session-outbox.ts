import type { SessionRecord } from '@/lib/domain/session-record';

/**
 * Sessions waiting to reach the server, kept in localStorage by id: written at every change of a
 * workout, sent when online, and removed once the server has the revision that was sent. Sending
 * one twice is harmless (the id is the device's, and the server keeps the highest revision).
 */
const STORAGE_KEY = 'montage.session-outbox.v1';
export const SESSIONS_URL = '/api/sessions';

type Outbox = Record<string, SessionRecord>;

function read(): Outbox {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Outbox) : {};
  } catch {
    return {};
  }
}

function write(outbox: Outbox): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(outbox));
  } catch {
    // Storage full or refused (private mode): the session is still sent while the page is open.
  }
}

/** Keeps the latest copy of a session on the device until the server has it. */
export function keepSession(session: SessionRecord): void {
  const outbox = read();
  const kept = outbox[session.id];
  if (kept && kept.revision > session.revision) return;
  write({ ...outbox, [session.id]: session });
}

export function pendingSessions(): SessionRecord[] {
  return Object.values(read());
}

function forget(id: string, revision: number): void {
  const outbox = read();
  if ((outbox[id]?.revision ?? Infinity) > revision) return;
  delete outbox[id];
  write(outbox);
}

/** A refusal that no retry can change (bad data, someone else's id): keeping it would resend it forever. */
function isFinal(status: number): boolean {
  return status >= 200 && status < 300 ? true : status === 400 || status === 404 || status === 413 || status === 422;
}

let flushing: Promise<number> | null = null;

/** Sends every kept session; returns how many are still waiting (offline, or the server failed). */
export function flushSessions(): Promise<number> {
  flushing ??= (async () => {
    for (const session of pendingSessions()) {
      try {
        const response = await fetch(SESSIONS_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(session),
          keepalive: true,
        });
        if (isFinal(response.status)) forget(session.id, session.revision);
      } catch {
        // Offline: it stays on the device for the next try.
      }
    }
    return pendingSessions().length;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * The tab is going away: hands each kept session to the browser, which sends it even after the
 * page is gone. They stay kept too, in case the beacon is lost; the next visit sends them again.
 */
export function beaconSessions(): void {
  if (typeof navigator.sendBeacon !== 'function') return;
  for (const session of pendingSessions()) {
    navigator.sendBeacon(SESSIONS_URL, new Blob([JSON.stringify(session)], { type: 'application/json' }));
  }
}
