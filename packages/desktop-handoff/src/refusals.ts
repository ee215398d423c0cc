import type { EndpointAnswer } from './endpoint-call.js';

/** A sentence for the page, and the status it is answered with. */
export interface Refusal {
  sentence: string;
  status: number;
}

const wrongCredentials: Refusal = { sentence: 'That email and password do not match an account. Check both and try again.', status: 401 };

/** BetterAuth's own codes (BASE_ERROR_CODES, TWO_FACTOR_ERROR_CODES) in words a person can act on. */
const byCode: Record<string, Refusal> = {
  INVALID_EMAIL_OR_PASSWORD: wrongCredentials,
  INVALID_EMAIL: { sentence: 'Enter a valid email address.', status: 400 },
  INVALID_PASSWORD: wrongCredentials,
  VALIDATION_ERROR: { sentence: 'Fill in every field, with a valid email address.', status: 400 },
  EMAIL_NOT_VERIFIED: { sentence: 'Verify your email address first (open the link we sent you), then sign in.', status: 403 },
  EMAIL_PASSWORD_DISABLED: { sentence: 'Signing in with a password is turned off on this server.', status: 403 },
  EMAIL_PASSWORD_SIGN_UP_DISABLED: { sentence: 'Creating accounts is turned off on this server.', status: 403 },
  PASSWORD_TOO_LONG: { sentence: 'That password is longer than this server accepts.', status: 400 },
  INVALID_CODE: { sentence: 'That code is not right. Nothing was signed in; try again.', status: 401 },
  INVALID_BACKUP_CODE: { sentence: 'That backup code is not right, or was already used. Nothing was signed in; try again.', status: 401 },
  TOTP_NOT_ENABLED: { sentence: 'This account has no authenticator app set up. Use a backup code.', status: 400 },
  ACCOUNT_TEMPORARILY_LOCKED: { sentence: 'Too many wrong codes: this account is locked for a while. Try again later.', status: 429 },
};

/** Codes after which the second-factor challenge is gone, so the person must sign in again. */
export const challengeEnded = new Set(['INVALID_TWO_FACTOR_COOKIE', 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE', 'ACCOUNT_TEMPORARILY_LOCKED']);

/**
 * What to tell the person when BetterAuth refused. A host's own refusal (a `before` hook, a
 * plugin) carries the host's sentence, which is shown as written; a failure of the server
 * itself is never answered with a 500 page.
 */
export function refusalFor(answer: EndpointAnswer, fallback: Refusal): Refusal {
  if (answer.status === 429) return { sentence: 'Too many attempts from here. Wait a minute, then try again.', status: 429 };
  const known = answer.code ? byCode[answer.code] : undefined;
  if (known) return known;
  if (answer.status >= 500) return { sentence: 'The server could not finish this. Try again in a moment.', status: 503 };
  const hostSentence = answer.message && answer.message.length <= 200 ? answer.message : null;
  return { sentence: hostSentence ?? fallback.sentence, status: answer.status >= 400 ? answer.status : fallback.status };
}

export { wrongCredentials };
