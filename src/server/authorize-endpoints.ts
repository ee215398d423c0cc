import { createAuthEndpoint, getSessionFromCtx } from 'better-auth/api';
import { deleteSessionCookie } from 'better-auth/cookies';
import type { GenericEndpointContext } from 'better-auth';
import { authorizeQuery, checkAuthorizeRequest, type AuthorizeCheck } from './authorize-request';
import { issueCode } from './authorization-code';
import { consentToken, consentTokenMatches, isSameOriginPost } from './csrf';
import { handBack } from './hand-back';
import { checkCarriedQuery, pagePaths, socialButtons, type HandoffSettings } from './handoff-settings';
import { consentScreen, errorScreen, signInScreen } from './pages/screens';
import { stylesheet } from './pages/stylesheet';

const formTypes = { allowedMediaTypes: ['application/x-www-form-urlencoded'] };

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

function loopbackOrigin(redirectUri: string, kind: string): string | null {
  return kind === 'loopback' ? new URL(redirectUri).origin : null;
}

export function authorizeEndpoints(settings: HandoffSettings) {
  return {
    desktopAuthorize: createAuthEndpoint('/desktop/authorize', { method: 'GET', requireHeaders: true }, async (ctx) => {
      const url = new URL(ctx.request?.url ?? 'http://invalid/');
      const check = checkAuthorizeRequest(url.searchParams, settings.clients);
      if (check.kind !== 'ok') return refusal(ctx, check);
      const { request } = check;
      const query = authorizeQuery(request);
      const session = await getSessionFromCtx(ctx);
      if (!session) return signInScreen(pagePaths(ctx), { clientName: request.client.name, query, social: socialButtons(ctx) });
      return consentScreen(pagePaths(ctx), {
        clientName: request.client.name,
        email: session.user.email,
        query,
        csrf: consentToken(ctx.context.secret, session.session.id),
        redirectOrigin: loopbackOrigin(request.redirectUri, request.redirectKind),
      });
    }),

    desktopDecide: createAuthEndpoint('/desktop/decide', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const paths = pagePaths(ctx);
      const origin = new URL(ctx.context.baseURL).origin;
      const session = await getSessionFromCtx(ctx);
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      if (!isSameOriginPost(ctx.request, origin) || !session || !consentTokenMatches(ctx.context.secret, session.session.id, body.csrf)) {
        return errorScreen(paths, 'This approval did not come from the sign-in page, so it was ignored.', 403);
      }
      const check = checkCarriedQuery(settings, body);
      if (check.kind !== 'ok') return refusal(ctx, check);
      const { request } = check;
      const target = { redirectUri: request.redirectUri, redirectKind: request.redirectKind, clientName: request.client.name };
      if (body.decision !== 'approve') {
        return handBack(ctx, target, { error: 'access_denied', state: request.state }, { outcome: 'denied' });
      }
      const lifetime = Math.min(settings.codeLifetimeMs, 120_000);
      const code = await issueCode(
        ctx.context,
        { clientId: request.client.clientId, redirectUri: request.redirectUri, codeChallenge: request.codeChallenge, userId: session.user.id },
        settings.now(),
        lifetime,
      );
      return handBack(ctx, target, { code, state: request.state }, { outcome: 'approved', code });
    }),

    desktopSwitchAccount: createAuthEndpoint('/desktop/switch-account', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const origin = new URL(ctx.context.baseURL).origin;
      const session = await getSessionFromCtx(ctx);
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const check = checkCarriedQuery(settings, body);
      if (check.kind !== 'ok') return refusal(ctx, check);
      if (session && isSameOriginPost(ctx.request, origin) && consentTokenMatches(ctx.context.secret, session.session.id, body.csrf)) {
        await ctx.context.internalAdapter.deleteSession(session.session.token);
        deleteSessionCookie(ctx);
      }
      // The router adds the cookie-clearing headers to this response.
      return seeOther(`${settings.authorizePagePath}?${authorizeQuery(check.request)}`);
    }),

    desktopStylesheet: createAuthEndpoint('/desktop/stylesheet', { method: 'GET' }, async () => {
      return new Response(stylesheet, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
    }),
  };
}
