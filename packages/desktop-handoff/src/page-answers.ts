import type { AuthContext, GenericEndpointContext } from 'better-auth';
import { withCookies } from './endpoint-call.js';
import { pagePaths } from './handoff-settings.js';
import { pagePathOf, pageRoutes } from './page-routes.js';
import { errorScreen } from './pages/screens.js';

/** A sentence a host wrote for people, not a stack trace or a dump: short, and on one line. */
const maxHostSentence = 200;

function plainSentence(status: number): string {
  if (status === 429) return 'Too many attempts from here. Wait a minute, then try again.';
  if (status === 401 || status === 403) return 'This server refused the request. Start signing in again from the app.';
  return 'The server could not finish this. Try again in a moment.';
}

async function hostSentence(response: Response): Promise<string | null> {
  const body: unknown = await response.json().catch(() => null);
  const message = body && typeof body === 'object' && 'message' in body ? (body as { message: unknown }).message : null;
  return typeof message === 'string' && message.length > 0 && message.length <= maxHostSentence && !message.includes('\n') ? message : null;
}

/**
 * Pages stay pages. Some answers on a page's path are made before the plugin's handler runs (a
 * host's or another plugin's `before` hook throwing an APIError) and are JSON, which a
 * person's browser shows as a blob. BetterAuth's router creates one context per request and hands
 * the same object to a plugin's `onRequest` and `onResponse` (better-auth auth/base.ts, api/index.ts),
 * so the request is remembered against it. JSON clients (token, revocation, device endpoints) are
 * left as they are.
 */
export function pageAnswers() {
  const requests = new WeakMap<AuthContext, Request>();
  return {
    async onRequest(request: Request, ctx: AuthContext) {
      requests.set(ctx, request);
    },
    async onResponse(response: Response, ctx: AuthContext) {
      const request = requests.get(ctx);
      if (!request || response.status < 400 || !(response.headers.get('content-type') ?? '').includes('json')) return;
      const path = pagePathOf(request, ctx.baseURL);
      if (!path || pageRoutes[path]!.method !== request.method) return;
      // A 500 is the server failing, whose message is for its log; any other status is an answer someone chose.
      const sentence = (response.status !== 500 ? await hostSentence(response) : null) ?? plainSentence(response.status);
      const page = errorScreen(pagePaths({ context: ctx } as GenericEndpointContext), sentence, response.status);
      const retryAfter = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
      if (retryAfter) page.headers.set('retry-after', retryAfter);
      return { response: withCookies(page, response.headers.getSetCookie()) };
    },
  };
}
