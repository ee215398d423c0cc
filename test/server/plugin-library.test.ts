import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { bearer, deviceAuthorization } from 'better-auth/plugins';
import { describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { desktopDeviceOptions, desktopHandoff, deviceMetadataFields, handoffProtocol, type AuthorizationServerMetadata } from '@latchkey/desktop-handoff';
import * as protocolEntry from '@latchkey/desktop-handoff/protocol';
import { pkcePair } from '../harness/auth-server';

const hostClients = [{ clientId: 'my-app', name: 'My App', redirectUris: ['com.example.app:/oauth'] }];

/** The plugin inside someone else's BetterAuth, called in-process through `auth.handler`. */
async function hostedAuth(options: { device?: boolean } = {}) {
  const device = options.device ? [deviceAuthorization(desktopDeviceOptions({ clients: hostClients }))] : [];
  const auth = betterAuth({
    baseURL: 'http://localhost:3000',
    secret: 'a-secret-of-at-least-thirty-two-characters',
    database: new DatabaseSync(':memory:'),
    emailAndPassword: { enabled: true },
    plugins: [bearer(), desktopHandoff({ clients: hostClients }), ...device],
  });
  await (await getMigrations(auth.options)).runMigrations();
  return auth;
}

describe('desktopHandoff() as a library', () => {
  it('serves the authorize page under the host’s base path, for the host’s own clients', async () => {
    const auth = await hostedAuth();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'my-app',
      redirect_uri: 'com.example.app:/oauth',
      state: 'st',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const page = await auth.handler(new Request(`http://localhost:3000/api/auth/desktop/authorize?${query}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in to continue to My App');
    const unknown = await auth.handler(new Request(`http://localhost:3000/api/auth/desktop/authorize?${query.toString().replace('my-app', handoff.defaultClientId)}`));
    expect(unknown.status).toBe(400);
  });

  it('answers the token endpoint in the protocol’s shape', async () => {
    const auth = await hostedAuth();
    const response = await auth.handler(
      new Request(`http://localhost:3000${handoff.tokenPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code: 'B'.repeat(43), code_verifier: 'v'.repeat(43), redirect_uri: 'com.example.app:/oauth', client_id: 'my-app' }),
      }),
    );
    expect([response.status, await response.json()]).toEqual([400, { error: 'invalid_grant' }]);
  });

  it('advertises device sign-in in its metadata only when the host runs deviceAuthorization', async () => {
    const metadataOf = async (device: boolean) => {
      const auth = await hostedAuth({ device });
      return (await (await auth.handler(new Request(`http://localhost:3000/api/auth${handoff.metadataPath}`))).json()) as AuthorizationServerMetadata;
    };
    const without = await metadataOf(false);
    expect(Object.keys(without)).not.toContain(deviceMetadataFields.authorizationEndpoint);
    expect(without.grant_types_supported).toEqual(['authorization_code']);
    const withDevice = await metadataOf(true);
    expect(withDevice).toMatchObject({
      [deviceMetadataFields.authorizationEndpoint]: 'http://localhost:3000/api/auth/device/code',
      [deviceMetadataFields.tokenEndpoint]: 'http://localhost:3000/api/auth/device/token',
      [deviceMetadataFields.verificationUri]: 'http://localhost:3000/device',
      grant_types_supported: ['authorization_code', handoffProtocol.deviceCodeGrantType],
    });
  });

  it('issues device codes to the host’s own desktop clients only', async () => {
    const auth = await hostedAuth({ device: true });
    const ask = (clientId: string) =>
      auth.handler(new Request('http://localhost:3000/api/auth/device/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: clientId }) }));
    expect((await ask('my-app')).status).toBe(200);
    // RFC 6749 §5.2, which RFC 8628 §3.2 defers to: an unknown client is 401 invalid_client.
    expect((await ask(handoff.defaultClientId)).status).toBe(401);
  });

  it('refuses a code lifetime beyond two minutes at configuration', () => {
    expect(() => desktopHandoff({ clients: [{ clientId: 'a', name: 'A', redirectUris: ['a:/cb'] }], codeLifetimeMs: 600_000 })).toThrow('codeLifetimeMs');
  });

  it('gives a desktop app the protocol without BetterAuth: the ./protocol entry imports nothing, and is what the main entry exports', () => {
    const built = readFileSync(new URL('../../packages/desktop-handoff/dist/protocol.js', import.meta.url), 'utf8');
    expect(built.match(/^\s*(?:import|export\s+[^;]*?\sfrom)\s/gmu) ?? [], 'import statements in dist/protocol.js').toEqual([]);
    expect(protocolEntry.handoffProtocol).toBe(handoffProtocol);
    expect(protocolEntry.deviceMetadataFields).toBe(deviceMetadataFields);
  });
});
