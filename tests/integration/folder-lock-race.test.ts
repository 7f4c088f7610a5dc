import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 31, item 10: the embedded database's folder lock (db/folder-lock.ts) had two holders in 5 of
 * 40 races of the lock code alone. Here real processes (the lock names a PID) race for one folder,
 * started at the same instant, some rounds over a lock left by a dead process: exactly one holds it.
 */
const work = mkdtempSync(path.join(tmpdir(), 'montage-lock-race-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lockModule = path.join(work, 'folder-lock.mjs');
buildSync({ entryPoints: [path.resolve('db/folder-lock.ts')], outfile: lockModule, format: 'esm', platform: 'node', bundle: true, logLevel: 'silent' });
const contender = path.join(work, 'contender.mjs');
writeFileSync(
  contender,
  `import { lockDataFolder } from ${JSON.stringify(lockModule)};
const [dataDir, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
let outcome;
try { const release = lockDataFolder(dataDir); outcome = 'held'; setTimeout(() => { release(); }, 1500); }
catch (error) { outcome = error.code === 'data_folder_locked' ? 'locked' : 'error ' + error.message; }
process.stdout.write(outcome);
`,
);

/** A PID that no process has any more. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

function race(dataDir: string, contenders: number): Promise<string[]> {
  const startAt = Date.now() + 1500;
  return Promise.all(
    Array.from(
      { length: contenders },
      () =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [contender, dataDir, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.on('exit', () => resolve(out));
        }),
    ),
  );
}

describe('the embedded data folder lock under a race', () => {
  const ROUNDS = 24;
  it(`${ROUNDS} rounds of 4 processes starting together (half over a dead holder's lock): one holder each round`, async () => {
    const holders: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const dataDir = path.join(work, `data-${round}`);
      if (round % 2 === 0) writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: deadPid(), host: hostname() }));
      const outcomes = await race(dataDir, 4);
      expect(outcomes.filter((o) => o !== 'held' && o !== 'locked')).toEqual([]);
      holders.push(outcomes.filter((o) => o === 'held').length);
    }
    console.info(`[lock race] ${ROUNDS} rounds: holders per round ${holders.join(' ')}`);
    expect(holders.filter((count) => count !== 1)).toEqual([]);
  }, 300_000);
});
