import { describe, expect, it } from 'vitest';
import { checkClients, matchRedirectUri } from '@latchkey/desktop-handoff';
import { defaultClients } from '../../src/server/default-clients';

const [client] = defaultClients();

describe('which redirect URIs the default client accepts (RFC 8252 §7.1, §7.3)', () => {
  it.each([
    ['dev.latchkey.app:/auth/callback', 'scheme'],
    ['dev.latchkey.app.dev:/auth/callback', 'scheme'],
    ['http://127.0.0.1:1/auth/callback', 'loopback'],
    ['http://127.0.0.1:49152/auth/callback', 'loopback'],
    ['http://127.0.0.1:65535/auth/callback', 'loopback'],
  ])('accepts %s', (uri, kind) => {
    expect(matchRedirectUri(client!, uri)).toBe(kind);
  });

  it.each([
    'dev.latchkey.app:/auth/callback/',
    'DEV.LATCHKEY.APP:/auth/callback',
    'dev.latchkey.app://auth/callback',
    'dev.latchkey.app:/other',
    'http://127.0.0.1/auth/callback',
    'http://127.0.0.1:0/auth/callback',
    'http://127.0.0.1:65536/auth/callback',
    'http://127.0.0.1:080/auth/callback',
    'http://localhost:8080/auth/callback',
    'http://[::1]:8080/auth/callback',
    'https://127.0.0.1:8080/auth/callback',
    'http://127.0.0.1:8080/auth/callback?x=1',
    'http://127.0.0.1:8080/auth/callback#x',
    'http://user@127.0.0.1:8080/auth/callback',
    'http://127.0.0.1.evil.example:8080/auth/callback',
  ])('refuses %s', (uri) => {
    expect(matchRedirectUri(client!, uri)).toBeNull();
  });
});

describe('client configuration', () => {
  it.each([
    [[], 'at least one client'],
    [[{ clientId: 'a b', name: 'A', redirectUris: ['x:/cb'] }], 'letters, digits'],
    [[{ clientId: 'a', name: 'A', redirectUris: [] }], 'at least one redirect URI'],
    [[{ clientId: 'a', name: 'A', redirectUris: ['not a uri'] }], 'absolute URI'],
    [[{ clientId: 'a', name: 'A', redirectUris: ['x:/cb?next=1'] }], 'without query'],
    [
      [
        { clientId: 'a', name: 'A', redirectUris: ['x:/cb'] },
        { clientId: 'a', name: 'B', redirectUris: ['y:/cb'] },
      ],
      'listed twice',
    ],
  ])('refuses a mistake at start with a sentence (%#)', (clients, sentence) => {
    expect(() => checkClients(clients)).toThrow(sentence);
  });
});
