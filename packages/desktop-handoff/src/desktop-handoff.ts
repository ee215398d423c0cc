import type { AuthContext, BetterAuthPlugin } from 'better-auth';
import { accountEndpoints } from './account-endpoints.js';
import { authorizeEndpoints } from './authorize-endpoints.js';
import { maxCodeLifetimeMs } from './authorization-code.js';
import { checkClients } from './clients.js';
import { deviceClientAnswers } from './device-client-answers.js';
import { resolveBrand } from './pages/brand.js';
import { deviceEndpoints } from './device-endpoints.js';
import { handoffProtocol, type DesktopHandoffOptions, type HandoffSettings } from './handoff-settings.js';
import { deviceCodeSweep } from './housekeeping.js';
import { addressBudgets } from './address-budget.js';
import { isOriginPath } from './return-address.js';
import { secondFactorEndpoint } from './second-factor-endpoint.js';
import { metadataEndpoint } from './server-metadata.js';
import { pageAnswers } from './page-answers.js';
import { pageLimits } from './page-limits.js';
import { revocationEndpoint } from './revocation-endpoint.js';
import { tokenEndpoint } from './token-endpoint.js';

/** BetterAuth's own rule for `/sign-in/*` and `/sign-up/*`, and twoFactor's for `/two-factor/*`: 3 per 10 s. */
const defaultLimits = {
  authorize: { window: 60, max: 120 },
  token: { window: 60, max: 60 },
  signIn: { window: 10, max: 3 },
  secondFactor: { window: 10, max: 3 },
  // Every lookup of a user code, from any page: few enough to keep guessing out of reach (RFC 8628 §5.1).
  device: { window: 60, max: 30 },
  deviceDecide: { window: 60, max: 10 },
};

/**
 * The desktop handoff: OAuth 2.0 authorization code with PKCE (RFC 7636) for native apps
 * (RFC 8252), as a BetterAuth plugin. It adds an authorize page, a consent screen and a code
 * exchange; signing in stays BetterAuth's and yours (your sign-in page, or the plugin's pages
 * calling BetterAuth's own endpoints). Codes live in BetterAuth's own `verification` table;
 * the plugin adds no table. Use it beside `bearer()` so the issued session token works as a
 * Bearer token: `plugins: [bearer(), desktopHandoff({ clients })]`. Beside BetterAuth's
 * `deviceAuthorization(desktopDeviceOptions({ clients }))` it also serves the device sign-in's
 * verification page (RFC 8628 §3.3).
 */
export function desktopHandoff(options: DesktopHandoffOptions) {
  const lifetime = options.codeLifetimeMs ?? maxCodeLifetimeMs;
  if (!(lifetime > 0 && lifetime <= maxCodeLifetimeMs)) throw new Error(`codeLifetimeMs must be between 1 and ${maxCodeLifetimeMs} ms; it is ${lifetime}.`);
  const paths = [['signInPage', options.signInPage], ['authorizePagePath', options.authorizePagePath], ['devicePagePath', options.devicePagePath]] as const;
  for (const [name, value] of paths) {
    if (value !== undefined && !isOriginPath(value)) throw new Error(`${name} must be a path on your server's origin, such as "/sign-in"; it is "${value}".`);
  }
  const limits = { ...defaultLimits, ...options.rateLimit };
  const budgets = addressBudgets();
  const answers = pageAnswers();
  const views = pageLimits(limits, budgets);
  const settings: HandoffSettings = {
    clients: checkClients(options.clients),
    codeLifetimeMs: lifetime,
    now: options.now ?? (() => new Date()),
    authorizePagePath: options.authorizePagePath ?? handoffProtocol.authorizePath,
    devicePagePath: options.devicePagePath ?? handoffProtocol.devicePagePath,
    signInPage: options.signInPage ?? null,
    deviceLookups: async (ctx) => {
      const verdict = await budgets.spend('device-code-lookup', limits.device, ctx.request ?? ctx.headers ?? new Headers(), ctx.context);
      return verdict.allowed ? null : Math.max(1, verdict.retryAfter ?? limits.device.window);
    },
    brand: resolveBrand(options.brand),
  };
  return {
    id: 'desktop-handoff',
    endpoints: { ...authorizeEndpoints(settings), ...accountEndpoints(settings), ...secondFactorEndpoint(settings), ...tokenEndpoint(settings), ...revocationEndpoint(settings), ...metadataEndpoint(settings), ...deviceEndpoints(settings) },
    hooks: { before: [deviceClientAnswers.before], after: [deviceClientAnswers.after, deviceCodeSweep] },
    init: views.init,
    async onRequest(request: Request, ctx: AuthContext) {
      await answers.onRequest(request, ctx);
      const refused = await views.refusal(request, ctx);
      return refused ? { response: refused } : undefined;
    },
    onResponse: answers.onResponse,
    rateLimit: [
      { ...limits.token, pathMatcher: (path: string) => path === '/desktop/token' || path === '/desktop/revoke' },
      // Counted by the plugin (page-limits.ts), never matched here: listed so that BetterAuth's
      // database storage, which prunes rows older than the longest window it knows, keeps them.
      ...[limits.authorize, limits.signIn, limits.secondFactor, limits.deviceDecide, limits.device].map((limit) => ({ ...limit, pathMatcher: () => false })),
    ],
  } satisfies BetterAuthPlugin;
}
