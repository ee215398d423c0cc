import { emailField, passwordField, type PasswordRules } from './fields.js';
import { html, page, type Markup } from './html.js';
import { hiddenQuery, shell, type PagePaths, type SocialButton } from './screens.js';

/** What the host allows: which forms, links and buttons appear, and its password rules. */
export interface SignInPolicyView {
  password: boolean;
  signUp: boolean;
  social: readonly SocialButton[];
  passwordRules: PasswordRules;
}

export interface SignInScreen {
  clientName: string;
  query: string;
  policy: SignInPolicyView;
  /** The two views' addresses: the authorize page, and the same with `prompt=create`. */
  links: { signIn: string; createAccount: string };
  /** A refusal, read out as an alert. */
  error?: string;
  /** A neutral outcome (an account request went through), read out politely. */
  notice?: string;
  /** What the person typed, given back after a refusal (never the password). */
  email?: string;
  name?: string;
  status?: number;
}

function outcome(screen: SignInScreen): Markup {
  const error = screen.error ? html`<p class="error" role="alert">${screen.error}</p>` : null;
  const notice = screen.notice ? html`<p class="notice" role="status">${screen.notice}</p>` : null;
  return html`${error}${notice}`;
}

function socialButtons(paths: PagePaths, screen: SignInScreen): Markup | null {
  const { social, password } = screen.policy;
  if (social.length === 0) return null;
  const buttons = social.map(
    (provider) => html`<form method="post" action="${paths.social}">${hiddenQuery(screen.query)}<input type="hidden" name="provider" value="${provider.id}"><button type="submit">Continue with ${provider.label}</button></form>`,
  );
  return html`${password ? html`<p class="or">or</p>` : null}<div class="social">${buttons}</div>`;
}

/**
 * Not signed in: the sign-in view, with a link to create an account when the host allows it. With
 * the email given back (after creating an account, or a refused password) the cursor waits in the
 * password field, where a password manager that just saved the new password fills it in.
 */
export function signInScreen(paths: PagePaths, screen: SignInScreen): Response {
  const { policy } = screen;
  const form = policy.password
    ? html`<form method="post" action="${paths.signIn}" aria-label="Sign in">
${hiddenQuery(screen.query)}
${emailField('sign-in-email', screen.email, 'username')}
${passwordField({ id: 'sign-in-password', autocomplete: 'current-password', rules: policy.passwordRules, autofocus: Boolean(screen.email) })}
<button type="submit" class="primary">Sign in</button>
</form>`
    : null;
  const create = policy.signUp ? html`<p class="switch">New here? <a href="${screen.links.createAccount}">Create an account</a></p>` : null;
  const nothing = !policy.password && policy.social.length === 0 ? html`<p>This server offers no way to sign in on this page. Ask its owner how to sign in.</p>` : null;
  return page({
    title: `Sign in to ${screen.clientName}`,
    ...shell(paths),
    status: screen.status ?? 200,
    body: html`<h1>Sign in to continue to ${screen.clientName}</h1>
${outcome(screen)}
${form}
${socialButtons(paths, screen)}
${nothing}
${create}`,
  });
}

/** The create-account view: its own page, the password rules shown before anything is sent. */
export function createAccountScreen(paths: PagePaths, screen: SignInScreen): Response {
  const { policy } = screen;
  return page({
    title: `Create an account for ${screen.clientName}`,
    ...shell(paths),
    status: screen.status ?? 200,
    body: html`<h1>Create an account to continue to ${screen.clientName}</h1>
${outcome(screen)}
<form method="post" action="${paths.signUp}" aria-label="Create an account">
${hiddenQuery(screen.query)}
<div class="field"><label for="create-name">Name <span class="muted">(optional)</span></label>
<input id="create-name" type="text" name="name" autocomplete="name" maxlength="100" value="${screen.name ?? ''}"></div>
${emailField('create-email', screen.email, 'email')}
${passwordField({ id: 'create-password', autocomplete: 'new-password', rules: policy.passwordRules, showRules: true })}
<button type="submit" class="primary">Create account</button>
</form>
${socialButtons(paths, screen)}
<p class="switch">Already have an account? <a href="${screen.links.signIn}">Sign in</a></p>`,
  });
}

export interface SecondFactorScreen {
  clientName: string;
  query: string;
  /** The authorize page again: the way back to a fresh sign-in. */
  restartUrl: string;
  error?: string;
  status?: number;
}

/** BetterAuth asked for a second factor: the authenticator code, or a backup code instead. */
export function secondFactorScreen(paths: PagePaths, screen: SecondFactorScreen): Response {
  const error = screen.error ? html`<p class="error" role="alert">${screen.error}</p>` : null;
  return page({
    title: 'Enter your code',
    ...shell(paths),
    status: screen.status ?? 200,
    body: html`<h1>Enter your code to continue to ${screen.clientName}</h1>
${error}
<form method="post" action="${paths.secondFactor}" aria-labelledby="totp-heading">
<h2 id="totp-heading">Authenticator app</h2>
${hiddenQuery(screen.query)}
<input type="hidden" name="method" value="totp">
<div class="field"><label for="totp-code">Code from your authenticator app</label>
<input id="totp-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10" pattern="[0-9 ]*"></div>
<button type="submit" class="primary">Verify</button>
</form>
<form method="post" action="${paths.secondFactor}" aria-labelledby="backup-heading">
<h2 id="backup-heading">Use a backup code instead</h2>
${hiddenQuery(screen.query)}
<input type="hidden" name="method" value="backup">
<div class="field"><label for="backup-code">Backup code</label>
<input id="backup-code" type="text" name="code" autocomplete="off" autocapitalize="off" spellcheck="false" required maxlength="64"></div>
<button type="submit">Use backup code</button>
</form>
<p class="switch"><a href="${screen.restartUrl}">Start again with another account</a></p>`,
  });
}

/**
 * On to the sign-in provider. The social form's answer is this page on our origin, not a 303 to
 * the provider: a page's `form-action` also governs where its form's answer redirects (CSP 3
 * §6.4.1), and each provider's sign-in hops through origins of its own. So `form-action` stays
 * `'self'`, and a meta refresh (which `form-action` does not govern) moves on, with a link for a
 * browser that does not follow it.
 */
export function providerRedirectScreen(paths: PagePaths, provider: SocialButton, url: string): Response {
  return page({
    title: `Continuing to ${provider.label}`,
    ...shell(paths),
    refreshTo: url,
    body: html`<h1>Continuing to ${provider.label}…</h1>
<p>Sign in there; you come back here afterwards.</p>
<p class="actions"><a class="button primary" href="${url}">Continue to ${provider.label}</a></p>`,
  });
}
