import { html, page, type Markup, type PageOptions } from './html.js';

/** Where the pages' files are and each page's forms post, under BetterAuth's base path. */
export interface PagePaths {
  stylesheet: string;
  /** The mark's image: the host's, or Latchkey's. */
  mark: string;
  /** The pages' script: show password, copy the code. */
  script: string;
  /** The name beside the mark: the host's `appName`. */
  brand: string;
  signIn: string;
  signUp: string;
  social: string;
  secondFactor: string;
  decide: string;
  switchAccount: string;
}

export interface SocialButton {
  id: string;
  label: string;
}

/** What every page shares: the stylesheet, the script and the host's name beside the mark. */
export function shell(paths: PagePaths): Pick<PageOptions, 'stylesheet' | 'script' | 'brand' | 'mark'> {
  return { stylesheet: paths.stylesheet, script: paths.script, brand: paths.brand, mark: paths.mark };
}

export function hiddenQuery(query: string): Markup {
  return html`<input type="hidden" name="authorize_query" value="${query}">`;
}

/** A request we cannot trust enough to redirect anywhere. */
export function errorScreen(paths: PagePaths, message: string, status = 400): Response {
  return page({
    title: 'Sign-in request refused',
    ...shell(paths),
    status,
    body: html`<h1>This sign-in request cannot continue</h1>
<p>${message}</p>
<p class="muted">Close this tab and start signing in again from the app.</p>`,
  });
}

/**
 * Over a page's rate limit. Nothing is wrong with the request, so the page says how long to wait,
 * and `Retry-After` (RFC 9110 §10.2.3) says it to anything that reads headers.
 */
export function waitScreen(paths: PagePaths, seconds: number): Response {
  const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
  const answer = page({
    title: 'Too many attempts',
    ...shell(paths),
    status: 429,
    body: html`<h1>Too many attempts</h1>
<p>Too many attempts from this address. Try again in ${wait}.</p>`,
  });
  answer.headers.set('retry-after', String(seconds));
  return answer;
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
    ...shell(paths),
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
<form method="post" action="${paths.switchAccount}" class="switch">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<p class="muted">Not ${screen.email}?</p>
<button type="submit">Use another account</button>
</form>`,
  });
}

export type HandBack =
  | { outcome: 'approved'; code: string }
  | { outcome: 'denied' }
  | { outcome: 'invalid'; description: string }
  /** `prompt=none` met something only a page could settle: the app hears it, and may ask again with one. */
  | { outcome: 'needs-page'; description: string };

const handBackHeadings: Record<HandBack['outcome'], (clientName: string) => string> = {
  approved: (clientName) => `You are signed in to ${clientName}`,
  denied: () => 'Sign-in cancelled',
  invalid: () => 'Sign-in request refused',
  'needs-page': () => 'Signing in needs you',
};

/**
 * The hand-back to a custom scheme. Browsers do not reliably follow a redirect to an external
 * scheme (they ask first, or drop it), so this page sends the browser on with a meta refresh and
 * keeps a "Return to <app>" link and, on approval, the code to paste.
 */
export function handBackScreen(paths: PagePaths, clientName: string, url: string, result: HandBack): Response {
  const heading = handBackHeadings[result.outcome](clientName);
  const detail =
    result.outcome === 'approved'
      ? html`<p>Return to ${clientName} to finish. If it did not open, copy this code into it:</p>
${codeBlock(result.code)}
<p class="muted">The code works once and only for the next two minutes.</p>`
      : result.outcome === 'denied'
        ? html`<p>${clientName} was told you cancelled. You can close this tab.</p>`
        : result.outcome === 'needs-page'
          ? html`<p>${clientName} asked to continue without showing you a page, and this needs you (${result.description}). ${clientName} has been told.</p>`
          : html`<p>${clientName} sent a request this server cannot accept (${result.description}). ${clientName} has been told.</p>`;
  return page({
    title: heading,
    ...shell(paths),
    refreshTo: url,
    body: html`<h1>${heading}</h1>
${detail}
<p class="actions"><a class="button primary" href="${url}">Return to ${clientName}</a></p>`,
  });
}

/**
 * The code in groups of four for reading, as spans with no text between them: the text a person
 * selects and copies is the code itself (the app also drops any spaces or dashes typed into it).
 * Copy is hidden until the pages' script runs; its outcome is read out from the status line.
 */
function codeBlock(code: string): Markup {
  const groups = code.match(/.{1,4}/gu) ?? [];
  return html`<code class="handoff-code" id="handoff-code" aria-label="Sign-in code">${groups.map((group) => html`<span>${group}</span>`)}</code>
<div class="code-actions"><button type="button" data-copy="handoff-code" data-status="copy-status" hidden>Copy code</button>
<p id="copy-status" role="status" aria-live="polite"></p></div>`;
}
