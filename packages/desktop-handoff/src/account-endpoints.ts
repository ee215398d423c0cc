import type { GenericEndpointContext } from 'better-auth';
import { createAuthEndpoint, getSessionFromCtx, signInEmail, signInSocial, signUpEmail } from 'better-auth/api';
import { seeOther } from './answers.js';
import type { Continuation } from './continuation.js';
import { callEndpoint, withCookies } from './endpoint-call.js';
import { formTypes, readForm, text } from './form.js';
import { pagePaths, signInPolicy, socialButtons, viewLinks, type HandoffSettings } from './handoff-settings.js';
import { errorScreen } from './pages/screens.js';
import { createAccountScreen, providerRedirectScreen, secondFactorScreen, signInScreen } from './pages/sign-in-screens.js';
import { refusalFor, wrongCredentials } from './refusals.js';

export interface SignInOutcome {
  error?: string;
  notice?: string;
  status: number;
  /** What the person typed, given back (never the password). */
  email?: string;
  name?: string;
}

/** One of the two views (sign in, or create an account) for a sign-in, with what happened. */
export function signInView(ctx: GenericEndpointContext, continuation: Continuation, view: 'sign-in' | 'create-account', outcome: SignInOutcome): Response {
  const { clientName, query, returnAddress } = continuation;
  const policy = signInPolicy(ctx);
  const screen = { clientName, query, policy, links: viewLinks(returnAddress), ...outcome };
  return view === 'create-account' && policy.signUp ? createAccountScreen(pagePaths(ctx), screen) : signInScreen(pagePaths(ctx), screen);
}

/** The sign-in view again, with what the host allows and a sentence saying what happened. */
export function signInAgain(ctx: GenericEndpointContext, continuation: Continuation, outcome: SignInOutcome): Response {
  return signInView(ctx, continuation, 'sign-in', outcome);
}

/** Back to the page the sign-in was for, now signed in: the consent screen or the device approval. */
export function toConsent(continuation: Continuation): Response {
  return seeOther(continuation.returnAddress);
}

/** Sign-up's answer, the same whether or not the email already had an account. */
function signUpNotice(ctx: GenericEndpointContext): string {
  return ctx.context.options.emailAndPassword?.requireEmailVerification
    ? 'If that email had no account, it has one now: open the link we sent to verify it, then sign in here.'
    : 'If that email had no account, it has one now. Sign in with it here to continue.';
}

/**
 * The page's own forms. Each is a thin adapter: it hands the fields to BetterAuth's own endpoint
 * (`signInEmail`, `signUpEmail`, `signInSocial`) and turns the JSON answer into a page, with
 * BetterAuth's cookies. The plugin itself never creates a user or a session here.
 */
export function accountEndpoints(settings: HandoffSettings) {
  return {
    desktopSignIn: createAuthEndpoint('/desktop/sign-in', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = await readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, continuation } = form;
      const email = text(body, 'email', 254).trim();
      const replaced = await getSessionFromCtx(ctx);
      const answer = await callEndpoint(ctx, signInEmail(), { email, password: text(body, 'password', 1024) });
      // Signing in again (prompt=login, max_age) replaces the browser's session: the one it
      // replaced is ended, so no session stays valid that no browser holds any more.
      if (answer.status === 200 && replaced) await ctx.context.internalAdapter.deleteSession(replaced.session.token);
      if (answer.status === 200 && answer.body?.twoFactorRedirect === true) {
        // twoFactor's after hook replaced the session with its own challenge cookie.
        const { clientName, query, returnAddress } = continuation;
        return withCookies(secondFactorScreen(pagePaths(ctx), { clientName, query, restartUrl: returnAddress }), answer.cookies);
      }
      if (answer.status === 200) return withCookies(toConsent(continuation), answer.cookies);
      const { sentence, status } = refusalFor(answer, wrongCredentials);
      return withCookies(signInAgain(ctx, continuation, { error: sentence, status, email }), answer.cookies);
    }),

    desktopSignUp: createAuthEndpoint('/desktop/sign-up', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = await readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, continuation } = form;
      const email = text(body, 'email', 254).trim();
      const typedName = text(body, 'name', 100).trim();
      const name = typedName || email.split('@')[0] || email;
      // A refusal gives back the create-account view with what was typed, never the password.
      const again = (error: string, status: number) => signInView(ctx, continuation, 'create-account', { error, status, email, name: typedName });
      // BetterAuth's own answer to a known email, with `autoSignIn: false` (sign-up.ts,
      // `shouldReturnGenericDuplicateResponse`): the same 200 and a synthetic user, after hashing
      // the password so it takes as long. With auto sign-in a new email would land on the consent
      // screen and a known one would not, so this form never signs in by itself: both cases get
      // one sentence and the sign-in form.
      const options = ctx.context.options;
      const generic = { ...ctx.context, options: { ...options, emailAndPassword: { enabled: false, ...options.emailAndPassword, autoSignIn: false } } };
      const answer = await callEndpoint(ctx, signUpEmail(), { name, email, password: text(body, 'password', 1024) }, generic);
      if (answer.status === 200) return withCookies(signInAgain(ctx, continuation, { notice: signUpNotice(ctx), status: 200, email }), answer.cookies);
      const { minPasswordLength, maxPasswordLength } = ctx.context.password.config;
      if (answer.code === 'PASSWORD_TOO_SHORT') return again(`That password is too short. Choose one of at least ${minPasswordLength} characters.`, 400);
      if (answer.code === 'PASSWORD_TOO_LONG') return again(`That password is too long. Choose one of at most ${maxPasswordLength} characters.`, 400);
      const { sentence, status } = refusalFor(answer, { sentence: 'This account cannot be created here.', status: 403 });
      return withCookies(again(sentence, status), answer.cookies);
    }),

    desktopSocial: createAuthEndpoint('/desktop/social', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = await readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, continuation } = form;
      const provider = text(body, 'provider', 64);
      const button = socialButtons(ctx).find((candidate) => candidate.id === provider);
      if (!button) return errorScreen(pagePaths(ctx), 'That sign-in provider is not set up on this server.');
      // BetterAuth's own social sign-in, which sets its state cookie; only its JSON becomes a redirect.
      const answer = await callEndpoint(ctx, signInSocial(), { provider, callbackURL: `${new URL(ctx.context.baseURL).origin}${continuation.returnAddress}`, disableRedirect: true });
      const url = typeof answer.body?.url === 'string' ? answer.body.url : null;
      if (answer.status !== 200 || !url) {
        const { sentence, status } = refusalFor(answer, { sentence: 'The sign-in provider could not be reached. Try again.', status: 502 });
        return withCookies(signInAgain(ctx, continuation, { error: sentence, status }), answer.cookies);
      }
      return withCookies(providerRedirectScreen(pagePaths(ctx), button, url), answer.cookies);
    }),
  };
}
