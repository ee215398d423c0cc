import { createAuthEndpoint } from 'better-auth/api';
import type { HandoffError, TokenResponse } from './protocol.js';
import { consumeCode, verifierMatches } from './authorization-code.js';
import type { HandoffSettings } from './handoff-settings.js';
import { parseTokenRequest, readTokenBody } from './token-request.js';

const noStore = { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' };

function refuse(error: HandoffError): Response {
  return new Response(JSON.stringify({ error }), { status: 400, headers: noStore });
}

/**
 * `POST /desktop/token`: code + verifier → a new session of its own (RFC 6749 §4.1.3, §5.1;
 * RFC 7636 §4.6). The code is spent by the first attempt, right or wrong.
 */
export function tokenEndpoint(settings: HandoffSettings) {
  return {
    desktopToken: createAuthEndpoint(
      '/desktop/token',
      // The body is read here, not by the router, so a malformed one gets the protocol's answer.
      { method: 'POST', disableBody: true, requireRequest: true, metadata: { allowedMediaTypes: ['application/json', 'application/x-www-form-urlencoded'] } },
      async (ctx) => {
        const began = performance.now();
        const parsed = parseTokenRequest(await readTokenBody(ctx.request));
        const code = parsed.ok ? parsed.request.code : parsed.code;
        const grant = code === null ? null : await consumeCode(ctx.context, code, settings.now());
        if (!parsed.ok) return refuse(parsed.error);
        const { request } = parsed;
        if (!grant || grant.clientId !== request.clientId || grant.redirectUri !== request.redirectUri || !verifierMatches(request.codeVerifier, grant.codeChallenge)) {
          return refuse('invalid_grant');
        }
        const user = await ctx.context.internalAdapter.findUserById(grant.userId);
        if (!user) return refuse('invalid_grant');
        const session = await ctx.context.internalAdapter.createSession(user.id);
        const expiresAt = new Date(session.expiresAt);
        const body: TokenResponse = {
          access_token: session.token,
          token_type: 'Bearer',
          expires_in: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
          expires_at: expiresAt.toISOString(),
          user: { id: user.id, email: user.email, name: user.name, image: user.image ?? null },
        };
        // The server's own share of the exchange (W3C Server Timing), so a client can tell it from the network's.
        const timing = `exchange;dur=${(performance.now() - began).toFixed(2)}`;
        return new Response(JSON.stringify(body), { status: 200, headers: { ...noStore, 'server-timing': timing } });
      },
    ),
  };
}
