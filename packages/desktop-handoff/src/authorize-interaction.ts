import type { SignInPrompt } from './authorize-prompt.js';

/** The browser's BetterAuth session, as far as the decision needs it. */
export interface BrowserSession {
  email: string;
  /**
   * When the person last signed in: the session's `createdAt`. BetterAuth refreshing a session
   * moves `expiresAt` and `updatedAt`, never this, and its own `freshAge` reads it the same way.
   */
  authTime: Date;
}

/** What the authorize page does next. */
export type Interaction =
  /** Ask for a sign-in: there is no session, or the one there may not be used for this request. */
  | { kind: 'sign-in'; view: 'sign-in' | 'create-account'; reason: 'no-session' | 'sign-in-again' }
  /** Show who is signed in and offer another account; approving there is the consent. */
  | { kind: 'choose-account'; reason: 'asked' | 'hint-differs' }
  | { kind: 'consent' }
  /** `prompt=none`: no page at all, this error handed back (OpenID Connect Core §3.1.2.6). */
  | { kind: 'error'; error: 'login_required' | 'consent_required'; description: string };

export interface InteractionInput {
  prompt: SignInPrompt;
  session: BrowserSession | null;
  /** When this request's sign-in view was first shown (a checked `fresh_after`), if it was. */
  freshSince: Date | null;
  now: Date;
}

/** §3.1.2.1 max_age: the sign-in is older than the request allows. */
function tooOld(prompt: SignInPrompt, session: BrowserSession, now: Date): boolean {
  return prompt.maxAge !== null && now.getTime() - session.authTime.getTime() > prompt.maxAge * 1000;
}

function hintDiffers(prompt: SignInPrompt, session: BrowserSession): boolean {
  return prompt.loginHint !== null && prompt.loginHint.toLowerCase() !== session.email.toLowerCase();
}

/**
 * The one rule for every authorize page and the consent decision. A session signed in during this
 * request (after its sign-in view was shown) satisfies everything the request asked of the
 * sign-in: the person just chose who to be. Consent is always asked: any app on the computer can
 * claim a redirect (RFC 8252 §8.6), so `prompt=none` can never end in a code.
 */
export function nextInteraction({ prompt, session, freshSince, now }: InteractionInput): Interaction {
  if (prompt.values.has('none')) {
    if (!session) return { kind: 'error', error: 'login_required', description: 'no one is signed in' };
    if (tooOld(prompt, session, now)) return { kind: 'error', error: 'login_required', description: 'the sign-in is older than max_age' };
    if (hintDiffers(prompt, session)) return { kind: 'error', error: 'login_required', description: 'another account is signed in' };
    return { kind: 'error', error: 'consent_required', description: 'the person must approve on the page' };
  }
  const view = prompt.values.has('create') ? 'create-account' : 'sign-in';
  if (!session) return { kind: 'sign-in', view, reason: 'no-session' };
  if (freshSince !== null && session.authTime.getTime() >= freshSince.getTime()) return { kind: 'consent' };
  if (prompt.values.has('login') || tooOld(prompt, session, now)) return { kind: 'sign-in', view, reason: 'sign-in-again' };
  if (hintDiffers(prompt, session)) return { kind: 'choose-account', reason: 'hint-differs' };
  if (prompt.values.has('select_account')) return { kind: 'choose-account', reason: 'asked' };
  return { kind: 'consent' };
}
