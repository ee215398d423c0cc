import type { AuthContext, BetterAuthRateLimitOptions, GenericEndpointContext } from 'better-auth';
import type { AddressBudgets, Limit } from './address-budget.js';
import { pagePaths } from './handoff-settings.js';
import { pagePathOf, pageRoutes, type PageLimitName } from './page-routes.js';
import { waitScreen } from './pages/screens.js';

type HostRule = NonNullable<BetterAuthRateLimitOptions['customRules']>[string];

/**
 * The host's own `customRules` entry for a page's path, read as BetterAuth reads it: a rule, a
 * function of the request, or `false` for no limit. Wildcard entries are not read: the page
 * paths' own `false` entries come first, and BetterAuth takes the first key that matches.
 */
async function hostRule(entry: HostRule | undefined, request: Request, rule: Limit): Promise<Limit | false> {
  if (entry === undefined) return rule;
  const resolved = typeof entry === 'function' ? await entry(request, rule) : entry;
  if (resolved === false) return false;
  return resolved ? { window: resolved.window, max: resolved.max } : rule;
}

/**
 * Pages stay pages, over their rate limit too. BetterAuth's limiter answers before any plugin runs,
 * and in JSON (better-auth api/index.ts: `onRequestRateLimit` precedes every plugin's `onRequest`);
 * a `customRules` entry of `false` turns it off for a path (api/rate-limiter/index.ts,
 * `resolveRateLimitConfig`). So the plugin turns it off for its page paths and counts them itself,
 * per address and path as BetterAuth did, in the host's rate-limit storage, and a refused view
 * is the plugin's page with how long to wait.
 */
export function pageLimits(limits: Record<Exclude<PageLimitName, null>, Limit>, budgets: AddressBudgets) {
  return {
    init(ctx: AuthContext) {
      const off = Object.fromEntries(Object.keys(pageRoutes).map((path) => [path, false as const]));
      const host = Object.fromEntries(Object.entries(ctx.rateLimit.customRules ?? {}).filter(([path]) => !(path in off)));
      return { context: { rateLimit: { ...ctx.rateLimit, customRules: { ...off, ...host } } } };
    },
    /** The page over its limit, or null when the request may go on. */
    async refusal(request: Request, ctx: AuthContext): Promise<Response | null> {
      if (!ctx.rateLimit.enabled) return null;
      // A host that does not track addresses cannot tell visitors apart; BetterAuth then limits no
      // one (api/rate-limiter/index.ts, resolveRateLimitConfig), and one shared bucket would let a
      // single visitor use up every person's sign-in.
      if (ctx.options.advanced?.ipAddress?.disableIpTracking) return null;
      const path = pagePathOf(request, ctx.baseURL);
      if (!path) return null;
      const name = pageRoutes[path]!.limit;
      const own: Limit = name ? limits[name] : { window: ctx.rateLimit.window, max: ctx.rateLimit.max };
      const rule = await hostRule(ctx.options.rateLimit?.customRules?.[path], request, own);
      if (!rule) return null;
      const verdict = await budgets.spend(`page:${path}`, rule, request, ctx);
      if (verdict.allowed) return null;
      return waitScreen(pagePaths({ context: ctx } as GenericEndpointContext), verdict.retryAfter ?? rule.window);
    },
  };
}
