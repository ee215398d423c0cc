import { html, page, type Markup } from './html';

/** Where each page's forms post, under BetterAuth's base path. */
export interface PagePaths {
  stylesheet: string;
  signIn: string;
  signUp: string;
  social: string;
  decide: string;
  switchAccount: string;
}

export interface SocialButton {
  id: string;
  label: string;
}

function hiddenQuery(query: string): Markup {
  return html`<input type="hidden" name="authorize_query" value="${query}">`;
}

/** A request we cannot trust enough to redirect anywhere. */
export function errorScreen(paths: PagePaths, message: string, status = 400): Response {
  return page({
    title: 'Sign-in request refused',
    stylesheet: paths.stylesheet,
    status,
    body: html`<h1>This sign-in request cannot continue</h1>
<p>${message}</p>
<p class="muted">Close this tab and start signing in again from the Latchkey app.</p>`,
  });
}

export interface SignInScreen {
  clientName: string;
  query: string;
  social: readonly SocialButton[];
  error?: string;
  email?: string;
  status?: number;
}

/** Not signed in: email + password to sign in or create an account, and configured providers. */
export function signInScreen(paths: PagePaths, screen: SignInScreen): Response {
  const error = screen.error ? html`<p class="error" role="alert">${screen.error}</p>` : null;
  const social = screen.social.map(
    (provider) => html`<form method="post" action="${paths.social}">${hiddenQuery(screen.query)}<input type="hidden" name="provider" value="${provider.id}"><button type="submit">Continue with ${provider.label}</button></form>`,
  );
  return page({
    title: 'Sign in',
    stylesheet: paths.stylesheet,
    status: screen.status ?? 200,
    body: html`<h1>Sign in to continue to ${screen.clientName}</h1>
${error}
<form method="post" action="${paths.signIn}" aria-labelledby="sign-in-heading">
<h2 id="sign-in-heading">Sign in</h2>
${hiddenQuery(screen.query)}
<label>Email <input type="email" name="email" autocomplete="username" required maxlength="254" value="${screen.email ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required maxlength="128"></label>
<button type="submit" class="primary">Sign in</button>
</form>
<form method="post" action="${paths.signUp}" aria-labelledby="sign-up-heading">
<h2 id="sign-up-heading">Create an account</h2>
${hiddenQuery(screen.query)}
<label>Name <input type="text" name="name" autocomplete="name" maxlength="100"></label>
<label>Email <input type="email" name="email" autocomplete="email" required maxlength="254"></label>
<label>Password <input type="password" name="password" autocomplete="new-password" required maxlength="128"></label>
<button type="submit">Create account</button>
</form>
${social}`,
  });
}

export interface ConsentScreen {
  clientName: string;
  email: string;
  query: string;
  csrf: string;
  /** The loopback origin the approval redirects to, which the form-action policy must allow. */
  redirectOrigin: string | null;
}

/** Signed in: never approve on the user's behalf (RFC 8252 §8.6, any app can claim a scheme). */
export function consentScreen(paths: PagePaths, screen: ConsentScreen): Response {
  return page({
    title: 'Continue',
    stylesheet: paths.stylesheet,
    formTargets: screen.redirectOrigin ? [screen.redirectOrigin] : [],
    body: html`<h1>Continue to ${screen.clientName}?</h1>
<p>${screen.clientName} on this computer asks to sign in with your account.</p>
<form method="post" action="${paths.decide}">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary">Continue to ${screen.clientName} as ${screen.email}</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</div>
</form>
<form method="post" action="${paths.switchAccount}">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<button type="submit">Use another account</button>
</form>`,
  });
}

export type HandBack = { outcome: 'approved'; code: string } | { outcome: 'denied' } | { outcome: 'invalid'; description: string };

/**
 * The hand-back to a custom scheme. Browsers do not reliably follow a redirect to an external
 * scheme (they ask first, or drop it), so this page sends the browser on with a meta refresh and
 * keeps a "Return to Latchkey" link and, on approval, the code to paste.
 */
export function handBackScreen(paths: PagePaths, clientName: string, url: string, result: HandBack): Response {
  const heading = result.outcome === 'approved' ? `You are signed in to ${clientName}` : result.outcome === 'denied' ? 'Sign-in cancelled' : 'Sign-in request refused';
  const detail =
    result.outcome === 'approved'
      ? html`<p>Return to ${clientName} to finish. If it did not open, paste this code into it:</p>
<code class="handoff-code" aria-label="Sign-in code">${result.code}</code>
<p class="muted">The code works once and only for the next two minutes.</p>`
      : result.outcome === 'denied'
        ? html`<p>${clientName} was told you cancelled. You can close this tab.</p>`
        : html`<p>${clientName} sent a request this server cannot accept (${result.description}). ${clientName} has been told.</p>`;
  return page({
    title: heading,
    stylesheet: paths.stylesheet,
    refreshTo: url,
    body: html`<h1>${heading}</h1>
${detail}
<p class="actions"><a class="button primary" href="${url}">Return to ${clientName}</a></p>`,
  });
}
