'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { logEntry, observe, startSession, type ExerciseEntry, type RecorderState, type SessionMontageRef, type SessionRecord } from '@/lib/domain/session-record';
import type { TimelineStep } from '@/lib/domain/timeline';
import { beaconSessions, flushSessions, keepSession } from './session-outbox';

interface SessionRecorderOptions {
  /** The montage being followed; without it nothing is recorded. */
  montage: SessionMontageRef | null | undefined;
  steps: readonly TimelineStep[];
  elapsedMs: number;
  isRunning: boolean;
}

/** While the clock runs, the device's copy is refreshed at least this often (a crash loses no more). */
const KEEP_EVERY_MS = 5000;

function newSessionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Pages served over plain http to another device are not a secure context: a v4 UUID by hand.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Records the workout as a session from the first Start: each interval done, skipped or cut short,
 * pauses and active time. The session is kept on the device at every change and sent when online
 * (again when the connection comes back, and by beacon as the tab closes), so none is lost.
 */
export function useSessionRecorder({ montage, steps, elapsedMs, isRunning }: SessionRecorderOptions) {
  const state = useRef<RecorderState | null>(null);
  const keptAt = useRef(0);
  // The session once completed, for the finished screen's summary: the record lives outside React
  // (kept on the device), so the page reads it as an external store.
  const completedRecord = useRef<SessionRecord | null>(null);
  const completedListeners = useRef(new Set<() => void>());
  const subscribeCompleted = useCallback((listener: () => void) => {
    completedListeners.current.add(listener);
    return () => void completedListeners.current.delete(listener);
  }, []);
  const completed = useSyncExternalStore(
    subscribeCompleted,
    () => completedRecord.current,
    () => null,
  );

  const keep = useCallback((next: RecorderState, shouldSend: boolean) => {
    state.current = next;
    if (next.record.status === 'completed') {
      completedRecord.current = next.record;
      completedListeners.current.forEach((listener) => listener());
    }
    keptAt.current = Date.now();
    keepSession(next.record);
    if (shouldSend) void flushSessions();
  }, []);

  useEffect(() => {
    void flushSessions();
    const onOnline = () => void flushSessions();
    const onPageHide = () => {
      if (state.current) keepSession(state.current.record);
      beaconSessions();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, []);

  useEffect(() => {
    if (!montage) return;
    const nowMs = Date.now();
    const previous = state.current;
    if (!previous) {
      if (isRunning) keep(startSession({ id: newSessionId(), montage, steps, nowMs, elapsedMs }), true);
      return;
    }
    const next = observe(previous, steps, { nowMs, elapsedMs, isRunning });
    if (next === previous) return;
    const isMilestone = next.lastIndex !== previous.lastIndex || next.wasRunning !== previous.wasRunning || next.record.status !== previous.record.status;
    if (isMilestone) keep(next, true);
    else if (nowMs - keptAt.current >= KEEP_EVERY_MS) keep(next, false);
    else state.current = next;
  }, [montage, steps, elapsedMs, isRunning, keep]);

  /** Stores what the user logged after an interval (reps, load, distance, time) with the session. */
  const logExercise = useCallback(
    (position: number, entry: ExerciseEntry) => {
      if (state.current) keep(logEntry(state.current, position, entry), true);
    },
    [keep],
  );

  return { logExercise, completed };
}
