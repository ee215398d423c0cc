import { DatabaseSync } from 'node:sqlite';
import { checkReturnAddress, desktopHandoff } from '@latchkey/desktop-handoff';
import { desktopHandoffClient } from '@latchkey/desktop-handoff/client';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { describe, expect, it } from 'vitest';
import { pkcePair } from '../harness/auth-server';

const authorize = '/desktop/authorize?response_type=code&client_id=my-app&state=s';

describe('the return address to the authorize page', () => {
  it.each([
    ['https://evil.example/desktop/authorize?x=1'],
    ['//evil.example/desktop/authorize?x=1'],
    ['/\\evil.example/desktop/authorize?x=1'],
    ['/desktop/authorize/../../elsewhere?x=1'],
    ['/desktop/authorizeX?x=1'],
    ['/desktop/authorize'],
    ['/elsewhere?next=/desktop/authorize?x=1'],
    ['javascript:alert(1)//desktop/authorize?x=1'],
    [`${authorize}#fragment`],
  ])('refuses %s, so it cannot become an open redirect', (value) => {
    expect(checkReturnAddress(value, '/desktop/authorize')).toBeNull();
  });

  it('accepts the authorize page on this origin, with its request', () => {
    expect(checkReturnAddress(authorize, '/desktop/authorize')).toBe(authorize);
  });

  it('is what the client plugin hands the host’s page, from its callbackURL only', () => {
    const { returnAddress } = desktopHandoffClient().getActions().desktopHandoff;
    expect(returnAddress(`?callbackURL=${encodeURIComponent(authorize)}`)).toBe(authorize);
    expect(returnAddress(`?callbackURL=${encodeURIComponent('https://evil.example/')}`)).toBeNull();
    expect(returnAddress('?redirect=%2Fdesktop%2Fauthorize%3Fx%3D1')).toBeNull();
  });
});

describe('signInPage', () => {
  async function host() {
    const auth = betterAuth({
      baseURL: 'http://localhost:3000',
      secret: 'a-secret-of-at-least-thirty-two-characters',
      database: new DatabaseSync(':memory:'),
      emailAndPassword: { enabled: true },
      plugins: [desktopHandoff({ clients: [{ clientId: 'my-app', name: 'My App', redirectUris: ['com.example.app:/oauth'] }], signInPage: '/login?theme=plain' })],
    });
    await (await getMigrations(auth.options)).runMigrations();
    return auth;
  }

  it('sends a browser without a session to the host’s page, with the pending request as the way back', async () => {
    const auth = await host();
    const query = new URLSearchParams({ response_type: 'code', client_id: 'my-app', redirect_uri: 'com.example.app:/oauth', state: 'st', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const response = await auth.handler(new Request(`http://localhost:3000/api/auth/desktop/authorize?${query}`));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, 'http://localhost:3000');
    expect(location.origin + location.pathname).toBe('http://localhost:3000/login');
    expect(location.searchParams.get('theme')).toBe('plain');
    expect(location.searchParams.get('callbackURL')).toBe(`/desktop/authorize?${query}`);
  });

  it('never sends a request it cannot trust there: an unknown client gets the error page', async () => {
    const auth = await host();
    const response = await auth.handler(new Request('http://localhost:3000/api/auth/desktop/authorize?client_id=someone&redirect_uri=https%3A%2F%2Fevil.example%2F'));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('must be a path on the host’s own origin', () => {
    for (const signInPage of ['https://evil.example/login', '//evil.example/login', 'login']) {
      expect(() => desktopHandoff({ clients: [{ clientId: 'a', name: 'A', redirectUris: ['a:/cb'] }], signInPage })).toThrow('signInPage must be a path');
    }
  });
});
