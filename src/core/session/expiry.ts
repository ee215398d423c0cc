/**
 * Where a session stands against its wall-clock expiry, and when to look again. Everything is
 * computed from `now` and `expiresAt`, so a sleep or a clock change is handled by asking again.
 */
export type ExpiryPhase =
  | { kind: 'fresh' }
  /** `threshold` is the smallest configured threshold already crossed (ms before expiry). */
  | { kind: 'expiringSoon'; threshold: number }
  | { kind: 'expired' };

/** `thresholds` are ms before expiry, in any order. */
export function expiryPhase(now: number, expiresAt: number, thresholds: readonly number[]): ExpiryPhase {
  const left = expiresAt - now;
  if (left <= 0) return { kind: 'expired' };
  const crossed = thresholds.filter((threshold) => left <= threshold);
  if (crossed.length === 0) return { kind: 'fresh' };
  return { kind: 'expiringSoon', threshold: Math.min(...crossed) };
}

/** The next instant at which the phase can change: a threshold not yet crossed, or expiry. */
export function nextPhaseChange(now: number, expiresAt: number, thresholds: readonly number[]): number {
  const upcoming = [...thresholds.map((threshold) => expiresAt - threshold), expiresAt].filter((at) => at > now);
  return upcoming.length === 0 ? now : Math.min(...upcoming);
}

/**
 * How long to wait before looking again. Timers are capped so that a machine that slept, or a
 * clock that jumped, is noticed within `cap` even without a resume event.
 */
export function recheckDelay(now: number, expiresAt: number, thresholds: readonly number[], cap: number): number {
  return Math.max(0, Math.min(cap, nextPhaseChange(now, expiresAt, thresholds) - now));
}

/**
 * Which thresholds deserve a notification now: each crossed threshold once per expiry. When the
 * server moves `expiresAt` later, thresholds that are no longer crossed become notifiable again.
 */
export class ExpiryNotices {
  #expiresAt: number | null = null;
  readonly #notified = new Set<number>();
  #expiryNotified = false;

  /** Returns the threshold to announce now, if any (only the most urgent of several at once). */
  thresholdToAnnounce(now: number, expiresAt: number, thresholds: readonly number[]): number | null {
    this.#follow(now, expiresAt, thresholds);
    const phase = expiryPhase(now, expiresAt, thresholds);
    if (phase.kind !== 'expiringSoon') return null;
    const fresh = thresholds.filter((threshold) => expiresAt - now <= threshold && !this.#notified.has(threshold));
    for (const threshold of fresh) this.#notified.add(threshold);
    return fresh.length > 0 ? phase.threshold : null;
  }

  /** True once per expiry. */
  expiryToAnnounce(now: number, expiresAt: number): boolean {
    if (expiresAt > now || this.#expiryNotified) return false;
    this.#expiryNotified = true;
    return true;
  }

  reset(): void {
    this.#expiresAt = null;
    this.#notified.clear();
    this.#expiryNotified = false;
  }

  #follow(now: number, expiresAt: number, thresholds: readonly number[]): void {
    if (this.#expiresAt === expiresAt) return;
    this.#expiresAt = expiresAt;
    this.#expiryNotified = false;
    for (const threshold of [...this.#notified]) {
      if (!thresholds.includes(threshold) || expiresAt - now > threshold) this.#notified.delete(threshold);
    }
  }
}
