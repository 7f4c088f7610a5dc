import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnAppProcess, startAppServer, type AppServer } from '../support/app-server';
import { HttpVisitor } from '../support/http-visitor';

// One embedded data folder, used by every process of this file in turn.
const root = mkdtempSync(path.join(tmpdir(), 'montage-folder-'));
const dataDir = path.join(root, 'pglite');
const running: AppServer[] = [];
afterAll(async () => {
  for (const app of running) await app.kill();
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<AppServer> {
  const app = await startAppServer({ MONTAGE_DATA_DIR: dataDir });
  running.push(app);
  return app;
}

function processGroupOf(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

async function montageNames(visitor: HttpVisitor): Promise<string[]> {
  const { status, body } = await visitor.json<{ montages: { name: string }[] }>('GET', '/api/montages');
  expect(status).toBe(200);
  return body.montages.map((m) => m.name).sort();
}

describe('the embedded database folder is held by one process', () => {
  it('refuses a second process on the same folder, naming the folder and the holder; the first keeps serving and nothing is lost', async () => {
    const first = await start();
    const visitor = new HttpVisitor(first.baseUrl);
    const created = await visitor.json('POST', '/api/montages', { mode: 'circuit', lengthMin: 20, name: 'Siberia' });
    expect(created.status).toBe(201);

    const second = await spawnAppProcess({ MONTAGE_DATA_DIR: dataDir });
    const code = await second.exited;
    expect(code).not.toBe(0);
    const message = second.output();
    expect(message).toContain(dataDir);
    const holder = Number(/in use by process (\d+)/.exec(message)?.[1]);
    expect(processGroupOf(holder)).toBe(first.pid);

    // The first process was not disturbed, and a clean stop leaves the folder whole and unlocked.
    expect(await montageNames(visitor)).toEqual(['Siberia']);
    await first.stop();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(readdirSync(dataDir)).toContain('PG_VERSION');

    const restarted = await start();
    expect(await montageNames(visitor.on(restarted.baseUrl))).toEqual(['Siberia']);
    await restarted.stop();
  });

  it('keeps every acknowledged write after kill -9 in the middle of a burst, and the dead process’s lock does not block the restart', async () => {
    const app = await start();
    const visitor = new HttpVisitor(app.baseUrl);
    expect((await visitor.json('POST', '/api/montages', { mode: 'hiit', lengthMin: 20, name: 'before the burst' })).status).toBe(201);

    const acknowledged: string[] = [];
    let isKilled = false;
    const writer = async (lane: number) => {
      for (let i = 0; !isKilled; i += 1) {
        const name = `burst ${lane}-${i}`;
        try {
          const { status } = await visitor.json('POST', '/api/montages', { mode: 'hiit', lengthMin: 20, name });
          if (status === 201) acknowledged.push(name);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 8) await new Promise((r) => setTimeout(r, 20));
    isKilled = true;
    await app.kill();
    await Promise.all(lanes);
    expect(existsSync(`${dataDir}.lock`)).toBe(true); // left behind by the killed process

    const restarted = await start();
    const names = await montageNames(visitor.on(restarted.baseUrl));
    expect(names).toEqual(expect.arrayContaining(['before the burst', ...acknowledged]));
    await restarted.stop();
  });
});
