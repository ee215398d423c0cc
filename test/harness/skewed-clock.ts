import type { Clock } from '../../src/core/ports';

/**
 * The machine's real clock, with its wall clock set off by `skewMs`, which a journey may change
 * while the app runs (a clock set by hand, a VM restored from a snapshot). Timers and the
 * monotonic clock stay real, as the OS's do when the wall clock is set.
 */
export class SkewedClock implements Clock {
  skewMs = 0;

  now(): number {
    return Date.now() + this.skewMs;
  }

  monotonic(): number {
    return performance.now();
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  }
}
