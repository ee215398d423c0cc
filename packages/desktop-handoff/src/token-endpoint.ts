import type { GenericEndpointContext } from 'better-auth';
import { createAuthEndpoint } from 'better-auth/api';
import type { TokenResponse } from './protocol.js';
import { consumeCode, verifierMatches } from './authorization-code.js';
import { deviceGrant } from './device-grant.js';
import type { HandoffSettings } from './handoff-settings.js';
import { noStore, oauthError, publicClientsOnly, triedClientAuthentication } from './oauth-answers.js';
import { issuerOf } from './server-metadata.js';
import { parseTokenRequest, readTokenBody, type TokenRequest } from './token-request.js';

/**
 * `POST /desktop/token`: the token endpoint the metadata advertises. The authorization code
 * grant (RFC 6749 §4.1.3, §5.1; RFC 7636 §4.6) gives a new session of its own; the device code
 * grant (RFC 8628 §3.4) is BetterAuth's own, when the host runs `deviceAuthorization`.
 */
export function tokenEndpoint(settings: HandoffSettings) {
  return {
    desktopToken: createAuthEndpoint(
      '/desktop/token',
      // The body is read here, not by the router, so a malformed one gets the protocol's answer.
      { method: 'POST', disableBody: true, requireRequest: true, metadata: { allowedMediaTypes: ['application/json', 'application/x-www-form-urlencoded'] } },
      async (ctx) => {
        const began = performance.now();
        const issuer = issuerOf(ctx);
        const device = deviceGrant(ctx);
        const parsed = parseTokenRequest(await readTokenBody(ctx.request), (clientId) => settings.clients.has(clientId), device !== null);
        // The code is spent by the first attempt, right or wrong, whatever else is refused.
        const code = parsed.ok ? (parsed.grant === 'authorization_code' ? parsed.request.code : null) : parsed.code;
        const grant = code === null ? null : await consumeCode(ctx.context, code, settings.now());
        const consumed = performance.now();
        if (triedClientAuthentication(ctx.request)) return oauthError('invalid_client', issuer, ctx.request, publicClientsOnly);
        if (!parsed.ok) return oauthError(parsed.error, issuer, ctx.request);
        if (parsed.grant === 'device_code') return device!(parsed.request);
        const steps = { consume: consumed - began, user: 0, session: 0 };
        const answer = await exchange(ctx, parsed.request, grant, steps);
        if (answer instanceof Response) return answer;
        // The server's own share of the exchange (W3C Server Timing), so a client can tell it from
        // the network's, and its three database steps: the code's delete, the user's read, the
        // session's insert.
        const timing = [['exchange', performance.now() - began], ...Object.entries(steps)].map(([name, ms]) => `${name};dur=${(ms as number).toFixed(2)}`).join(', ');
        return new Response(JSON.stringify(answer), { status: 200, headers: { ...noStore, 'server-timing': timing } });
      },
    ),
  };
}

async function exchange(
  ctx: GenericEndpointContext,
  request: TokenRequest,
  grant: Awaited<ReturnType<typeof consumeCode>>,
  steps: { user: number; session: number },
): Promise<TokenResponse | Response> {
  const refuse = () => oauthError('invalid_grant', issuerOf(ctx), ctx.request);
  // §5.2 invalid_grant: unknown, spent or expired, issued to another client, or another redirect URI.
  if (!grant || grant.clientId !== request.clientId || grant.redirectUri !== request.redirectUri || !verifierMatches(request.codeVerifier, grant.codeChallenge)) return refuse();
  let began = performance.now();
  const user = await ctx.context.internalAdapter.findUserById(grant.userId);
  steps.user = performance.now() - began;
  if (!user) return refuse();
  began = performance.now();
  const session = await ctx.context.internalAdapter.createSession(user.id);
  steps.session = performance.now() - began;
  const expiresAt = new Date(session.expiresAt);
  return {
    access_token: session.token,
    token_type: 'Bearer',
    expires_in: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
    expires_at: expiresAt.toISOString(),
    user: { id: user.id, email: user.email, name: user.name, image: user.image ?? null },
  };
}
