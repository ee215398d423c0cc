import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import { clientChallenge, noStore, publicClientsOnly, triedClientAuthentication } from './oauth-answers.js';
import { issuerOf } from './server-metadata.js';

const devicePaths = new Set(['/device/code', '/device/token']);

/**
 * BetterAuth's device endpoints answer an unknown client 400 and ignore an Authorization header.
 * The metadata advertises them beside the token endpoint, so they answer the client as it does
 * (RFC 8628 §3.2 and §3.5 defer to RFC 6749 §5.2): credentials sent are refused with 401, and so is
 * an unknown client, each with a challenge. BetterAuth still decides which clients it knows.
 */
export const deviceClientAnswers = {
  before: {
    matcher: (ctx: { path?: string }) => ctx.path !== undefined && devicePaths.has(ctx.path),
    handler: createAuthMiddleware(async (ctx) => {
      if (!triedClientAuthentication(ctx.request)) return;
      // An answer, not a thrown APIError, which BetterAuth would also log as a server error.
      const body = JSON.stringify({ error: 'invalid_client', error_description: publicClientsOnly });
      return new Response(body, { status: 401, headers: { ...noStore, ...clientChallenge(issuerOf(ctx), ctx.request) } });
    }),
  },
  after: {
    matcher: (ctx: { path?: string }) => ctx.path !== undefined && devicePaths.has(ctx.path),
    handler: createAuthMiddleware(async (ctx) => {
      const returned = ctx.context.returned;
      if (!isAPIError(returned) || (returned.body as { error?: unknown } | undefined)?.error !== 'invalid_client') return;
      // A Response, not a thrown APIError: the router would keep the first error's status.
      return new Response(JSON.stringify(returned.body), { status: 401, headers: { ...noStore, ...clientChallenge(issuerOf(ctx), ctx.request) } });
    }),
  },
};
