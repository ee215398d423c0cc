import type { GenericEndpointContext } from 'better-auth';
import { signInView } from './account-endpoints.js';
import { seeOther } from './answers.js';
import { nextInteraction, type Interaction } from './authorize-interaction.js';
import type { SignInPrompt } from './authorize-prompt.js';
import { authorizeQuery, type AuthorizeRequest } from './authorize-request.js';
import { authorizeContinuation } from './continuation.js';
import { consentToken } from './csrf.js';
import { freshStamp, readFreshStamp } from './fresh-sign-in.js';
import { handBack } from './hand-back.js';
import { pagePaths, returnAddress, type HandoffSettings } from './handoff-settings.js';
import { accountChooserScreen } from './pages/account-chooser.js';
import { consentScreen } from './pages/screens.js';
import { signInPageLocation } from './return-address.js';

/** BetterAuth's session as `getSessionFromCtx` answers it, as far as the pages read it. */
export interface PageSession {
  session: { id: string; createdAt: Date | string };
  user: { id: string; email: string; name: string };
}

/** Whether anything in the request depends on when, or as whom, the browser signed in. */
function asksOfSignIn(prompt: SignInPrompt): boolean {
  return prompt.values.has('login') || prompt.values.has('select_account') || prompt.maxAge !== null || prompt.loginHint !== null;
}

function bindingOf(request: AuthorizeRequest) {
  return { clientId: request.client.clientId, state: request.state, codeChallenge: request.codeChallenge };
}

/** What the authorize page does for this request and this browser, now. */
export function interactionFor(ctx: GenericEndpointContext, settings: HandoffSettings, request: AuthorizeRequest, session: PageSession | null): Interaction {
  const now = settings.now();
  return nextInteraction({
    prompt: request.prompt,
    session: session && { email: session.user.email, authTime: new Date(session.session.createdAt) },
    freshSince: readFreshStamp(ctx.context.secret, request.freshAfter, bindingOf(request), now),
    now,
  });
}

function loopbackOrigin(request: AuthorizeRequest): string | null {
  return request.redirectKind === 'loopback' ? new URL(request.redirectUri).origin : null;
}

function handBackTarget(request: AuthorizeRequest) {
  return { redirectUri: request.redirectUri, redirectKind: request.redirectKind, clientName: request.client.name };
}

/**
 * The sign-in, on the plugin's view or the host's own page. When the request asks anything of
 * the sign-in, the return address carries a fresh stamp, so the sign-in about to happen is
 * recognised as this request's when the browser comes back.
 */
function signIn(ctx: GenericEndpointContext, settings: HandoffSettings, request: AuthorizeRequest, session: PageSession | null, interaction: Extract<Interaction, { kind: 'sign-in' }>): Response {
  const stamped = asksOfSignIn(request.prompt) ? { ...request, freshAfter: freshStamp(ctx.context.secret, settings.now(), bindingOf(request)) } : request;
  if (settings.signInPage) {
    // Back from the host's page with the same session it went with: it did not sign in again,
    // and the plugin cannot (OpenID Connect Core §3.1.2.1 prompt=login: "MUST return an error").
    const cameBack = readFreshStamp(ctx.context.secret, request.freshAfter, bindingOf(request), settings.now()) !== null;
    if (session && cameBack && interaction.reason === 'sign-in-again') {
      return handBack(ctx, handBackTarget(request), { error: 'login_required', error_description: 'the sign-in page did not sign in again', state: request.state }, { outcome: 'needs-page', description: 'the sign-in page did not sign in again' });
    }
    const asked: Record<string, string> = {};
    if (interaction.reason === 'sign-in-again') asked.prompt = 'login';
    if (request.prompt.loginHint !== null) asked.login_hint = request.prompt.loginHint;
    return seeOther(signInPageLocation(settings.signInPage, returnAddress(settings, authorizeQuery(stamped)), asked));
  }
  const notice = interaction.reason === 'sign-in-again' ? `${request.client.name} asks you to sign in again.` : undefined;
  return signInView(ctx, authorizeContinuation(settings, stamped), interaction.view, { status: 200, email: request.prompt.loginHint ?? undefined, notice });
}

/** The authorize page's answer: a sign-in, the account chooser, the consent screen, or (prompt=none) an error handed back. */
export function answerInteraction(ctx: GenericEndpointContext, settings: HandoffSettings, request: AuthorizeRequest, session: PageSession | null, interaction: Interaction): Response {
  if (interaction.kind === 'error') {
    return handBack(ctx, handBackTarget(request), { error: interaction.error, error_description: interaction.description, state: request.state }, { outcome: 'needs-page', description: interaction.description });
  }
  if (interaction.kind === 'sign-in') return signIn(ctx, settings, request, session, interaction);
  // nextInteraction answers a sign-in whenever there is no session.
  if (!session) throw new Error(`The ${interaction.kind} interaction needs a signed-in browser.`);
  const common = {
    clientName: request.client.name,
    query: authorizeQuery(request),
    csrf: consentToken(ctx.context.secret, session.session.id),
    redirectOrigin: loopbackOrigin(request),
  };
  if (interaction.kind === 'choose-account') {
    return accountChooserScreen(pagePaths(ctx), { ...common, name: session.user.name, email: session.user.email, askedFor: interaction.reason === 'hint-differs' ? request.prompt.loginHint : null });
  }
  return consentScreen(pagePaths(ctx), { ...common, email: session.user.email });
}

/**
 * Whether an approval posted now may become a code: the same rule as the page, so a consent
 * screen left open past `max_age`, or a form replayed without the fresh sign-in `prompt=login`
 * asked for, sends the browser back to the authorize page instead.
 */
export function approvalAllowed(interaction: Interaction): boolean {
  return interaction.kind === 'consent' || interaction.kind === 'choose-account';
}
