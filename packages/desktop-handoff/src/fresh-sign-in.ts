import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * When a request's sign-in view was first shown, carried through the sign-in (the plugin's forms,
 * a social provider, the host's own page) as `fresh_after=<ms>.<mac>` on the return address. A
 * browser session created after it was signed in for this request: it answers `prompt=login`,
 * `max_age`, `select_account` and a `login_hint`, so the page that follows does not ask again.
 * It is signed with the host's secret and bound to the request's client, state and challenge, so
 * it can neither be forged nor moved to another request.
 */
export interface FreshSignInBinding {
  clientId: string;
  state: string;
  codeChallenge: string;
}

/** A stamp older than this is ignored: no sign-in attempt of an app lives that long. */
export const freshStampLifetimeMs = 60 * 60 * 1000;
const stampPattern = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/u;

function mac(secret: string, since: number, binding: FreshSignInBinding): string {
  return createHmac('sha256', secret).update(`desktop-fresh-sign-in:${since}:${binding.clientId}:${binding.state}:${binding.codeChallenge}`).digest('base64url');
}

export function freshStamp(secret: string, since: Date, binding: FreshSignInBinding): string {
  const ms = since.getTime();
  return `${ms}.${mac(secret, ms, binding)}`;
}

/** The moment a genuine, recent stamp names; null for anything else. */
export function readFreshStamp(secret: string, stamp: string | null, binding: FreshSignInBinding, now: Date): Date | null {
  const match = stamp === null ? null : stampPattern.exec(stamp);
  if (!match) return null;
  const since = Number(match[1]);
  const expected = Buffer.from(mac(secret, since, binding));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const age = now.getTime() - since;
  return age >= 0 && age <= freshStampLifetimeMs ? new Date(since) : null;
}
