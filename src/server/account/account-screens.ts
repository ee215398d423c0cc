import { renderSVG } from 'uqr';
import { accountDocument, h, passwordField, type Safe } from './account-html';

function alertOf(message: string | undefined): Safe | null {
  return message ? h`<p class="error" role="alert">${message}</p>` : null;
}

export function signedOutScreen(error?: string, status = 200, cookies: readonly string[] = [], typedEmail = ''): Response {
  // What the person typed comes back after a refusal; the password never does.
  const email = typedEmail ? h` value="${typedEmail}"` : null;
  return accountDocument(
    'Your account',
    h`<h1>Your account</h1>
${alertOf(error)}
<form method="post" action="/account/sign-in" aria-labelledby="sign-in-heading">
<h2 id="sign-in-heading">Sign in</h2>
<div class="field"><label for="account-email">Email</label>
<input id="account-email" type="email" name="email" autocomplete="username" autocapitalize="off" spellcheck="false" required maxlength="254"${email}></div>
${passwordField('account-password', 'current-password')}
<button type="submit" class="primary">Sign in</button>
</form>`,
    status,
    cookies,
  );
}

export function codeScreen(error?: string, status = 200, cookies: readonly string[] = []): Response {
  return accountDocument(
    'Enter your code',
    h`<h1>Enter your code</h1>
${alertOf(error)}
<form method="post" action="/account/second-factor" aria-labelledby="totp-heading">
<h2 id="totp-heading">Authenticator app</h2>
<input type="hidden" name="method" value="totp">
<div class="field"><label for="totp-code">Code from your authenticator app</label>
<input id="totp-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10"></div>
<button type="submit" class="primary">Verify</button>
</form>
<form method="post" action="/account/second-factor" aria-labelledby="backup-heading">
<h2 id="backup-heading">Use a backup code instead</h2>
<input type="hidden" name="method" value="backup">
<div class="field"><label for="backup-code">Backup code</label>
<input id="backup-code" type="text" name="code" autocomplete="off" autocapitalize="off" spellcheck="false" required maxlength="64"></div>
<button type="submit">Use backup code</button>
</form>
<p><a href="/account">Start again</a></p>`,
    status,
    cookies,
  );
}

export interface Overview {
  email: string;
  twoFactor: boolean;
  error?: string;
  notice?: string;
  status?: number;
}

export function overviewScreen(view: Overview): Response {
  const notice = view.notice ? h`<p class="notice" role="status">${view.notice}</p>` : null;
  const twoFactor = view.twoFactor
    ? h`<p>On: signing in asks for a code from your authenticator app.</p>
<form method="post" action="/account/disable" aria-label="Turn off two-factor authentication">
${passwordField('disable-password', 'current-password')}
<button type="submit">Turn off two-factor authentication</button>
</form>`
    : h`<p>Off: your password alone signs you in.</p>
<form method="post" action="/account/enable" aria-label="Turn on two-factor authentication">
${passwordField('enable-password', 'current-password')}
<button type="submit" class="primary">Turn on two-factor authentication</button>
</form>`;
  return accountDocument(
    'Your account',
    h`<h1>Your account</h1>
<p>Signed in as ${view.email}</p>
${alertOf(view.error)}
${notice}
<h2>Two-factor authentication</h2>
${twoFactor}
<form method="post" action="/account/sign-out" class="switch"><button type="submit">Sign out</button></form>`,
    view.status ?? 200,
  );
}

/** The otpauth URI as a QR code, its key for typing in, and the backup codes, shown this once. */
export function enrolmentScreen(totpURI: string, backupCodes: readonly string[], cookies: readonly string[]): Response {
  const secret = new URL(totpURI).searchParams.get('secret') ?? '';
  const qr = { safe: renderSVG(totpURI).replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" ') };
  return accountDocument(
    'Set up your authenticator app',
    h`<h1>Set up your authenticator app</h1>
<h2>1. Scan this code</h2>
<div class="qr">${qr}</div>
<p>Or type this key into the app: <code class="handoff-code" aria-label="Setup key">${secret}</code></p>
<h2>2. Keep your backup codes</h2>
<p>Each works once, if you lose your phone. They are shown only now.</p>
<ul aria-label="Backup codes">${backupCodes.map((code) => h`<li><code>${code}</code></li>`)}</ul>
<form method="post" action="/account/confirm" aria-labelledby="confirm-heading">
<h2 id="confirm-heading">3. Confirm</h2>
<div class="field"><label for="confirm-code">Code from your authenticator app</label>
<input id="confirm-code" type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10"></div>
<button type="submit" class="primary">Confirm and turn on</button>
</form>`,
    200,
    cookies,
  );
}
