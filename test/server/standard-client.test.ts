import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAuthorization } from 'better-auth/plugins';
import { desktopDeviceOptions } from '@latchkey/desktop-handoff';
import { handoff, loopbackRedirectBase } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer } from '../harness/auth-server';
import { hostClient, startHost, type Host } from './host';
import { hiddenField, HttpBrowser } from './http-flow';

/** A server as a standard client meets it: an origin, a client registered there, and a browser signed in to it. */
interface Target {
  origin: string;
  /** Where BetterAuth (and so the plugin's forms) is mounted. */
  basePath: string;
  clientId: string;
  redirectUri: string;
  browser: HttpBrowser;
  email: string;
}

async function signIn(origin: string, basePath: string, authorizeQuery: string, user: { email: string; password: string }): Promise<HttpBrowser> {
  const browser = new HttpBrowser(origin);
  const answer = await browser.request(`${basePath}/desktop/sign-in`, { method: 'POST', form: { authorize_query: authorizeQuery, email: user.email, password: user.password } });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  return browser;
}

/**
 * openid-client, a maintained OAuth 2.1 library, as a native public client (RFC 8252): it finds
 * everything from the origin's metadata and follows the standard with nothing special for us.
 * `allowInsecureRequests` only lets it speak http to this loopback test server.
 */
function discover(target: Target) {
  return oauth.discovery(new URL(target.origin), target.clientId, undefined, oauth.None(), { algorithm: 'oauth2', execute: [oauth.allowInsecureRequests] });
}

/** Sends the signed-in browser through authorize and consent, as a person would, and returns what came back. */
async function authorize(target: Target, config: oauth.Configuration, challenge: { code_challenge: string; code_challenge_method: string }) {
  const state = oauth.randomState();
  const url = oauth.buildAuthorizationUrl(config, { redirect_uri: target.redirectUri, state, ...challenge });
  const consent = await (await target.browser.request(url.pathname + url.search)).text();
  const decide = await target.browser.request(`${target.basePath}/desktop/decide`, {
    method: 'POST',
    form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
  });
  expect(decide.status).toBe(303);
  return { state, callback: new URL(decide.headers.get('location')!) };
}

/** Whom the server says a token belongs to, at the session endpoint its metadata names; null once it is revoked. */
async function ownerOf(config: oauth.Configuration, token: string): Promise<string | null> {
  const endpoint = config.serverMetadata().desktop_session_endpoint as string;
  const session = (await (await fetch(endpoint, { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { email: string } } | null;
  return session?.user.email ?? null;
}

/** A flow per grant type: each gives a token for the signed-in person, as openid-client received it. */
const grants: Record<string, (target: Target, config: oauth.Configuration, methods: string[]) => Promise<string>> = {
  async authorization_code(target, config, methods) {
    let token = '';
    // Every PKCE method advertised (RFC 7636 §4.2); a method without a flow here fails the walk.
    for (const method of methods) {
      if (method !== 'S256') throw new Error(`no flow for the PKCE method ${method}`);
      const verifier = oauth.randomPKCECodeVerifier();
      const { state, callback } = await authorize(target, config, { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: method });
      const tokens = await oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      expect(tokens.expiresIn()).toBeGreaterThan(0);
      token = tokens.access_token;
    }
    return token;
  },
  // RFC 8628: openid-client polls the advertised token_endpoint while the person approves on the device page.
  async 'urn:ietf:params:oauth:grant-type:device_code'(target, config) {
    const code = await oauth.initiateDeviceAuthorization(config, {});
    const poll = oauth.pollDeviceAuthorizationGrant(config, code);
    const link = new URL(code.verification_uri_complete!);
    const confirm = await (await target.browser.request(link.pathname + link.search)).text();
    const decided = await target.browser.request(`${target.basePath}/desktop/device/decide`, {
      method: 'POST',
      form: { user_code: hiddenField(confirm, 'user_code'), csrf: hiddenField(confirm, 'csrf'), decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const tokens = await poll;
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    return tokens.access_token;
  },
};

/** Walks the metadata: every grant, response type and PKCE method it advertises, then revocation. */
async function walkTheMetadata(target: Target): Promise<void> {
  const config = await discover(target);
  const metadata = config.serverMetadata();
  expect(metadata.response_types_supported).toEqual(['code']);
  const tokens: string[] = [];
  for (const grant of metadata.grant_types_supported ?? []) {
    const flow = grants[grant];
    if (!flow) throw new Error(`the metadata advertises ${grant}, which no flow here runs`);
    const token = await flow(target, config, metadata.code_challenge_methods_supported ?? []);
    expect(await ownerOf(config, token)).toBe(target.email);
    tokens.push(token);
  }
  // RFC 7009: each token revoked at the advertised endpoint no longer opens a session.
  expect(metadata.revocation_endpoint).toBeDefined();
  for (const token of tokens) {
    await oauth.tokenRevocation(config, token, { token_type_hint: 'access_token' });
    expect(await ownerOf(config, token)).toBeNull();
  }
  // Revoking a token the server no longer knows is not an error (§2.2).
  await oauth.tokenRevocation(config, tokens[0]!);
}

describe.each(testBackends)('a standard OAuth client against the metadata on %s', (backend) => {
  let server: TestAuthServer;
  let host: Host;
  let reference: Target;
  beforeAll(async () => {
    // The device grant's polling interval is the RFC's 5 s unless the server says less.
    [server, host] = await Promise.all([
      startAuthServer({ backend, device: { intervalSeconds: 1 } }),
      startHost({ backend, auth: { basePath: '/identity', plugins: [deviceAuthorization(desktopDeviceOptions({ clients: [hostClient], intervalSeconds: 1 }))] } }),
    ]);
    const user = await server.createUser();
    const browser = await signIn(server.url, handoff.authBasePath, new URL(server.authorizeUrl({})).searchParams.toString(), user);
    const redirectUri = loopbackRedirectBase.replace('127.0.0.1', '127.0.0.1:49152');
    reference = { origin: server.url, basePath: handoff.authBasePath, clientId: handoff.defaultClientId, redirectUri, browser, email: user.email };
  });
  afterAll(async () => Promise.all([server?.close(), host?.close()]));

  it('completes every advertised flow against the reference server', async () => {
    await walkTheMetadata(reference);
  });

  it('completes every advertised flow against a host that mounts BetterAuth at /identity', async () => {
    const user = { email: `host-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Host User' };
    await host.auth.api.signUpEmail({ body: user });
    const query = new URL(host.authorizeUrl()).searchParams.toString();
    const browser = await signIn(host.url, '/identity', query, user);
    await walkTheMetadata({ origin: host.url, basePath: '/identity', clientId: hostClient.clientId, redirectUri: 'http://127.0.0.1:49153/auth/callback', browser, email: user.email });
  });

  it.each([
    ['no one is signed in', 'login_required', () => new HttpBrowser(reference.origin)],
    ['someone is signed in (consent is never skipped)', 'consent_required', () => reference.browser],
  ])('prompt=none, when %s, reaches openid-client as %s with state and iss checked (OpenID Connect Core §3.1.2.6)', async (_label, error, browser) => {
    const config = await discover(reference);
    expect(config.serverMetadata().prompt_values_supported).toContain('none');
    const verifier = oauth.randomPKCECodeVerifier();
    const state = oauth.randomState();
    const url = oauth.buildAuthorizationUrl(config, { redirect_uri: reference.redirectUri, state, prompt: 'none', code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const answer = await browser().request(url.pathname + url.search);
    expect(answer.status).toBe(303);
    const refused = await oauth.authorizationCodeGrant(config, new URL(answer.headers.get('location')!), { pkceCodeVerifier: verifier, expectedState: state }).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((refused as oauth.AuthorizationResponseError).error).toBe(error);
  });

  it.each([
    ['names another server', (callback: URL) => callback.searchParams.set('iss', 'https://attacker.example.com'), /unexpected "iss"/u],
    ['leaves out iss, which the metadata promised', (callback: URL) => callback.searchParams.delete('iss'), /"iss".*missing/u],
  ])('refuses, by itself, a response that %s', async (_label, tamper, reason) => {
    const config = await discover(reference);
    const verifier = oauth.randomPKCECodeVerifier();
    const { state, callback } = await authorize(reference, config, { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    tamper(callback);
    const refused = await oauth.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(oauth.ClientError);
    expect(String((refused as Error).cause)).toMatch(reason);
  });
});
