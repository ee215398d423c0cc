import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/core/session/backoff';
import { singleFlight } from '../../../src/core/session/single-flight';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };
  it.each([
    [0, 0, 500],
    [0, 0.999999, 1_000],
    [3, 0, 4_000],
    [3, 1, 8_000],
    [10, 1, 60_000],
    [10, 0, 30_000],
    [1_000, 1, 60_000],
  ])('retry %i with jitter %f waits %i ms', (attempt, unit, delay) => {
    expect(backoffDelay(attempt, policy, unit)).toBe(delay);
  });
});

describe('singleFlight', () => {
  it('shares one running operation among concurrent callers, then allows a new one', async () => {
    let runs = 0;
    let release!: (value: number) => void;
    const guarded = singleFlight(() => {
      runs += 1;
      return new Promise<number>((resolve) => (release = resolve));
    });
    const waiting = Array.from({ length: 50 }, () => guarded());
    release(7);
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(7));
    expect(runs).toBe(1);
    const again = guarded();
    release(8);
    expect(await again).toBe(8);
    expect(runs).toBe(2);
  });

  it('lets the next caller retry after a failure', async () => {
    let runs = 0;
    const guarded = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(guarded()).rejects.toThrow('offline');
    await expect(guarded()).resolves.toBe('ok');
  });
});
