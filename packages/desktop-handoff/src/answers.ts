import type { GenericEndpointContext } from 'better-auth';
import type { AuthorizeCheck } from './authorize-request.js';
import { handBack } from './hand-back.js';
import { pagePaths } from './handoff-settings.js';
import { errorScreen } from './pages/screens.js';

/** Answers a check that failed: an error page, or the error handed back to the app. */
export function refusal(ctx: GenericEndpointContext, check: Exclude<AuthorizeCheck, { kind: 'ok' }>): Response {
  if (check.kind === 'page') return errorScreen(pagePaths(ctx), check.message);
  return handBack(
    ctx,
    { redirectUri: check.redirectUri, redirectKind: check.redirectKind, clientName: check.clientName },
    { error: check.error, error_description: check.description, state: check.state },
    { outcome: 'invalid', description: check.description },
  );
}

/** 303: after a form post the browser fetches the next page with GET. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}
