import type { AuthContext, BetterAuthRateLimitStorage } from 'better-auth';
import { getIP } from 'better-auth/api';

export type Limit = { window: number; max: number };
/** `retryAfter`: seconds until the next request may go ahead, when this one may not. */
export type Verdict = Awaited<ReturnType<BetterAuthRateLimitStorage['consume']>>;

const allowed: Verdict = { allowed: true, retryAfter: null };

interface RateLimitRow {
  key: string;
  count: number;
  lastRequest: number | string;
}

/**
 * BetterAuth's `rateLimit` table, with the same rule its own database storage applies: a window
 * restarts when `window` seconds pass after the last counted request. Each step is one guarded
 * write, so two instances cannot both take the last lookup.
 */
async function consumeInTable(context: AuthContext, key: string, rule: Limit, attempts = 3): Promise<Verdict> {
  const adapter = context.adapter;
  const now = Date.now();
  const row = await adapter.findOne<RateLimitRow>({ model: 'rateLimit', where: [{ field: 'key', value: key }] });
  const retry = (): Promise<Verdict> => (attempts > 1 ? consumeInTable(context, key, rule, attempts - 1) : Promise.resolve({ allowed: false, retryAfter: rule.window }));
  if (!row) {
    try {
      await adapter.create({ model: 'rateLimit', data: { key, count: 1, lastRequest: now } });
      return allowed;
    } catch {
      return retry();
    }
  }
  const last = Number(row.lastRequest);
  const windowMs = rule.window * 1000;
  if (now - last >= windowMs) {
    const reset = await adapter.incrementOne({ model: 'rateLimit', where: [{ field: 'key', value: key }, { field: 'lastRequest', operator: 'lte', value: last }], increment: {}, set: { count: 1, lastRequest: now } });
    return reset ? allowed : retry();
  }
  const counted = await adapter.incrementOne({
    model: 'rateLimit',
    where: [{ field: 'key', value: key }, { field: 'lastRequest', operator: 'gt', value: now - windowMs }, { field: 'count', operator: 'lt', value: rule.max }],
    increment: { count: 1 },
    set: { lastRequest: now },
  });
  return counted ? allowed : { allowed: false, retryAfter: Math.max(1, Math.ceil((last + windowMs - now) / 1000)) };
}

/** For a host on BetterAuth's `memory` storage: this process's own counters. */
function memoryStorage(): BetterAuthRateLimitStorage {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweptAt = 0;
  return {
    async consume(key, rule) {
      const now = Date.now();
      // Ended windows are dropped at most once a second: a sweep on every request would cost each
      // request a walk over every address seen, which is what a flood of addresses makes large.
      if (now - sweptAt >= 1_000) {
        sweptAt = now;
        for (const [stale, entry] of windows) if (entry.resetAt <= now) windows.delete(stale);
      }
      const ended = windows.get(key);
      if (ended && ended.resetAt <= now) windows.delete(key);
      const entry = windows.get(key);
      if (!entry) {
        windows.set(key, { count: 1, resetAt: now + rule.window * 1000 });
        return allowed;
      }
      if (entry.count >= rule.max) return { allowed: false, retryAfter: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
      entry.count += 1;
      return allowed;
    },
  };
}

/**
 * Per-address budgets the plugin counts itself, in the host's own rate-limit storage, so a budget
 * is shared by every instance when that storage is (BetterAuth's `database` or `secondary-storage`,
 * or a `customStorage`). A bucket is named by the plugin, not by the path, so several paths can
 * spend one budget: every lookup of a device code, from whichever page, is one bucket per address
 * (RFC 8628 §5.1: guessing a user code must stay out of reach).
 *
 * `spend` counts one request against a bucket and says whether it may go ahead.
 */
export function addressBudgets() {
  const memory = memoryStorage();
  return {
    async spend(bucket: string, rule: Limit, request: Request | Headers, context: AuthContext): Promise<Verdict> {
      // The host's choice: BetterAuth turns rate limiting off outside production unless told otherwise.
      if (!context.rateLimit.enabled) return allowed;
      const address = getIP(request, context.options) ?? 'no-trusted-ip';
      const key = `${address}|desktop-handoff:${bucket}`;
      const custom = context.options.rateLimit?.customStorage;
      if (custom) return custom.consume(key, rule);
      if (context.rateLimit.storage === 'secondary-storage' && context.secondaryStorage?.increment) {
        // A counter that expires `window` seconds after it started: BetterAuth's own reading of it.
        return (await context.secondaryStorage.increment(key, rule.window)) <= rule.max ? allowed : { allowed: false, retryAfter: rule.window };
      }
      if (context.rateLimit.storage === 'database') return consumeInTable(context, key, rule);
      return memory.consume(key, rule);
    },
  };
}

export type AddressBudgets = ReturnType<typeof addressBudgets>;
