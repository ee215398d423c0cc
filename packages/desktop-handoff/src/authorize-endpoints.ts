import { createAuthEndpoint, getSessionFromCtx, signOut } from 'better-auth/api';
import { handBack } from './hand-back.js';
import { authorizeQuery, checkAuthorizeRequest } from './authorize-request.js';
import { issueCode } from './authorization-code.js';
import { consentTokenMatches, isSameOriginPost } from './csrf.js';
import { callEndpoint, withCookies } from './endpoint-call.js';
import { checkCarriedQuery, pagePaths, returnAddress, type HandoffSettings } from './handoff-settings.js';
import { errorScreen } from './pages/screens.js';
import { answerInteraction, approvalAllowed, interactionFor } from './authorize-page.js';
import { pageScript } from './pages/page-script.js';
import { mark } from './pages/mark.js';
import { formTypes } from './form.js';
import { refusal, seeOther } from './answers.js';

export function authorizeEndpoints(settings: HandoffSettings) {
  return {
    desktopAuthorize: createAuthEndpoint('/desktop/authorize', { method: 'GET', requireHeaders: true }, async (ctx) => {
      const url = new URL(ctx.request?.url ?? 'http://invalid/');
      const check = checkAuthorizeRequest(url.searchParams, settings.clients);
      if (check.kind !== 'ok') return refusal(ctx, check);
      const session = await getSessionFromCtx(ctx);
      return answerInteraction(ctx, settings, check.request, session, interactionFor(ctx, settings, check.request, session));
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
      if (!approvalAllowed(interactionFor(ctx, settings, request, session))) return seeOther(returnAddress(settings, authorizeQuery(request)));
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
      const back = seeOther(returnAddress(settings, authorizeQuery(check.request)));
      if (!session || !isSameOriginPost(ctx.request, origin) || !consentTokenMatches(ctx.context.secret, session.session.id, body.csrf)) return back;
      // BetterAuth's own sign-out: its hooks run, and its cookie-clearing headers reach the browser.
      const answer = await callEndpoint(ctx, signOut, {});
      return withCookies(back, answer.cookies);
    }),

    desktopStylesheet: createAuthEndpoint('/desktop/stylesheet', { method: 'GET' }, async () => {
      return new Response(settings.brand.stylesheet, { headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
    }),

    /** The mark, for the plugin's pages and the host's own: the host's SVG or image, else Latchkey's. */
    desktopMark: createAuthEndpoint('/desktop/mark.svg', { method: 'GET' }, async () => {
      const { markSvg, markSrc } = settings.brand;
      if (markSrc) return new Response(null, { status: 302, headers: { location: markSrc, 'cache-control': 'public, max-age=3600' } });
      return new Response(markSvg ?? mark().markup, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
    }),

    desktopPageScript: createAuthEndpoint('/desktop/page-script', { method: 'GET' }, async () => {
      return new Response(pageScript, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
    }),
  };
}
