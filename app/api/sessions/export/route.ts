import { stringify } from 'csv-stringify/sync';
import { getDb } from '@/db/client';
import { listSessionIntervals, listSessions } from '@/db/queries/sessions';
import { spreadsheetSafe } from '@/lib/domain/spreadsheet-cell';
import { AppError } from '@/lib/server/errors';
import { handler } from '@/lib/server/http';
import { ownerOf } from '@/lib/server/request-owner';

const FORMATS = ['csv', 'json'] as const;

const CSV_COLUMNS = [
  'session_id', 'montage_name', 'montage_mode', 'montage_version', 'session_status', 'started_at', 'ended_at',
  'session_active_ms', 'paused_ms', 'pause_count', 'position', 'track_title', 'kind', 'exercise', 'intensity',
  'planned_ms', 'active_ms', 'interval_status', 'reps', 'load_kg', 'distance_m', 'time_sec',
];

/** The visitor's whole history as a download: JSON (sessions with their intervals) or CSV (one row per interval). */
export const GET = handler(async (request: Request) => {
  const format = new URL(request.url).searchParams.get('format') ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new AppError('invalid_input', 'format must be csv or json', [{ field: 'format', message: 'must be csv or json' }]);
  }
  const db = await getDb();
  const ownerId = await ownerOf(db, request);
  const [sessions, intervals] = ownerId ? await Promise.all([listSessions(db, ownerId), listSessionIntervals(db, ownerId)]) : [[], []];
  const bySession = new Map<string, typeof intervals>();
  for (const interval of intervals) {
    const list = bySession.get(interval.sessionId);
    if (list) list.push(interval);
    else bySession.set(interval.sessionId, [interval]);
  }
  const ordered = [...sessions].reverse();
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = new Headers({ 'cache-control': 'no-store' });

  if (format === 'json') {
    const body = ordered.map((s) => ({
      ...s,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt.toISOString(),
      intervals: (bySession.get(s.id) ?? []).map(({ sessionId: _id, ...i }) => i),
    }));
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.set('content-disposition', `attachment; filename="montage-sessions-${stamp}.json"`);
    return new Response(JSON.stringify({ sessions: body }, null, 2), { headers });
  }

  const rows = ordered.flatMap((s) => {
    const head = [s.id, s.montageName, s.montageMode, s.montageVersion, s.status, s.startedAt.toISOString(), s.endedAt.toISOString(), s.activeMs, s.pausedMs, s.pauseCount];
    const list = bySession.get(s.id) ?? [];
    if (list.length === 0) return [[...head, ...Array(CSV_COLUMNS.length - head.length).fill(null)]];
    return list.map((i) => [...head, i.position, i.trackTitle, i.kind, i.exercise, i.intensity, i.plannedMs, i.activeMs, i.status, i.reps, i.loadKg, i.distanceM, i.timeSec]);
  });
  headers.set('content-type', 'text/csv; charset=utf-8');
  headers.set('content-disposition', `attachment; filename="montage-sessions-${stamp}.csv"`);
  return new Response(stringify(rows.map((row) => row.map(spreadsheetSafe)), { header: true, columns: CSV_COLUMNS }), { headers });
});
