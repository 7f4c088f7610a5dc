#!/usr/bin/env node
/**
 * `npm test`: every test — unit, integration (PGlite and PostgreSQL), and the browser tests against
 * one production build — in two lanes side by side, then each stage's time and one closing line.
 *
 *   lane "node":    unit → integration
 *   lane "browser": next build → e2e
 *
 * The build is mostly one core's work and the integration tests mostly wait on the database, so on
 * two cores the lanes overlap well. Each stage is a child process; its output is buffered and
 * printed whole when it ends (the lanes do not interleave lines). A stage that fails does not stop
 * the other lane, so one run reports everything that failed; the exit code is non-zero if any did.
 *
 * `npm test -- --sequential` runs the four stages one after the other (for measuring them alone).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const isSequential = process.argv.includes('--sequential');
const reports = mkdtempSync(path.join(tmpdir(), 'montage-tests-'));
const bin = (name) => path.join(process.cwd(), 'node_modules', '.bin', name);

/** A vitest run that also writes its counts as JSON, read back for the closing line. */
const vitestStage = (name, projects) => ({
  name,
  command: bin('vitest'),
  args: ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, `${name}.json`)}`],
  report: path.join(reports, `${name}.json`),
});

const stages = {
  unit: vitestStage('unit', ['unit']),
  integration: vitestStage('integration', ['integration', 'integration-pg']),
  build: { name: 'build', command: bin('next'), args: ['build'] },
  e2e: vitestStage('e2e', ['e2e']),
};

const results = [];

function run(stage) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`\n===== ${stage.name} (${seconds.toFixed(0)} s, ${code === 0 ? 'passed' : `failed: ${signal ?? `exit ${code}`}`}) =====\n`);
      process.stdout.write(Buffer.concat(chunks));
      const counts = stage.report ? readCounts(stage.report) : null;
      results.push({ name: stage.name, seconds, ok: code === 0, counts });
      resolve(code === 0);
    });
  });
}

function readCounts(file) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
  } catch {
    return null; // the run died before writing it; its exit code says it failed
  }
}

const lane = async (...names) => {
  for (const name of names) if (!(await run(stages[name]))) return;
};

const started = Date.now();
if (isSequential) await lane('unit', 'integration', 'build', 'e2e');
else await Promise.all([lane('unit', 'integration'), lane('build', 'e2e')]);
rmSync(reports, { recursive: true, force: true });

const order = ['unit', 'integration', 'build', 'e2e'];
const table = order.map((name) => {
  const result = results.find((r) => r.name === name);
  if (!result) return `  ${name.padEnd(12)} not run (an earlier stage of its lane failed)`;
  const counts = result.counts ? `  ${result.counts.passed} passed, ${result.counts.failed} failed, ${result.counts.skipped} skipped` : '';
  return `  ${name.padEnd(12)} ${`${result.seconds.toFixed(0)} s`.padStart(6)}  ${result.ok ? 'ok    ' : 'FAILED'}${counts}`;
});
const total = results.reduce((sum, r) => ({ passed: sum.passed + (r.counts?.passed ?? 0), failed: sum.failed + (r.counts?.failed ?? 0) }), { passed: 0, failed: 0 });
const isOk = results.length === order.length && results.every((r) => r.ok);
process.stdout.write(`\nStages (${isSequential ? 'one after the other' : 'lanes unit → integration and build → e2e side by side'}):\n${table.join('\n')}\n  ${'all'.padEnd(12)} ${`${((Date.now() - started) / 1000).toFixed(0)} s`.padStart(6)}\n`);
process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed\n`);
process.exit(isOk ? 0 : 1);
