/**
 * One NTP-style exchange between a device and the server, all times in milliseconds:
 * `t0` the device sent (device clock), `t1` the server received and `t2` it answered (server
 * clock), `t3` the device received the answer (device clock).
 */
export interface ClockExchange {
  t0: number;
  t1: number;
  t2: number;
  t3: number;
}

/** What one exchange says about `serverMs - deviceMs`. */
export interface OffsetMeasurement {
  /** Midpoint estimate of the server clock minus the device clock (ms). */
  offsetMs: number;
  /** Time on the wire both ways, the server's own processing left out (ms). */
  rttMs: number;
  /** The true offset lies in [offsetMs - halfWidthMs, offsetMs + halfWidthMs] whatever the path's asymmetry (ms). */
  halfWidthMs: number;
  /** When the answer arrived, on the device clock (ms): the age of the measurement is counted from here. */
  receivedAtDeviceMs: number;
}

export type ExchangeProblem = 'not-finite' | 'answered-before-asked' | 'received-before-sent';

/**
 * Offset and round trip of one exchange. Why the bound holds: the request reached the server
 * no sooner than it left (t1 ≥ t0 + θ) and the answer reached the device no sooner than it left
 * (t3 + θ ≥ t2), so the true offset θ lies in [t2 - t3, t1 - t0], an interval `rttMs` wide whose
 * middle is `offsetMs`: at most `rttMs / 2` from θ however unequal the two legs are (and no
 * round-trip measurement can tell how unequal they are).
 */
export function measureExchange(exchange: ClockExchange): OffsetMeasurement | ExchangeProblem {
  const { t0, t1, t2, t3 } = exchange;
  if (![t0, t1, t2, t3].every(Number.isFinite)) return 'not-finite';
  if (t2 < t1) return 'answered-before-asked';
  const rttMs = t3 - t0 - (t2 - t1);
  if (rttMs < 0) return 'received-before-sent';
  return { offsetMs: (t1 - t0 + (t2 - t3)) / 2, rttMs, halfWidthMs: rttMs / 2, receivedAtDeviceMs: t3 };
}
