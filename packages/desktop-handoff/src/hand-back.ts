import type { GenericEndpointContext } from 'better-auth';
import { callbackUrl } from './authorize-request.js';
import type { RedirectKind } from './clients.js';
import { pagePaths } from './handoff-settings.js';
import { handBackScreen, type HandBack } from './pages/screens.js';
import { issuerOf } from './server-metadata.js';

export interface HandBackTarget {
  redirectUri: string;
  redirectKind: RedirectKind;
  clientName: string;
}

/**
 * Sends the result to the app, code or error, with `iss` (RFC 9207 §2) so it can tell us from
 * another server it also signs in to. A loopback listener gets a real 303, which every browser follows;
 * a custom scheme gets the hand-back page (see `handBackScreen`).
 */
export function handBack(ctx: GenericEndpointContext, target: HandBackTarget, params: Record<string, string | null>, result: HandBack): Response {
  const url = callbackUrl(target.redirectUri, { ...params, iss: issuerOf(ctx) });
  if (target.redirectKind === 'loopback') {
    return new Response(null, { status: 303, headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'same-origin' } });
  }
  return handBackScreen(pagePaths(ctx), target.clientName, url, result);
}
