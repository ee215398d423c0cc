import { describe, expect, it } from 'vitest';
import { isExpired, parseAttempt, serializeAttempt, type PendingAttempt } from '../../../src/core/auth/attempt';

const attempt: PendingAttempt = {
  state: 'S'.repeat(43),
  verifier: 'v'.repeat(43),
  redirectUri: 'dev.latchkey.app:/auth/callback',
  via: 'scheme',
  createdAt: 1_000,
  expiresAt: 601_000,
};

describe('the saved sign-in attempt', () => {
  it('survives a round trip through its JSON text', () => {
    expect(parseAttempt(serializeAttempt(attempt))).toEqual({ ok: true, attempt });
  });

  it('keeps the server of an attempt on another server, https or http on this machine', () => {
    for (const serverOrigin of ['https://other.example.com', 'http://127.0.0.1:4000', 'http://localhost:4000']) {
      expect(parseAttempt(serializeAttempt({ ...attempt, serverOrigin }))).toEqual({ ok: true, attempt: { ...attempt, serverOrigin } });
    }
  });

  it('refuses to save an attempt that could not be read back', () => {
    expect(() => serializeAttempt({ ...attempt, verifier: 'short' })).toThrow();
    expect(() => serializeAttempt({ ...attempt, expiresAt: attempt.createdAt })).toThrow();
  });

  const saved = JSON.parse(serializeAttempt(attempt)) as Record<string, unknown>;
  it.each([
    ['not JSON', '{', 'not JSON'],
    ['JSON null', 'null', 'not a sign-in attempt'],
    ['an unknown version', JSON.stringify({ ...saved, version: 2 }), 'version'],
    ['an extra field', JSON.stringify({ ...saved, token: 'x' }), 'not a sign-in attempt'],
    ['a missing verifier', JSON.stringify({ ...saved, verifier: undefined }), 'verifier'],
    ['an unknown channel', JSON.stringify({ ...saved, via: 'email' }), 'via'],
    ['a string time', JSON.stringify({ ...saved, createdAt: '1000' }), 'createdAt'],
    ['a short state', JSON.stringify({ ...saved, state: 'abc' }), 'state'],
    ['an expiry before its start', JSON.stringify({ ...saved, expiresAt: 10 }), 'not a sign-in attempt'],
    // The code and verifier go to this server: a hand-edited one must not send them in the clear.
    ['a server reached without encryption', JSON.stringify({ ...saved, serverOrigin: 'http://auth.example.com' }), 'serverOrigin'],
    ['a server address with a path', JSON.stringify({ ...saved, serverOrigin: 'https://auth.example.com/steal' }), 'serverOrigin'],
    ['a server address with credentials', JSON.stringify({ ...saved, serverOrigin: 'https://user:pw@auth.example.com' }), 'serverOrigin'],
  ])('refuses %s', (_label, text, reason) => {
    const parsed = parseAttempt(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it.each([
    [600_999, false],
    [601_000, true],
    [700_000, true],
  ])('at %i it is expired: %s', (now, expired) => {
    expect(isExpired(attempt, now)).toBe(expired);
  });
});
