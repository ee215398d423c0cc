/** The limit family a page's path is counted in; `null` takes the host's general rule, as BetterAuth would. */
export type PageLimitName = 'authorize' | 'signIn' | 'secondFactor' | 'deviceDecide' | null;

/** The paths a person's browser opens or posts a form to, under BetterAuth's base path, with their method and limit. */
export const pageRoutes: Readonly<Record<string, { method: 'GET' | 'POST'; limit: PageLimitName }>> = {
  '/desktop/authorize': { method: 'GET', limit: 'authorize' },
  '/desktop/decide': { method: 'POST', limit: 'authorize' },
  '/desktop/switch-account': { method: 'POST', limit: null },
  '/desktop/sign-in': { method: 'POST', limit: 'signIn' },
  '/desktop/sign-up': { method: 'POST', limit: 'signIn' },
  '/desktop/social': { method: 'POST', limit: 'signIn' },
  '/desktop/second-factor': { method: 'POST', limit: 'secondFactor' },
  '/desktop/device': { method: 'GET', limit: null },
  '/desktop/device/decide': { method: 'POST', limit: 'deviceDecide' },
};

/** The page path a request is for, under the host's base path (any method), or null. */
export function pagePathOf(request: Request, baseURL: string): string | null {
  const base = new URL(baseURL).pathname.replace(/\/$/u, '');
  const path = new URL(request.url).pathname;
  if (!path.startsWith(`${base}/`)) return null;
  const route = path.slice(base.length);
  return Object.hasOwn(pageRoutes, route) ? route : null;
}
