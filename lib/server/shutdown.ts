const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

/**
 * Runs `close` (the database) when the process is told to stop, after the server has finished
 * its requests. Next's own handler stops accepting connections, drains the pending requests and
 * then calls process.exit; that exit is held until `close` has settled (at most `timeoutMs`).
 */
export function closeOnShutdown(close: () => Promise<void>, timeoutMs = 10_000): void {
  // The dev server may run instrumentation again; the handlers are installed once per process.
  const globalForShutdown = globalThis as unknown as { montageShutdownInstalled?: boolean };
  if (globalForShutdown.montageShutdownInstalled) return;
  globalForShutdown.montageShutdownInstalled = true;
  for (const signal of SIGNALS) {
    const frameworkHandlers = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => {
      const exit = process.exit.bind(process);
      let isClosing = false;
      const closeThenExit = (code?: number | string | null) => {
        if (isClosing) return undefined as never;
        isClosing = true;
        const timer = setTimeout(() => exit(code ?? EXIT_CODES[signal]), timeoutMs);
        void close()
          .catch((error: unknown) => console.error('Closing the database failed:', error))
          .finally(() => {
            clearTimeout(timer);
            exit(code ?? EXIT_CODES[signal]);
          });
        return undefined as never;
      };
      process.exit = closeThenExit as typeof process.exit;
      if (frameworkHandlers.length === 0) closeThenExit(EXIT_CODES[signal]);
      for (const handler of frameworkHandlers) (handler as (s: NodeJS.Signals) => void)(signal);
    });
  }
}
