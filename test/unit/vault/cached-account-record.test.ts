import { describe, expect, it } from 'vitest';
import { decodeCachedAccount } from '../../../src/core/vault/records';

const record = {
  profile: { id: 'user-1', name: 'Ada', email: 'ada@example.test', image: null },
  expiresAt: 1_000,
  lastConfirmedAt: null,
  serverOrigin: 'https://other.example.com',
};

/**
 * The cached account is plain on disk, and the account's session token is sent to the server it
 * names: a hand-edited server must not make the app send the token in the clear or off a server.
 */
describe('the cached account read back from the store', () => {
  it.each(['https://other.example.com', 'http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])('keeps the server %s', (serverOrigin) => {
    expect(decodeCachedAccount({ ...record, serverOrigin })?.serverOrigin).toBe(serverOrigin);
  });

  it('keeps a record from before several accounts, which names no server', () => {
    const { serverOrigin: _dropped, ...older } = record;
    expect(decodeCachedAccount(older)).toEqual(older);
  });

  it.each([
    ['reached without encryption', 'http://evil.example.com'],
    ['on a path', 'https://other.example.com/collect'],
    ['with credentials', 'https://user:pw@other.example.com'],
    ['not a web address', 'javascript:alert(1)'],
    ['a file', 'file:///etc/passwd'],
  ])('refuses a server %s', (_label, serverOrigin) => {
    expect(decodeCachedAccount({ ...record, serverOrigin })).toBeNull();
  });
});
