import type { BetterAuthPlugin } from 'better-auth';
import { accountEndpoints } from './account-endpoints';
import { authorizeEndpoints } from './authorize-endpoints';
import { maxCodeLifetimeMs } from './authorization-code';
import { checkClients } from './clients';
import { handoff, type DesktopHandoffOptions, type HandoffSettings } from './handoff-settings';
import { metadataEndpoint } from './server-metadata';
import { tokenEndpoint } from './token-endpoint';

const defaultLimits = { authorize: { window: 60, max: 120 }, token: { window: 60, max: 60 }, signIn: { window: 60, max: 30 } };

/**
 * The desktop handoff: OAuth 2.0 authorization code with PKCE (RFC 7636) for native apps
 * (RFC 8252), as a BetterAuth plugin. Codes live in BetterAuth's own `verification` table;
 * the plugin adds no table. Use it beside `bearer()` so the issued session token works as a
 * Bearer token: `plugins: [bearer(), desktopHandoff({ clients })]`.
 */
export function desktopHandoff(options: DesktopHandoffOptions) {
  const lifetime = options.codeLifetimeMs ?? maxCodeLifetimeMs;
  if (!(lifetime > 0 && lifetime <= maxCodeLifetimeMs)) throw new Error(`codeLifetimeMs must be between 1 and ${maxCodeLifetimeMs} ms; it is ${lifetime}.`);
  const settings: HandoffSettings = {
    clients: checkClients(options.clients),
    codeLifetimeMs: lifetime,
    now: options.now ?? (() => new Date()),
    authorizePagePath: options.authorizePagePath ?? handoff.authorizePath,
  };
  const limits = { ...defaultLimits, ...options.rateLimit };
  return {
    id: 'desktop-handoff',
    endpoints: { ...authorizeEndpoints(settings), ...accountEndpoints(settings), ...tokenEndpoint(settings), ...metadataEndpoint(settings) },
    rateLimit: [
      { ...limits.authorize, pathMatcher: (path: string) => path === '/desktop/authorize' || path === '/desktop/decide' },
      { ...limits.token, pathMatcher: (path: string) => path === '/desktop/token' },
      { ...limits.signIn, pathMatcher: (path: string) => path === '/desktop/sign-in' || path === '/desktop/sign-up' || path === '/desktop/social' },
    ],
  } satisfies BetterAuthPlugin;
}
