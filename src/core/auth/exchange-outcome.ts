import type { SignInStep } from '../account/ports';
import type { ExchangeResult } from './code-exchange';
import { signInMessages } from './messages';

/** What an exchange means for the user, and whether it ends the attempt. */
export interface ExchangeOutcome {
  step: Exclude<SignInStep, { kind: 'ignored' }>;
  endsAttempt: boolean;
}

/**
 * The decision table for an exchange. A rejected code from a callback is spent for good, while a
 * rejected pasted code is most likely mistyped and the real one still unspent. A network failure
 * or a 5xx keeps the attempt, so the code shown on the browser page can still be pasted.
 */
export function exchangeOutcome(result: ExchangeResult, source: 'callback' | 'paste'): ExchangeOutcome {
  switch (result.kind) {
    case 'token':
      return { step: { kind: 'signedIn', token: result.token, expiresAt: result.expiresAt, remainingMs: result.remainingMs, user: result.user }, endsAttempt: true };
    case 'rejected':
      return source === 'paste'
        ? { step: { kind: 'failed', message: signInMessages.pastedCodeRejected }, endsAttempt: false }
        : { step: { kind: 'ended', message: signInMessages.codeRejected }, endsAttempt: true };
    case 'refused':
      // The server refuses a code of the wrong shape as invalid_request: a paste with a typo.
      if (source === 'paste' && result.error === 'invalid_request') {
        return { step: { kind: 'failed', message: signInMessages.pastedCodeRejected }, endsAttempt: false };
      }
      return { step: { kind: 'ended', message: signInMessages.refusedByServer(result.error) }, endsAttempt: true };
    case 'network':
      return { step: { kind: 'failed', message: result.reason === 'tls' ? signInMessages.certificateRefused : signInMessages.unreachable }, endsAttempt: false };
    case 'server':
      return result.reason === 'status'
        ? { step: { kind: 'failed', message: signInMessages.serverError }, endsAttempt: false }
        : { step: { kind: 'ended', message: signInMessages.malformedAnswer }, endsAttempt: true };
  }
}

/** Safe fields for the log line about an exchange: its kind and reason, never its token. */
export function exchangeLogFields(result: ExchangeResult): Record<string, string> {
  switch (result.kind) {
    case 'refused':
      return { result: result.kind, error: result.error };
    case 'network':
    case 'server':
      return { result: result.kind, reason: result.reason };
    default:
      return { result: result.kind };
  }
}
