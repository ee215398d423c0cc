import type { GenericEndpointContext } from 'better-auth';
import { handoff } from '../contract/handoff';
import { checkAuthorizeRequest, type AuthorizeCheck, type AuthorizeRequest } from './authorize-request';
import type { DesktopClient } from './clients';
import type { PagePaths, SocialButton } from './pages/screens';

/** Settings of the desktop handoff plugin. */
export interface DesktopHandoffOptions {
  clients: readonly DesktopClient[];
  /**
   * Lifetime of an authorization code, at most 120 s.
   * @default 120_000
   */
  codeLifetimeMs?: number;
  /**
   * The clock codes are issued and judged by; tests move it to expire a code.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Where the browser-facing authorize page is reached on the origin. The server routes it to
   * the plugin's `{basePath}/desktop/authorize` endpoint.
   * @default handoff.authorizePath
   */
  authorizePagePath?: string;
  /**
   * Requests per window (seconds) on the authorize page, the token endpoint and the page's sign-in.
   * @default { authorize: { window: 60, max: 120 }, token: { window: 60, max: 60 }, signIn: { window: 60, max: 30 } }
   */
  rateLimit?: Partial<Record<'authorize' | 'token' | 'signIn', { window: number; max: number }>>;
}

export interface HandoffSettings {
  clients: ReadonlyMap<string, DesktopClient>;
  codeLifetimeMs: number;
  now: () => Date;
  authorizePagePath: string;
}

const socialLabels: Record<string, string> = { github: 'GitHub', google: 'Google' };

export function pagePaths(ctx: GenericEndpointContext): PagePaths {
  const base = new URL(ctx.context.baseURL).pathname.replace(/\/$/u, '');
  return {
    stylesheet: `${base}/desktop/stylesheet`,
    signIn: `${base}/desktop/sign-in`,
    signUp: `${base}/desktop/sign-up`,
    social: `${base}/desktop/social`,
    decide: `${base}/desktop/decide`,
    switchAccount: `${base}/desktop/switch-account`,
  };
}

/** The configured social providers, in the order the options list them. */
export function socialButtons(ctx: GenericEndpointContext): SocialButton[] {
  const providers = ctx.context.options.socialProviders ?? {};
  return Object.entries(providers)
    .filter(([, config]) => config && typeof config === 'object' && 'clientId' in config && config.clientId)
    .map(([id]) => ({ id, label: socialLabels[id] ?? id }));
}

/** The page's absolute URL, so a sign-in elsewhere (a social provider) comes back to it. */
export function authorizePageUrl(ctx: GenericEndpointContext, settings: HandoffSettings, query: string): string {
  return `${new URL(ctx.context.baseURL).origin}${settings.authorizePagePath}?${query}`;
}

/** Re-checks the authorize parameters a form carried back, exactly as the GET did. */
export function checkCarriedQuery(settings: HandoffSettings, body: unknown): AuthorizeCheck {
  const query = body && typeof body === 'object' && 'authorize_query' in body ? (body as { authorize_query: unknown }).authorize_query : null;
  if (typeof query !== 'string' || query.length > 4096) return { kind: 'page', message: 'This form did not come from a sign-in request.' };
  return checkAuthorizeRequest(new URLSearchParams(query), settings.clients);
}

export type { AuthorizeRequest };
export { handoff };
