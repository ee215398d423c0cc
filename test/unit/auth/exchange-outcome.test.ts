import { describe, expect, it } from 'vitest';
import type { ExchangeResult } from '../../../src/core/auth/code-exchange';
import { exchangeLogFields, exchangeOutcome } from '../../../src/core/auth/exchange-outcome';

const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null };
const token: ExchangeResult = { kind: 'token', token: 'secret-token', expiresAt: 1, remainingMs: 1, user };

describe('what an exchange means for the user', () => {
  it.each<[string, ExchangeResult, 'callback' | 'paste', string, boolean, RegExp | null]>([
    ['a session', token, 'callback', 'signedIn', true, null],
    ['a rejected callback code (spent for good)', { kind: 'rejected' }, 'callback', 'ended', true, /not accepted.*sign in again/u],
    ['a rejected pasted code (probably mistyped)', { kind: 'rejected' }, 'paste', 'failed', false, /Check that you copied the whole code/u],
    ['a refused request', { kind: 'refused', error: 'invalid_client' }, 'callback', 'ended', true, /refused the request \(invalid_client\)/u],
    ['a refused pasted client', { kind: 'refused', error: 'invalid_client' }, 'paste', 'ended', true, /invalid_client/u],
    ['a pasted code of the wrong shape', { kind: 'refused', error: 'invalid_request' }, 'paste', 'failed', false, /Check that you copied/u],
    ['a callback code of the wrong shape', { kind: 'refused', error: 'invalid_request' }, 'callback', 'ended', true, /invalid_request/u],
    ['no network', { kind: 'network', reason: 'network' }, 'callback', 'failed', false, /could not be reached.*Paste the code/u],
    ['a timeout', { kind: 'network', reason: 'timeout' }, 'paste', 'failed', false, /could not be reached/u],
    ['a 5xx', { kind: 'server', reason: 'status' }, 'callback', 'failed', false, /had a problem/u],
    ['an answer outside the protocol', { kind: 'server', reason: 'malformed' }, 'callback', 'ended', true, /does not understand/u],
  ])('%s', (_label, result, source, kind, endsAttempt, message) => {
    const outcome = exchangeOutcome(result, source);
    expect(outcome.step.kind).toBe(kind);
    expect(outcome.endsAttempt).toBe(endsAttempt);
    if (message && 'message' in outcome.step) expect(outcome.step.message).toMatch(message);
  });

  it('logs the kind of result, never the token', () => {
    expect(exchangeLogFields(token)).toEqual({ result: 'token' });
    expect(exchangeLogFields({ kind: 'server', reason: 'status' })).toEqual({ result: 'server', reason: 'status' });
  });
});
