import type { BetterAuthRateLimitStorage } from 'better-auth';

const maxEntries = 10_000;

/**
 * Rate-limit counters owned by one server. BetterAuth's built-in memory store is shared by every
 * instance in the process, so two servers (tests, or a library user with two apps) would spend
 * each other's budget.
 */
export function rateLimitStore(now: () => number = Date.now): BetterAuthRateLimitStorage {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async consume(key, rule) {
      const at = now();
      if (windows.size > maxEntries) for (const [stale, entry] of windows) if (entry.resetAt <= at) windows.delete(stale);
      const entry = windows.get(key);
      if (!entry || entry.resetAt <= at) {
        windows.set(key, { count: 1, resetAt: at + rule.window * 1000 });
        return { allowed: true, retryAfter: null };
      }
      if (entry.count >= rule.max) return { allowed: false, retryAfter: Math.ceil((entry.resetAt - at) / 1000) };
      entry.count += 1;
      return { allowed: true, retryAfter: null };
    },
  };
}
