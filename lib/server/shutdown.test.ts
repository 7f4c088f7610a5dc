import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shutdownModule = fileURLToPath(new URL('./shutdown.ts', import.meta.url));

/**
 * Runs a process that installs closeOnShutdown, sends it `signal` once it is ready, and returns what it
 * printed and its exit code. `framework` is the handler a framework (Next) had installed before;
 * `close` the body of the close function.
 */
function runStopped(options: { signal: 'SIGTERM' | 'SIGINT'; framework?: string; close: string; timeoutMs?: number }): Promise<{ code: number | null; lines: string[] }> {
  const script = `
    const { closeOnShutdown } = await import(${JSON.stringify(shutdownModule)});
    ${options.framework ? `process.on('${options.signal}', ${options.framework});` : ''}
    closeOnShutdown(async () => { ${options.close} }, ${options.timeoutMs ?? 10_000});
    closeOnShutdown(async () => { console.log('second close'); });
    setInterval(() => undefined, 1000);
    console.log('ready');
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready') && !child.killed) child.kill(options.signal);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: output.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== 'ready') }));
  });
}

describe('closeOnShutdown: the database is closed before the process exits', () => {
  it('without a framework handler, closes and exits with the signal’s code (143 for SIGTERM, 130 for SIGINT), once', async () => {
    const term = await runStopped({ signal: 'SIGTERM', close: "await new Promise((r) => setTimeout(r, 200)); console.log('closed');" });
    expect(term).toEqual({ code: 143, lines: ['closed'] });
    const int = await runStopped({ signal: 'SIGINT', close: "console.log('closed');" });
    expect(int).toEqual({ code: 130, lines: ['closed'] });
  }, 30_000);

  it('holds the framework’s own exit until the database is closed, with the framework’s code', async () => {
    const result = await runStopped({
      signal: 'SIGTERM',
      framework: "() => { console.log('draining'); setTimeout(() => { console.log('drained'); process.exit(0); process.exit(3); }, 100); }",
      close: "console.log('closing'); await new Promise((r) => setTimeout(r, 200)); console.log('closed');",
    });
    // Closed once, though the framework asked to exit twice.
    expect(result).toEqual({ code: 0, lines: ['draining', 'drained', 'closing', 'closed'] });
    const noCode = await runStopped({ signal: 'SIGINT', framework: '() => process.exit()', close: "console.log('closed');" });
    expect(noCode).toEqual({ code: 130, lines: ['closed'] });
  }, 30_000);

  it('exits anyway when closing fails, saying so, or takes longer than its limit', async () => {
    const failed = await runStopped({ signal: 'SIGTERM', close: "throw new Error('disk gone');" });
    expect(failed.code).toBe(143);
    expect(failed.lines.join('\n')).toContain('Closing the database failed:');
    expect(failed.lines.join('\n')).toContain('disk gone');
    // A close that never settles: the process still goes, after 300 ms rather than never.
    const hung = await runStopped({ signal: 'SIGTERM', close: 'await new Promise(() => undefined);', timeoutMs: 300 });
    expect(hung).toEqual({ code: 143, lines: [] });
  }, 30_000);
});
