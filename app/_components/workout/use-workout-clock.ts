'use client';

import { useCallback, useRef, useState } from 'react';

/**
 * The page's own workout clock: elapsed time is read from `performance.now()`, not counted in
 * ticks, so it stays right while the tab is hidden. `isRunningRef` is read by callbacks that
 * must not wait for a render.
 */
export function useWorkoutClock(totalMs: number) {
  const clock = useRef<{ baseMs: number; resumedAt: number | null }>({ baseMs: 0, resumedAt: null });
  const isRunningRef = useRef(false);
  const [isRunning, setIsRunning] = useState(false);

  /** Where the own clock stands, in ms from the start of the workout. */
  const ownElapsed = useCallback(() => {
    const { baseMs, resumedAt } = clock.current;
    return Math.min(totalMs, baseMs + (resumedAt === null ? 0 : performance.now() - resumedAt));
  }, [totalMs]);

  /** Puts the clock at `ms`, running on from there if it runs. */
  const setAt = useCallback((ms: number) => {
    clock.current = { baseMs: ms, resumedAt: isRunningRef.current ? performance.now() : null };
  }, []);

  /** Starts the clock at `ms`. */
  const run = useCallback((ms: number) => {
    clock.current = { baseMs: ms, resumedAt: performance.now() };
    isRunningRef.current = true;
    setIsRunning(true);
  }, []);

  /** Stops the clock at `ms`. */
  const hold = useCallback((ms: number) => {
    clock.current = { baseMs: ms, resumedAt: null };
    isRunningRef.current = false;
    setIsRunning(false);
  }, []);

  return { isRunning, isRunningRef, ownElapsed, setAt, run, hold };
}
