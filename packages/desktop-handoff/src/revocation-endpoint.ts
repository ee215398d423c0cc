import { createAuthEndpoint } from 'better-auth/api';
import type { HandoffSettings } from './handoff-settings.js';
import { oauthError, publicClientsOnly, triedClientAuthentication } from './oauth-answers.js';
import { issuerOf } from './server-metadata.js';
import { readTokenBody } from './token-request.js';

/** Longer than any session token BetterAuth issues (32 characters), so a longer one is no token of ours. */
const maxTokenLength = 512;

/**
 * `POST /desktop/revoke`: token revocation (RFC 7009). The token is a session token issued by the
 * token endpoint; revoking it ends that session, as BetterAuth's own sign-out would. A public
 * client names itself with `client_id` (§2.1, RFC 6749 §2.3). The server answers 200 whether or not
 * it knew the token (§2.2), so the answer tells nothing about which tokens exist. Every kind of
 * `token_type_hint` is accepted: there is one kind of token to look for (§2.1).
 */
export function revocationEndpoint(settings: HandoffSettings) {
  return {
    desktopRevoke: createAuthEndpoint(
      '/desktop/revoke',
      { method: 'POST', disableBody: true, requireRequest: true, metadata: { allowedMediaTypes: ['application/x-www-form-urlencoded', 'application/json'] } },
      async (ctx) => {
        const issuer = issuerOf(ctx);
        const body = await readTokenBody(ctx.request);
        if (triedClientAuthentication(ctx.request)) return oauthError('invalid_client', issuer, ctx.request, publicClientsOnly);
        if (!body) return oauthError('invalid_request', issuer, ctx.request, 'the body must be application/x-www-form-urlencoded');
        const clientId = body.client_id;
        if (typeof clientId !== 'string' || clientId === '') return oauthError('invalid_request', issuer, ctx.request, 'client_id is required');
        if (!settings.clients.has(clientId)) return oauthError('invalid_client', issuer, ctx.request);
        const token = body.token;
        if (typeof token !== 'string' || token === '') return oauthError('invalid_request', issuer, ctx.request, 'token is required');
        if (token.length <= maxTokenLength) await ctx.context.internalAdapter.deleteSession(token);
        return new Response(null, { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } });
      },
    ),
  };
}
