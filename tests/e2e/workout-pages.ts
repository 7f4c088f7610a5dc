import type { BrowserContext, Page } from 'playwright-core';
import { TrainPage } from './pages';

/** The two screens every workout and editor test runs on. */
export const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

interface Probes {
  spoken: string[];
  pipHz: number[];
  vibrations: unknown[];
  wakeLocksHeld: () => number;
  mediaActions: Record<string, (() => void) | null>;
}

/**
 * Listens where a person would: what the voice says, the beeps (by pitch), the buzzes, whether
 * the screen is kept on (a wake lock the browser drops when the page is hidden, as browsers do)
 * and the lock screen's / headphones' buttons.
 */
export async function installWorkoutProbes(context: BrowserContext) {
  await context.addInitScript(() => {
    const probes: Probes = { spoken: [], pipHz: [], vibrations: [], wakeLocksHeld: () => 0, mediaActions: {} };
    (window as unknown as { probes: Probes }).probes = probes;
    speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void probes.spoken.push(utterance.text);
    speechSynthesis.cancel = () => undefined;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      probes.pipHz.push(this.frequency.value);
      return start.apply(this, args);
    };
    Object.defineProperty(navigator, 'vibrate', { value: (pattern: unknown) => (probes.vibrations.push(pattern), true), configurable: true });
    const locks = new Set<{ released: boolean }>();
    probes.wakeLocksHeld = () => [...locks].filter((l) => !l.released).length;
    Object.defineProperty(navigator, 'wakeLock', {
      configurable: true,
      value: {
        request: async () => {
          if (document.visibilityState !== 'visible') throw new DOMException('hidden', 'NotAllowedError');
          const lock = { released: false, release: async () => void (lock.released = true) };
          locks.add(lock);
          return lock;
        },
      },
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') locks.forEach((l) => (l.released = true));
    });
    const session = navigator.mediaSession;
    const setActionHandler = session.setActionHandler.bind(session);
    session.setActionHandler = (action: MediaSessionAction, handler: MediaSessionActionHandler | null) => {
      probes.mediaActions[action] = handler ? () => handler({ action }) : null;
      setActionHandler(action, handler);
    };
  });
}

/** The workout screen with its probes read. */
export class ProbedTrainPage extends TrainPage {
  constructor(page: Page) {
    super(page);
  }

  probe<T>(read: (probes: Probes) => T): Promise<T> {
    return this.page.evaluate(`(${read.toString()})(window.probes)`) as Promise<T>;
  }

  spoken(): Promise<string[]> {
    return this.probe((p) => p.spoken);
  }

  async nextExercise(): Promise<string> {
    return ((await this.page.getByTestId('next-exercise').locator('strong').textContent()) ?? '').trim();
  }

  async previous() {
    await this.page.getByRole('button', { name: 'Previous interval' }).click();
  }

  async next() {
    await this.page.getByRole('button', { name: 'Next interval' }).click();
  }

  /** Presses a lock-screen / headphone button. */
  async mediaAction(action: 'play' | 'pause' | 'previoustrack' | 'nexttrack') {
    await this.page.evaluate(`window.probes.mediaActions[${JSON.stringify(action)}]()`);
  }

  async isRunning(): Promise<boolean> {
    return (await this.page.getByRole('button', { name: 'Pause' }).count()) === 1;
  }
}
