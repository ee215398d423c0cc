import type { GenericEndpointContext } from 'better-auth';
import { checkAuthorizeRequest, type AuthorizeCheck, type AuthorizeRequest } from './authorize-request.js';
import type { DesktopClient } from './clients.js';
import type { Brand, BrandOptions } from './pages/brand.js';
import type { DevicePaths } from './pages/device-screens.js';
import type { PasswordRules } from './pages/fields.js';
import { shell, type PagePaths, type SocialButton } from './pages/screens.js';
import type { Limit } from './address-budget.js';
import { handoffProtocol } from './protocol.js';

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
   * @default '/desktop/authorize'
   */
  authorizePagePath?: string;
  /**
   * Where the device sign-in's verification page (RFC 8628 §3.3) is reached on the origin: the
   * `verification_uri` of BetterAuth's `deviceAuthorization`. The server routes it to the plugin's
   * `{basePath}/desktop/device` endpoint. Used only when the host runs `deviceAuthorization`.
   * @default '/device'
   */
  devicePagePath?: string;
  /**
   * Your own sign-in page, as a path on your server's origin (BetterAuth's oauth-provider calls
   * the same idea `loginPage`). A browser that reaches the authorize page without a session is
   * sent there with `?callbackURL=<return address>`: a path back to the authorize page carrying
   * the pending request (or to the device page with its code). Sign in however your page does (password, second factor, passkey,
   * social…), then send the browser to that address; `desktopHandoffClient()` reads and checks it.
   * When the app asked for a fresh sign-in (`prompt=login`, an expired `max_age`) the page also
   * receives `prompt=login`, and `login_hint` when the app named an email: sign in again even over
   * a live session, or the plugin answers the app `login_required`.
   * @default undefined: the plugin's own pages, which sign in through BetterAuth's own endpoints
   */
  signInPage?: string;
  /**
   * Requests per window (seconds). `signIn` covers the page's sign-in, sign-up and social
   * buttons, `secondFactor` its code form; their defaults are BetterAuth's own rules for
   * `/sign-in/*` and the twoFactor plugin's `/two-factor/*`. `device` is one budget per address for
   * every lookup of a device code: the device page with a code, its approve / deny form, and each
   * sign-in form signing in for a code. `deviceDecide` limits the approve / deny form on its own.
   * @default { authorize: { window: 60, max: 120 }, token: { window: 60, max: 60 }, signIn: { window: 10, max: 3 }, secondFactor: { window: 10, max: 3 }, device: { window: 60, max: 30 }, deviceDecide: { window: 60, max: 10 } }
   */
  rateLimit?: Partial<Record<'authorize' | 'token' | 'signIn' | 'secondFactor' | 'device' | 'deviceDecide', Limit>>;
  /**
   * Your mark and accent colour on every page, in both themes; the name beside the mark is your
   * BetterAuth `appName`. Checked at start: a colour below WCAG AA contrast is refused.
   * @default the Latchkey mark and blue
   */
  brand?: BrandOptions;
}

export interface HandoffSettings {
  clients: ReadonlyMap<string, DesktopClient>;
  codeLifetimeMs: number;
  now: () => Date;
  authorizePagePath: string;
  devicePagePath: string;
  signInPage: string | null;
  /**
   * Spends one of the address's device-code lookups: the one budget every page's lookup spends.
   * Resolves null when the lookup may go ahead, or the seconds until the next one may.
   */
  deviceLookups: (ctx: GenericEndpointContext) => Promise<number | null>;
  brand: Brand;
}

/** What the host allows on its sign-in page, read from its own BetterAuth options. */
export interface SignInPolicy {
  /** `emailAndPassword.enabled` */
  password: boolean;
  /** …and not `emailAndPassword.disableSignUp` */
  signUp: boolean;
  social: SocialButton[];
  /** `emailAndPassword.minPasswordLength` / `maxPasswordLength`, as BetterAuth resolved them (8 and 128 unless set). */
  passwordRules: PasswordRules;
}

/** The name the pages carry beside the mark: the host's own `appName`, when it set one. */
export const defaultBrand = 'Latchkey';

const socialLabels: Record<string, string> = { github: 'GitHub', google: 'Google', apple: 'Apple', microsoft: 'Microsoft', gitlab: 'GitLab', discord: 'Discord' };

export function pagePaths(ctx: GenericEndpointContext): PagePaths {
  const base = new URL(ctx.context.baseURL).pathname.replace(/\/$/u, '');
  return {
    stylesheet: `${base}/desktop/stylesheet`,
    mark: `${base}/desktop/mark.svg`,
    script: `${base}/desktop/page-script`,
    brand: ctx.context.options.appName?.trim() || defaultBrand,
    signIn: `${base}/desktop/sign-in`,
    signUp: `${base}/desktop/sign-up`,
    social: `${base}/desktop/social`,
    secondFactor: `${base}/desktop/second-factor`,
    decide: `${base}/desktop/decide`,
    switchAccount: `${base}/desktop/switch-account`,
  };
}

/** The device page's own addresses: the page on the origin, its decision form under the base path. */
export function devicePaths(ctx: GenericEndpointContext, settings: HandoffSettings): DevicePaths {
  const base = new URL(ctx.context.baseURL).pathname.replace(/\/$/u, '');
  return { shell: shell(pagePaths(ctx)), page: settings.devicePagePath, decide: `${base}/desktop/device/decide` };
}

/**
 * The social providers BetterAuth signs in with, as its context lists them: the host's
 * `socialProviders` and any a plugin adds (`genericOAuth` puts its providers first). A built-in
 * provider left without its clientId cannot sign anyone in (BetterAuth only warns), so it gets no button.
 */
export function socialButtons(ctx: GenericEndpointContext): SocialButton[] {
  const configured = ctx.context.options.socialProviders ?? {};
  return ctx.context.socialProviders
    .filter((provider) => !(provider.id in configured) || Boolean((provider.options as { clientId?: unknown } | undefined)?.clientId))
    .map((provider) => ({ id: provider.id, label: socialLabels[provider.id] ?? provider.name ?? provider.id }));
}

export function signInPolicy(ctx: GenericEndpointContext): SignInPolicy {
  const password = ctx.context.options.emailAndPassword?.enabled === true;
  const { minPasswordLength: min, maxPasswordLength: max } = ctx.context.password.config;
  return { password, signUp: password && ctx.context.options.emailAndPassword?.disableSignUp !== true, social: socialButtons(ctx), passwordRules: { min, max } };
}

/** The page's address on the origin, for a request: where every sign-in comes back to. */
export function returnAddress(settings: HandoffSettings, query: string): string {
  return `${settings.authorizePagePath}?${query}`;
}

/**
 * The sign-in and create-account views of one sign-in, from the address of the page it is for.
 * Create is that page with `create` added to its `prompt` (OpenID Connect "Initiating User
 * Registration" §3, a value an authorization server may honour; RFC 6749 §3.1 has it ignored
 * wherever it is not understood), beside any value the request already carried; the device page
 * honours it the same way.
 */
export function viewLinks(returnAddress: string): { signIn: string; createAccount: string } {
  const address = new URL(returnAddress, 'http://return.invalid');
  const others = (address.searchParams.get('prompt') ?? '').split(' ').filter((value) => value !== '' && value !== 'create');
  const withPrompt = (values: string[]): string => {
    const link = new URL(address);
    if (values.length > 0) link.searchParams.set('prompt', values.join(' '));
    else link.searchParams.delete('prompt');
    return `${link.pathname}${link.search}`;
  };
  return { signIn: withPrompt(others), createAccount: withPrompt([...others, 'create']) };
}

/** Re-checks the authorize parameters a form carried back, exactly as the GET did. */
export function checkCarriedQuery(settings: HandoffSettings, body: unknown): AuthorizeCheck {
  const query = body && typeof body === 'object' && 'authorize_query' in body ? (body as { authorize_query: unknown }).authorize_query : null;
  if (typeof query !== 'string' || query.length > 4096) return { kind: 'page', message: 'This form did not come from a sign-in request.' };
  return checkAuthorizeRequest(new URLSearchParams(query), settings.clients);
}

export type { AuthorizeRequest };
export { handoffProtocol };
