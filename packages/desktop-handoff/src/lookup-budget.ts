import type { BetterAuthRateLimitStorage, GenericEndpointContext } from 'better-auth';
import { getIP } from 'better-auth/api';

export type Limit = { window: number; max: number };
type Verdict = Awaited<ReturnType<BetterAuthRateLimitStorage['consume']>>;
type Context = GenericEndpointContext['context'];

/**
 * BetterAuth keys its counters by address and path, so every page that looks a device code up
 * (the device page, its decision, each sign-in form carrying `user_code`) would get a budget of its
 * own. This key is one bucket per address for all of them (RFC 8628 §5.1: guessing a user code must
 * stay out of reach), kept in the host's own rate-limit storage, so it is shared by every instance
 * when that storage is (BetterAuth's `database` or `secondary-storage`, or a `customStorage`).
 */
const bucket = 'desktop-handoff:device-code-lookup';

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
async function consumeInTable(context: Context, key: string, rule: Limit, attempts = 3): Promise<Verdict> {
  const adapter = context.adapter;
  const now = Date.now();
  const row = await adapter.findOne<RateLimitRow>({ model: 'rateLimit', where: [{ field: 'key', value: key }] });
  const retry = (): Promise<Verdict> => (attempts > 1 ? consumeInTable(context, key, rule, attempts - 1) : Promise.resolve({ allowed: false, retryAfter: rule.window }));
  if (!row) {
    try {
      await adapter.create({ model: 'rateLimit', data: { key, count: 1, lastRequest: now } });
      return { allowed: true, retryAfter: null };
    } catch {
      return retry();
    }
  }
  const last = Number(row.lastRequest);
  const windowMs = rule.window * 1000;
  if (now - last >= windowMs) {
    const reset = await adapter.incrementOne({ model: 'rateLimit', where: [{ field: 'key', value: key }, { field: 'lastRequest', operator: 'lte', value: last }], increment: {}, set: { count: 1, lastRequest: now } });
    return reset ? { allowed: true, retryAfter: null } : retry();
  }
  const counted = await adapter.incrementOne({
    model: 'rateLimit',
    where: [{ field: 'key', value: key }, { field: 'lastRequest', operator: 'gt', value: now - windowMs }, { field: 'count', operator: 'lt', value: rule.max }],
    increment: { count: 1 },
    set: { lastRequest: now },
  });
  return counted ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: Math.ceil((last + windowMs - now) / 1000) };
}

/** For a host on BetterAuth's `memory` storage: this process's own counters. */
function memoryStorage(): BetterAuthRateLimitStorage {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async consume(key, rule) {
      const now = Date.now();
      for (const [stale, entry] of windows) if (entry.resetAt <= now) windows.delete(stale);
      const entry = windows.get(key);
      if (!entry) {
        windows.set(key, { count: 1, resetAt: now + rule.window * 1000 });
        return { allowed: true, retryAfter: null };
      }
      if (entry.count >= rule.max) return { allowed: false, retryAfter: Math.ceil((entry.resetAt - now) / 1000) };
      entry.count += 1;
      return { allowed: true, retryAfter: null };
    },
  };
}

/** The budget of one plugin instance: `spend` counts one lookup and says whether it may go ahead. */
export function lookupBudget(rule: Limit) {
  const memory = memoryStorage();
  return {
    rule,
    async spend(ctx: GenericEndpointContext): Promise<boolean> {
      const context = ctx.context;
      // The host's choice: BetterAuth turns rate limiting off outside production unless told otherwise.
      if (!context.rateLimit.enabled) return true;
      const address = getIP(ctx.request ?? ctx.headers ?? new Headers(), context.options) ?? 'no-trusted-ip';
      const key = `${address}|${bucket}`;
      const custom = context.options.rateLimit?.customStorage;
      if (custom) return (await custom.consume(key, rule)).allowed;
      if (context.rateLimit.storage === 'secondary-storage' && context.secondaryStorage?.increment) {
        return (await context.secondaryStorage.increment(key, rule.window)) <= rule.max;
      }
      if (context.rateLimit.storage === 'database') return (await consumeInTable(context, key, rule)).allowed;
      return (await memory.consume(key, rule)).allowed;
    },
  };
}

export type LookupBudget = ReturnType<typeof lookupBudget>;
