import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff, loopbackRedirectBase } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer } from '../harness/auth-server';
import { hiddenField, signedInBrowser, type HttpBrowser } from './http-flow';

/**
 * openid-client, a maintained OAuth 2.1 library, as a native public client (RFC 8252): it finds
 * everything from the origin's metadata and follows the standard with nothing special for us.
 * `allowInsecureRequests` only lets it speak http to this loopback test server.
 */
describe.each(testBackends)('a standard OAuth client against the handoff on %s', (backend) => {
  let server: TestAuthServer;
  let browser: HttpBrowser;
  let email: string;
  beforeAll(async () => {
    server = await startAuthServer({ backend });
    const user = await server.createUser();
    email = user.email;
    browser = await signedInBrowser(server, user);
  });
  afterAll(async () => server?.close());

  /** Discovers the server, sends the signed-in browser through authorize and consent, and returns what came back. */
  async function authorize() {
    const config = await oauth.discovery(new URL(server.url), handoff.defaultClientId, undefined, oauth.None(), {
      algorithm: 'oauth2',
      execute: [oauth.allowInsecureRequests],
    });
    const verifier = oauth.randomPKCECodeVerifier();
    const state = oauth.randomState();
    const url = oauth.buildAuthorizationUrl(config, {
      redirect_uri: loopbackRedirectBase.replace('127.0.0.1', '127.0.0.1:49152'),
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const consent = await (await browser.request(url.pathname + url.search)).text();
    const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
      method: 'POST',
      form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
    });
    expect(decide.status).toBe(303);
    return { config, verifier, state, callback: new URL(decide.headers.get('location')!) };
  }

  it('discovers the server, validates iss and completes the sign-in', async () => {
    const { config, verifier, state, callback } = await authorize();
    expect(config.serverMetadata().supportsPKCE()).toBe(true);
    const tokens = await oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expiresIn()).toBeGreaterThan(0);
    const session = await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(email);
  });

  it.each([
    ['names another server', (callback: URL) => callback.searchParams.set('iss', 'https://attacker.example.com'), /unexpected "iss"/u],
    ['leaves out iss, which the metadata promised', (callback: URL) => callback.searchParams.delete('iss'), /"iss".*missing/u],
  ])('refuses, by itself, a response that %s', async (_label, tamper, reason) => {
    const { config, verifier, state, callback } = await authorize();
    tamper(callback);
    const refused = await oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(oauth.ClientError);
    expect(String((refused as Error).cause)).toMatch(reason);
  });
});
