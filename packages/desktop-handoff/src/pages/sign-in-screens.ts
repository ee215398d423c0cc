import { html, page } from './html.js';
import { hiddenQuery, type PagePaths, type SocialButton } from './screens.js';

export interface SignInScreen {
  clientName: string;
  query: string;
  /** What the host allows: which forms and buttons appear. */
  policy: { password: boolean; signUp: boolean; social: readonly SocialButton[] };
  /** A refusal, read out as an alert. */
  error?: string;
  /** A neutral outcome (an account request went through), read out politely. */
  notice?: string;
  email?: string;
  status?: number;
}

/** Not signed in: the forms the host's options allow, posting to the plugin's form endpoints. */
export function signInScreen(paths: PagePaths, screen: SignInScreen): Response {
  const { policy } = screen;
  const error = screen.error ? html`<p class="error" role="alert">${screen.error}</p>` : null;
  const notice = screen.notice ? html`<p class="notice" role="status">${screen.notice}</p>` : null;
  const signIn = policy.password
    ? html`<form method="post" action="${paths.signIn}" aria-labelledby="sign-in-heading">
<h2 id="sign-in-heading">Sign in</h2>
${hiddenQuery(screen.query)}
<label>Email <input type="email" name="email" autocomplete="username" required maxlength="254" value="${screen.email ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required maxlength="128"></label>
<button type="submit" class="primary">Sign in</button>
</form>`
    : null;
  const signUp = policy.signUp
    ? html`<form method="post" action="${paths.signUp}" aria-labelledby="sign-up-heading">
<h2 id="sign-up-heading">Create an account</h2>
${hiddenQuery(screen.query)}
<label>Name <input type="text" name="name" autocomplete="name" maxlength="100"></label>
<label>Email <input type="email" name="email" autocomplete="email" required maxlength="254"></label>
<label>Password <input type="password" name="password" autocomplete="new-password" required maxlength="128"></label>
<button type="submit">Create account</button>
</form>`
    : null;
  const social = policy.social.map(
    (provider) => html`<form method="post" action="${paths.social}">${hiddenQuery(screen.query)}<input type="hidden" name="provider" value="${provider.id}"><button type="submit">Continue with ${provider.label}</button></form>`,
  );
  const nothing = !policy.password && policy.social.length === 0 ? html`<p>This server offers no way to sign in on this page. Ask its owner how to sign in.</p>` : null;
  return page({
    title: 'Sign in',
    stylesheet: paths.stylesheet,
    status: screen.status ?? 200,
    body: html`<h1>Sign in to continue to ${screen.clientName}</h1>
${error}
${notice}
${signIn}
${signUp}
${social}
${nothing}`,
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
    stylesheet: paths.stylesheet,
    status: screen.status ?? 200,
    body: html`<h1>Enter your code to continue to ${screen.clientName}</h1>
${error}
<form method="post" action="${paths.secondFactor}" aria-labelledby="totp-heading">
<h2 id="totp-heading">Authenticator app</h2>
${hiddenQuery(screen.query)}
<input type="hidden" name="method" value="totp">
<label>Code from your authenticator app <input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10" pattern="[0-9 ]*"></label>
<button type="submit" class="primary">Verify</button>
</form>
<form method="post" action="${paths.secondFactor}" aria-labelledby="backup-heading">
<h2 id="backup-heading">Use a backup code instead</h2>
${hiddenQuery(screen.query)}
<input type="hidden" name="method" value="backup">
<label>Backup code <input type="text" name="code" autocomplete="off" required maxlength="64"></label>
<button type="submit">Use backup code</button>
</form>
<p><a href="${screen.restartUrl}">Start again with another account</a></p>`,
  });
}
