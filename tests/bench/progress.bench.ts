/**
 * `npm run bench:progress`: the progress page's server time with years of data. Seeds one owner
 * with 5 sessions a week for 3 years (≈ 800 sessions, 25 intervals each: ≈ 20,000 interval rows,
 * one work interval in five with a logged entry) in the embedded database (PGlite, the slower of
 * the two engines), then times what the page does on the server: its queries (`getProgress`) and
 * rendering its content to HTML (`ProgressView`). Prints JSON lines; the target is p95 < 200 ms.
 */
process.env.MONTAGE_DATA_DIR = 'memory://';
delete process.env.DATABASE_URL;

import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { AppRouterContext } from 'next/dist/shared/lib/app-router-context.shared-runtime';
import { print, quantile, round } from './stats';

const { getDb, closeDb } = await import('../../db/client');
const { createOwner } = await import('../../db/queries/owners');
const { getProgress } = await import('../../db/queries/progress');
const { sessionIntervals, workoutSessions } = await import('../../db/schema-sessions');
const { ProgressView } = await import('../../app/_components/progress/progress-view');

const WEEKS = 156;
const PER_WEEK = 5;
const INTERVALS = 25;
const RUNS = 30;
const EXERCISES = ['Log carry', 'Crosscut saw', 'Sled pull', 'Cart press', 'Rock lift', 'Pull-ups', 'Snow run', 'Mountain climb'];

const db = await getDb();
const ownerId = await createOwner(db);
const today = new Date('2026-11-29T12:00:00Z');
let sessionCount = 0;
let intervalCount = 0;
// A fixed pseudo-random sequence (LCG): the same data every run.
let seed = 42;
const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

for (let week = 0; week < WEEKS; week += 1) {
  const sessions = [];
  const intervals = [];
  for (let k = 0; k < PER_WEEK; k += 1) {
    const id = randomUUID();
    const startedAt = new Date(today.getTime() - (week * 7 + k) * 86_400_000);
    const isCompleted = next() > 0.15;
    const activeMs = isCompleted ? 30 * 60_000 : Math.round(next() * 20 * 60_000);
    sessions.push({
      id, ownerId, montageId: null, montageName: 'Rocky circuit · 30 min', montageMode: 'circuit', montageVersion: 1,
      status: isCompleted ? ('completed' as const) : ('abandoned' as const), startedAt, endedAt: new Date(startedAt.getTime() + activeMs),
      plannedMs: 30 * 60_000, activeMs, pausedMs: 0, pauseCount: 0, revision: 1,
    });
    for (let position = 0; position < INTERVALS; position += 1) {
      const kind = position % 2 === 0 ? ('work' as const) : ('rest' as const);
      const exercise = kind === 'work' ? EXERCISES[(position / 2) % EXERCISES.length]! : 'Rest';
      const hasEntry = kind === 'work' && next() < 0.2;
      intervals.push({
        sessionId: id, position, entryIndex: Math.floor(position / 3), trackTitle: 'Hearts on Fire', kind, exercise,
        intensity: kind === 'work' ? 'hard' : 'rest', plannedMs: 72_000, activeMs: 72_000, status: 'done' as const,
        reps: hasEntry ? 5 + Math.floor(next() * 20) : null, loadKg: hasEntry ? 20 + Math.floor(next() * 60) : null, distanceM: null, timeSec: null,
      });
    }
  }
  await db.insert(workoutSessions).values(sessions);
  await db.insert(sessionIntervals).values(intervals);
  sessionCount += sessions.length;
  intervalCount += intervals.length;
}

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
async function renderPage(): Promise<{ queryMs: number; renderMs: number; bytes: number }> {
  const t0 = performance.now();
  const data = await getProgress(db, ownerId);
  const t1 = performance.now();
  const html = renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router as never }, createElement(ProgressView, { data, today })));
  return { queryMs: t1 - t0, renderMs: performance.now() - t1, bytes: html.length };
}

for (let i = 0; i < 5; i += 1) await renderPage();
const runs = [];
for (let i = 0; i < RUNS; i += 1) runs.push(await renderPage());
const figure = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), max: round(sorted.at(-1)!) };
};
const total = figure(runs.map((r) => r.queryMs + r.renderMs));
print({ kind: 'data', sessions: sessionCount, intervalRows: intervalCount, database: 'pglite', cpus: cpus().length, load1: round(loadavg()[0]!) });
print({ kind: 'progress-page', runs: RUNS, queryMs: figure(runs.map((r) => r.queryMs)), renderMs: figure(runs.map((r) => r.renderMs)), totalMs: total, htmlBytes: runs[0]!.bytes });
print({ kind: 'summary', target: 'progress page server time p95 < 200 ms', p95Ms: total.p95, met: total.p95 < 200 });
await closeDb();
