import { describe, expect, it } from 'vitest';
import { authorizeUrl } from '../../../src/core/auth/authorize-url';

const request = {
  serverOrigin: 'https://auth.example.com',
  clientId: 'latchkey-desktop',
  redirectUri: 'dev.latchkey.app:/auth/callback',
  state: 'state-123',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuxKAsx9jK0',
};

describe('the authorize URL', () => {
  it('goes to the configured origin with exactly the protocol parameters', () => {
    const url = new URL(authorizeUrl(request));
    expect(url.origin + url.pathname).toBe('https://auth.example.com/desktop/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'latchkey-desktop',
      redirect_uri: 'dev.latchkey.app:/auth/callback',
      state: 'state-123',
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
  });

  it('accepts a loopback development server and a trailing slash', () => {
    expect(authorizeUrl({ ...request, serverOrigin: 'http://127.0.0.1:4455/' })).toMatch(/^http:\/\/127\.0\.0\.1:4455\/desktop\/authorize\?/u);
  });

  it.each(['https://auth.example.com/evil', 'javascript:alert(1)', 'https://user:pw@auth.example.com', 'file:///etc/passwd'])(
    'never builds a URL on %s',
    (serverOrigin) => {
      expect(() => authorizeUrl({ ...request, serverOrigin })).toThrow(/origin without a path/u);
    },
  );

  it('asks the page for the account being renewed, encoded as a query value', () => {
    const url = new URL(authorizeUrl({ ...request, loginHint: 'ada+work@example.com' }));
    expect(url.searchParams.get('login_hint')).toBe('ada+work@example.com');
    expect(url.search).toContain('login_hint=ada%2Bwork%40example.com');
  });
});
