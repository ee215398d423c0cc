import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../../src/contract/handoff';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import type { Http } from '../../../src/core/ports';
import { revokeSession } from '../../../src/core/session/session-client';
import { startAuthServer, type TestAuthServer } from '../../harness/auth-server';
import { RecordingLogger } from '../../unit/auth/fakes';

/** The app's sign-out against the real reference server, which advertises RFC 7009 revocation. */
describe('signing out on the server', () => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(async () => server?.close());

  async function sessionToken(): Promise<string> {
    const body = { email: `revoke-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Revoke' };
    const { token } = await server.server.auth.api.signUpEmail({ body });
    if (!token) throw new Error('sign-up made no session');
    return token;
  }
  const owner = async (token: string) => (await (await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${token}` } })).json()) as unknown;

  it('revokes the token at the endpoint the metadata names, and the server no longer knows the session', async () => {
    const token = await sessionToken();
    const paths: string[] = [];
    const http: Http = (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    };
    const discovery = new ServerDiscovery({ http, serverOrigin: server.url, logger: new RecordingLogger() });
    expect(await owner(token)).not.toBeNull();
    expect(await revokeSession(http, discovery, token, handoff.defaultClientId)).toBe(true);
    expect(paths).toEqual([handoff.metadataPath, `${handoff.authBasePath}/desktop/revoke`]);
    expect(await owner(token)).toBeNull();
  });
});
