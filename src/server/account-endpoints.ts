import { APIError, createAuthEndpoint, dispatchAuthEndpoint, signInSocial } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import type { GenericEndpointContext } from 'better-auth';
import { authorizeQuery, type AuthorizeRequest } from './authorize-request';
import { refusal, seeOther } from './authorize-endpoints';
import { isSameOriginPost } from './csrf';
import { authorizePageUrl, checkCarriedQuery, pagePaths, socialButtons, type HandoffSettings } from './handoff-settings';
import { errorScreen, signInScreen } from './pages/screens';

const formTypes = { allowedMediaTypes: ['application/x-www-form-urlencoded'] };
const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,63}$/u;

function text(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The sign-in page again, with a sentence saying what went wrong. */
function again(ctx: GenericEndpointContext, request: AuthorizeRequest, error: string, status: number, email = ''): Response {
  return signInScreen(pagePaths(ctx), { clientName: request.client.name, query: authorizeQuery(request), social: socialButtons(ctx), error, email, status });
}

/** Login CSRF (RFC 9700 §4.7): another site must not sign the browser in to an account of its choosing. */
function crossSite(ctx: GenericEndpointContext): Response | null {
  if (isSameOriginPost(ctx.request, new URL(ctx.context.baseURL).origin)) return null;
  return errorScreen(pagePaths(ctx), 'This sign-in did not come from the sign-in page, so it was ignored.', 403);
}

/**
 * What every account form checks first: posted from our own page, and still carrying a valid
 * authorize request. Answers the refusal page, or the form's fields and the request.
 */
function readForm(ctx: GenericEndpointContext, settings: HandoffSettings): Response | { body: Record<string, unknown>; request: AuthorizeRequest } {
  const refused = crossSite(ctx);
  if (refused) return refused;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const check = checkCarriedQuery(settings, body);
  if (check.kind !== 'ok') return refusal(ctx, check);
  return { body, request: check.request };
}

/** Back to the authorize page, now signed in, where the consent screen waits. */
function toConsent(settings: HandoffSettings, request: AuthorizeRequest): Response {
  return seeOther(`${settings.authorizePagePath}?${authorizeQuery(request)}`);
}

/**
 * The page's own email + password forms. They follow BetterAuth's sign-in and sign-up steps
 * (the same adapter calls and password hasher) but answer with pages, since BetterAuth's
 * endpoints answer JSON that a plain HTML form cannot use.
 */
export function accountEndpoints(settings: HandoffSettings) {
  return {
    desktopSignIn: createAuthEndpoint('/desktop/sign-in', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, request } = form;
      const email = text(body, 'email', 254).trim().toLowerCase();
      const password = text(body, 'password', 1024);
      const wrong = () => again(ctx, request, 'That email and password do not match an account.', 401, email);
      if (!emailPattern.test(email) || password.length === 0 || password.length > ctx.context.password.config.maxPasswordLength) return wrong();
      const found = await ctx.context.internalAdapter.findUserByEmail(email, { includeAccounts: true });
      const account = found?.accounts.find((candidate) => candidate.providerId === 'credential' && candidate.accountId === found.user.id);
      if (!found || !account?.password) {
        // Hash anyway, so the answer takes as long whether or not the email is known.
        await ctx.context.password.hash(password);
        return wrong();
      }
      if (!(await ctx.context.password.verify({ hash: account.password, password }))) return wrong();
      if (ctx.context.options.emailAndPassword?.requireEmailVerification && !found.user.emailVerified) {
        return again(ctx, request, 'Verify your email address first, then sign in.', 403, email);
      }
      const session = await ctx.context.internalAdapter.createSession(found.user.id);
      await setSessionCookie(ctx, { session, user: found.user });
      return toConsent(settings, request);
    }),

    desktopSignUp: createAuthEndpoint('/desktop/sign-up', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, request } = form;
      const email = text(body, 'email', 254).trim().toLowerCase();
      const name = text(body, 'name', 100).trim() || email.split('@')[0]!;
      const password = text(body, 'password', 1024);
      const { minPasswordLength, maxPasswordLength } = ctx.context.password.config;
      if (!emailPattern.test(email)) return again(ctx, request, 'Enter a valid email address.', 400);
      if (password.length < minPasswordLength) return again(ctx, request, `Choose a password of at least ${minPasswordLength} characters.`, 400);
      if (password.length > maxPasswordLength) return again(ctx, request, `Choose a password of at most ${maxPasswordLength} characters.`, 400);
      if (await ctx.context.internalAdapter.findUserByEmail(email)) {
        return again(ctx, request, 'An account with this email already exists. Sign in instead.', 422, email);
      }
      const hash = await ctx.context.password.hash(password);
      let user;
      try {
        user = await ctx.context.internalAdapter.createUser({ email, name, emailVerified: false }, { method: 'email-password' });
      } catch (error) {
        if (error instanceof APIError) return again(ctx, request, 'This account cannot be created here.', 403);
        throw error;
      }
      await ctx.context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
      if (ctx.context.options.emailAndPassword?.requireEmailVerification) {
        return again(ctx, request, 'Account created. Verify your email address, then sign in.', 200, email);
      }
      const session = await ctx.context.internalAdapter.createSession(user.id);
      await setSessionCookie(ctx, { session, user });
      return toConsent(settings, request);
    }),

    desktopSocial: createAuthEndpoint('/desktop/social', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, request } = form;
      const provider = text(body, 'provider', 32);
      if (!socialButtons(ctx).some((button) => button.id === provider)) return errorScreen(pagePaths(ctx), 'That sign-in provider is not set up on this server.');
      // BetterAuth's own social sign-in, which sets its state cookie; we only turn its JSON into a redirect.
      const result = await dispatchAuthEndpoint(signInSocial(), {
        context: ctx.context,
        body: { provider, callbackURL: authorizePageUrl(ctx, settings, authorizeQuery(request)), disableRedirect: true },
        headers: ctx.headers,
        returnHeaders: true,
      });
      const { headers, response } = result as { headers: Headers | undefined; response: { url?: string } };
      if (!response?.url) return errorScreen(pagePaths(ctx), 'The sign-in provider could not be reached. Try again.', 502);
      const answer = seeOther(response.url);
      for (const cookie of headers?.getSetCookie() ?? []) answer.headers.append('set-cookie', cookie);
      return answer;
    }),
  };
}
