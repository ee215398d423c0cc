import { formatUserCode } from '../user-code.js';
import { html, page, type Markup, type PageOptions } from './html.js';

/** The device page's addresses, and the shell every page shares. */
export interface DevicePaths {
  shell: Pick<PageOptions, 'stylesheet' | 'script' | 'brand' | 'mark'>;
  /** The page on the host's origin (`/device`): the code form sends the browser back to it. */
  page: string;
  /** The approve / deny form, under BetterAuth's base path. */
  decide: string;
}

/** A heading and a sentence, for a code that cannot go on. */
export interface DeviceProblemText {
  heading: string;
  sentence: string;
  status: number;
  /** Seconds to wait, sent as `Retry-After` (RFC 9110 §10.2.3), when the problem is only a wait. */
  retryAfter?: number;
}

/** A GET form: typing a code only opens the page for it; nothing changes until approve or deny. */
function codeForm(paths: DevicePaths, typed: string, invalid: boolean): Markup {
  const describedBy = invalid ? html` aria-invalid="true" aria-describedby="code-problem"` : null;
  return html`<form method="get" action="${paths.page}">
<label>Code shown on your computer <input type="text" name="user_code" value="${typed}" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required maxlength="64"${describedBy}></label>
<button type="submit" class="primary">Continue</button>
</form>`;
}

/**
 * No code yet: someone opened the address by hand, or another site opened a code's link. The
 * link's code is not carried into the field: a filled form is one click from the approval, and a
 * site can aim clicks (RFC 8628 §5.4 leaves the rest to the person comparing the code).
 */
export function deviceEntryScreen(paths: DevicePaths, arrival: 'typed' | 'opened-from-elsewhere' = 'typed'): Response {
  const why =
    arrival === 'opened-from-elsewhere'
      ? html`<p class="notice" role="note">This page was opened from another site, so nothing was signed in. If your computer shows a code, type it here to continue.</p>`
      : null;
  return page({
    title: 'Sign in with another device',
    ...paths.shell,
    body: html`<h1>Sign in to the app on your computer</h1>
${why}<p>Type the code your computer shows. Capitals, spaces and dashes do not matter.</p>
${codeForm(paths, '', false)}`,
  });
}

/** A code that cannot go on (unknown, expired, used…): a sentence, and the form to type another. */
export function deviceProblemScreen(paths: DevicePaths, problem: DeviceProblemText, typed = ''): Response {
  const answer = page({
    title: problem.heading,
    ...paths.shell,
    status: problem.status,
    body: html`<h1>${problem.heading}</h1>
<p class="error" role="alert" id="code-problem">${problem.sentence}</p>
${codeForm(paths, typed, true)}`,
  });
  if (problem.retryAfter !== undefined) answer.headers.set('retry-after', String(problem.retryAfter));
  return answer;
}

export interface DeviceConfirmScreen {
  clientName: string;
  userCode: string;
  email: string;
  csrf: string;
}

/**
 * Signed in, the code claimed for this account: approve or deny. RFC 8628 §5.4: a code can be
 * sent to someone by an attacker, so the page asks the person to check the code and says plainly
 * to go on only with a sign-in they started themselves.
 */
export function deviceConfirmScreen(paths: DevicePaths, screen: DeviceConfirmScreen): Response {
  return page({
    title: `Sign in to ${screen.clientName}?`,
    ...paths.shell,
    body: html`<h1>Sign in to ${screen.clientName} on your computer?</h1>
<p>${screen.clientName} asks to sign in as ${screen.email}. Check that your computer shows this code:</p>
<code class="handoff-code" aria-label="Code">${formatUserCode(screen.userCode)}</code>
<p class="notice" role="note">Only continue if you started this sign-in yourself on your computer. If someone sent you this code or link, deny it.</p>
<form method="post" action="${paths.decide}">
<input type="hidden" name="user_code" value="${screen.userCode}">
<input type="hidden" name="csrf" value="${screen.csrf}">
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary">Sign in to ${screen.clientName}</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  });
}

/** After the decision: what happens on the computer now. */
export function deviceOutcomeScreen(paths: DevicePaths, clientName: string, outcome: 'approved' | 'denied'): Response {
  const body =
    outcome === 'approved'
      ? html`<h1>${clientName} is signing in</h1>
<p>Go back to your computer: ${clientName} finishes signing in within a few seconds. You can close this page.</p>`
      : html`<h1>Sign-in denied</h1>
<p>${clientName} on your computer stays signed out. You can close this page.</p>`;
  return page({ title: outcome === 'approved' ? 'Signed in' : 'Sign-in denied', ...paths.shell, body });
}
