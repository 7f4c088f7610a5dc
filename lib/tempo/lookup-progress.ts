/**
 * Drives a whole tempo lookup as a run of batches (the server asks at most 40 ISRCs a batch):
 * what to ask next, how long to wait so Deezer's quota (50 requests per 5 s) is never spent,
 * and when to stop. Pure: the browser sends the batches and shows the counts.
 */

/** Deezer's quota: this many requests per window. */
export const DEEZER_QUOTA = { requests: 50, windowMs: 5000 } as const;

/** Track ids a batch may name (the route's bound). */
export const MAX_TRACK_IDS_PER_BATCH = 200;

/** Quota stops in a row (no tempo found in between) before the run gives up. */
export const MAX_QUOTA_STOPS_IN_A_ROW = 3;

/** What the server answered for one batch (the route's report, as far as progress needs it). */
export interface LookupBatchAnswer {
  tracks: { trackId: string; bpm: number | null }[];
  failed: { trackId: string }[];
  notAsked: { trackId: string }[];
  requests: number;
  stopped: { message: string } | null;
}

export interface LookupProgress {
  /** Tracks in the run: known after the first answer. */
  total: number;
  found: number;
  unknown: number;
  failed: number;
  /** Tracks still to ask, in order. */
  queue: string[];
  quotaStopsInARow: number;
}

export type LookupStep =
  | { kind: 'ask'; trackIds: string[]; waitMs: number }
  | { kind: 'done' }
  | { kind: 'gave_up'; message: string };

/**
 * A run over these tracks, or (no ids) over every track of the visitor's missing a tempo, which
 * the first answer counts. Returns the progress and the first batch to send.
 */
export function startLookup(trackIds?: readonly string[]): { progress: LookupProgress; step: LookupStep } {
  const queue = [...(trackIds ?? [])];
  const progress = { total: queue.length, found: 0, unknown: 0, failed: 0, queue, quotaStopsInARow: 0 };
  return { progress, step: { kind: 'ask', trackIds: queue.slice(0, MAX_TRACK_IDS_PER_BATCH), waitMs: 0 } };
}

/** Tracks answered so far (found, unknown to the source, or failed): the progress bar's value. */
export const answeredCount = (progress: LookupProgress): number => progress.found + progress.unknown + progress.failed;

/** Folds one batch's answer into the progress and says what comes next; `sentTrackIds` is what the batch named. */
export function advanceLookup(progress: LookupProgress, sentTrackIds: readonly string[], answer: LookupBatchAnswer): { progress: LookupProgress; step: LookupStep } {
  const found = answer.tracks.filter((t) => t.bpm !== null).length;
  // A batch naming no tracks asks for all of them: its answer lists every track of the run.
  const isOpen = sentTrackIds.length === 0;
  const notSent = isOpen ? [] : progress.queue.slice(sentTrackIds.length);
  const queue = [...answer.notAsked.map((t) => t.trackId), ...notSent];
  const next: LookupProgress = {
    total: isOpen ? answer.tracks.length + answer.failed.length + answer.notAsked.length : progress.total,
    found: progress.found + found,
    unknown: progress.unknown + answer.tracks.length - found,
    failed: progress.failed + answer.failed.length,
    queue,
    quotaStopsInARow: answer.stopped && answer.tracks.length === 0 ? progress.quotaStopsInARow + 1 : 0,
  };
  if (queue.length === 0) return { progress: next, step: { kind: 'done' } };
  if (answer.stopped && next.quotaStopsInARow >= MAX_QUOTA_STOPS_IN_A_ROW) return { progress: next, step: { kind: 'gave_up', message: answer.stopped.message } };
  // After a quota stop wait a whole window; otherwise spread the requests just sent over the window.
  const waitMs = answer.stopped ? DEEZER_QUOTA.windowMs : Math.ceil((answer.requests / DEEZER_QUOTA.requests) * DEEZER_QUOTA.windowMs);
  return { progress: next, step: { kind: 'ask', trackIds: queue.slice(0, MAX_TRACK_IDS_PER_BATCH), waitMs } };
}

/** A lookup run as the browser polls it (GET /api/tempo/lookup/run). */
export interface TempoLookupRunView {
  status: 'none' | 'running' | 'done' | 'gave_up' | 'stopped';
  total: number;
  /** Tracks answered so far (found, unknown to the source, or failed): the progress bar's value. */
  answered: number;
  found: number;
  unknown: number;
  failed: number;
  /** Tracks not asked (yet, or ever when the run stopped). */
  notAsked: number;
  /** Why the run gave up (Deezer's quota), in words a person can act on. */
  error: string | null;
}
