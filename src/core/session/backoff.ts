import type { Random } from '../ports';

/**
 * Capped exponential backoff with full jitter: retry n waits a random time in
 * [base·2ⁿ / 2, base·2ⁿ], never more than `cap`. Jitter spreads reconnects after an outage.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000 };

/** `unit` is a random number in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, unit: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(unit, 0), 1));
}

/** A random number in [0, 1) from two random bytes, for `backoffDelay`'s jitter. */
export function unitRandom(random: Random): number {
  const [a = 0, b = 0] = random.bytes(2);
  return ((a << 8) | b) / 65_536;
}
