import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { decideOnDevice, devicePage } from './device-flow';
import { approveOverHttp, signedInBrowser, type HttpBrowser } from './http-flow';

/** What a row may use: the server, and a browser signed in to it (to approve codes). */
interface World {
  server: TestAuthServer;
  signedIn: { browser: HttpBrowser; user: TestUser };
}

interface Row {
  /** The RFC section that says what the answer must be. */
  rfc: string;
  endpoint: 'authorize' | 'token' | 'device authorization' | 'revocation';
  when: string;
  send: (world: World) => Promise<Response>;
  status: number;
  /** The error code, in the body or (authorize) the callback; null where the RFC asks for none. */
  error: string | null;
  /** 401 with a WWW-Authenticate challenge of this scheme. */
  challenge?: string;
}

const loopback = 'http://127.0.0.1:51000/auth/callback';
const client = handoff.defaultClientId;
const grantType = handoff.deviceCodeGrantType;
const basic = { authorization: `Basic ${Buffer.from(`${client}:`).toString('base64')}` };

/** A form post, as RFC 6749 §4.1.3, RFC 7009 §2.1 and RFC 8628 §3.1 send them. */
function post(server: TestAuthServer, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
}

const token = (world: World, fields: Record<string, string>, headers?: Record<string, string>) => post(world.server, handoff.tokenPath, fields, headers);
const revoke = (world: World, fields: Record<string, string>, headers?: Record<string, string>) => post(world.server, `${handoff.authBasePath}/desktop/revoke`, fields, headers);
const deviceCode = (world: World, fields: Record<string, string>, headers?: Record<string, string>) => post(world.server, handoff.deviceCodePath, fields, headers);
const authorize = (world: World, params: Record<string, string | null>) => fetch(world.server.authorizeUrl({ redirect_uri: loopback, ...params }), { redirect: 'manual' });

/** A code approved by the signed-in person, and the fields that would redeem it. */
async function approved(world: World) {
  const approval = await approveOverHttp(world.server, { as: world.signedIn, redirectUri: loopback });
  return { grant_type: 'authorization_code', code: approval.code, code_verifier: approval.verifier, redirect_uri: loopback, client_id: client };
}

/** A new device code, as the app asks for one. */
async function newDeviceCode(world: World): Promise<{ device_code: string; verification_uri_complete: string }> {
  return (await deviceCode(world, { client_id: client })).json() as Promise<{ device_code: string; verification_uri_complete: string }>;
}

const poll = (world: World, deviceCodeValue: string) => token(world, { grant_type: grantType, device_code: deviceCodeValue, client_id: client });

const rows: Row[] = [
  // The authorize endpoint: errors go back to a trusted redirect; an untrusted one gets a page.
  { rfc: 'RFC 6749 §4.1.2.1', endpoint: 'authorize', when: 'response_type=token (the implicit grant)', send: (w) => authorize(w, { response_type: 'token' }), status: 303, error: 'unsupported_response_type' },
  { rfc: 'RFC 6749 §4.1.2.1', endpoint: 'authorize', when: 'no response_type', send: (w) => authorize(w, { response_type: null }), status: 303, error: 'invalid_request' },
  { rfc: 'RFC 7636 §4.4.1', endpoint: 'authorize', when: 'no code_challenge', send: (w) => authorize(w, { code_challenge: null }), status: 303, error: 'invalid_request' },
  { rfc: 'RFC 7636 §4.4.1', endpoint: 'authorize', when: 'a challenge method it does not support (plain)', send: (w) => authorize(w, { code_challenge_method: 'plain' }), status: 303, error: 'invalid_request' },
  { rfc: 'RFC 6749 §4.1.2.1', endpoint: 'authorize', when: 'an unknown client (no redirect)', send: (w) => authorize(w, { client_id: 'someone-else' }), status: 400, error: null },
  { rfc: 'RFC 6749 §4.1.2.1', endpoint: 'authorize', when: 'an unregistered redirect_uri (no redirect)', send: (w) => authorize(w, { redirect_uri: 'https://evil.example/auth/callback' }), status: 400, error: null },

  // The token endpoint, authorization code grant.
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'no grant_type', send: (w) => token(w, { code: 'A'.repeat(43), client_id: client }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'a grant type it does not offer (password)', send: (w) => token(w, { grant_type: 'password', username: 'a', password: 'b', client_id: client }), status: 400, error: 'unsupported_grant_type' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'a grant type it does not offer (refresh_token)', send: (w) => token(w, { grant_type: 'refresh_token', refresh_token: 'x', client_id: client }), status: 400, error: 'unsupported_grant_type' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'a body that is not JSON', send: (w) => fetch(`${w.server.url}${handoff.tokenPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 6749 §3.2.1, §5.2', endpoint: 'token', when: 'no client_id', send: async (w) => token(w, { ...(await approved(w)), client_id: '' }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'an unknown client', send: async (w) => token(w, { ...(await approved(w)), client_id: 'someone-else' }), status: 401, error: 'invalid_client', challenge: 'Basic' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'client credentials in an Authorization header', send: async (w) => token(w, await approved(w), basic), status: 401, error: 'invalid_client', challenge: 'Basic' },
  { rfc: 'RFC 7636 §4.5, RFC 6749 §5.2', endpoint: 'token', when: 'no code_verifier', send: async (w) => token(w, { ...(await approved(w)), code_verifier: '' }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'an unknown code', send: (w) => token(w, { grant_type: 'authorization_code', code: 'A'.repeat(43), code_verifier: 'v'.repeat(43), redirect_uri: loopback, client_id: client }), status: 400, error: 'invalid_grant' },
  { rfc: 'RFC 7636 §4.6', endpoint: 'token', when: 'a verifier that does not match the challenge', send: async (w) => token(w, { ...(await approved(w)), code_verifier: 'v'.repeat(43) }), status: 400, error: 'invalid_grant' },
  { rfc: 'RFC 6749 §4.1.3, §5.2', endpoint: 'token', when: 'another redirect_uri than the code was issued for', send: async (w) => token(w, { ...(await approved(w)), redirect_uri: 'http://127.0.0.1:51001/auth/callback' }), status: 400, error: 'invalid_grant' },
  {
    rfc: 'RFC 6749 §4.1.2, §5.2',
    endpoint: 'token',
    when: 'a code already redeemed',
    send: async (w) => {
      const fields = await approved(w);
      expect((await token(w, fields)).status).toBe(200);
      return token(w, fields);
    },
    status: 400,
    error: 'invalid_grant',
  },

  // The token endpoint, device code grant (RFC 8628 §3.4, §3.5).
  { rfc: 'RFC 8628 §3.5', endpoint: 'token', when: 'a device code not yet approved', send: async (w) => poll(w, (await newDeviceCode(w)).device_code), status: 400, error: 'authorization_pending' },
  {
    rfc: 'RFC 8628 §3.5',
    endpoint: 'token',
    when: 'a poll inside the interval',
    send: async (w) => {
      const code = await newDeviceCode(w);
      await poll(w, code.device_code);
      return poll(w, code.device_code);
    },
    status: 400,
    error: 'slow_down',
  },
  {
    rfc: 'RFC 8628 §3.5',
    endpoint: 'token',
    when: 'a device code the person denied',
    send: async (w) => {
      const code = await newDeviceCode(w);
      const confirm = await (await w.signedIn.browser.request(devicePage(code))).text();
      expect((await decideOnDevice(w.signedIn.browser, confirm, 'deny')).status).toBe(200);
      return poll(w, code.device_code);
    },
    status: 400,
    error: 'access_denied',
  },
  {
    rfc: 'RFC 8628 §3.5',
    endpoint: 'token',
    when: 'a device code past its lifetime',
    send: async (w) => {
      const code = await newDeviceCode(w);
      // BetterAuth reads Date.now in this process: move it past the code's 10 minutes without waiting.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 601_000);
      return poll(w, code.device_code);
    },
    status: 400,
    error: 'expired_token',
  },
  { rfc: 'RFC 8628 §3.5, RFC 6749 §5.2', endpoint: 'token', when: 'an unknown device code', send: (w) => poll(w, 'not-a-device-code'), status: 400, error: 'invalid_grant' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'no device_code', send: (w) => token(w, { grant_type: grantType, client_id: client }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 6749 §5.2', endpoint: 'token', when: 'a device code poll by an unknown client', send: async (w) => token(w, { grant_type: grantType, device_code: (await newDeviceCode(w)).device_code, client_id: 'someone-else' }), status: 401, error: 'invalid_client', challenge: 'Basic' },

  // The device authorization endpoint (RFC 8628 §3.2 answers errors as RFC 6749 §5.2).
  { rfc: 'RFC 8628 §3.2, RFC 6749 §5.2', endpoint: 'device authorization', when: 'no client_id', send: (w) => deviceCode(w, {}), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 8628 §3.2, RFC 6749 §5.2', endpoint: 'device authorization', when: 'an unknown client', send: (w) => deviceCode(w, { client_id: 'someone-else' }), status: 401, error: 'invalid_client', challenge: 'Basic' },
  { rfc: 'RFC 8628 §3.2, RFC 6749 §5.2', endpoint: 'device authorization', when: 'client credentials in an Authorization header', send: (w) => deviceCode(w, { client_id: client }, basic), status: 401, error: 'invalid_client', challenge: 'Basic' },

  // The revocation endpoint.
  { rfc: 'RFC 7009 §2.2', endpoint: 'revocation', when: 'a token it does not know (not an error)', send: (w) => revoke(w, { token: 'no-such-token', client_id: client }), status: 200, error: null },
  { rfc: 'RFC 7009 §2.2.1, RFC 6749 §5.2', endpoint: 'revocation', when: 'no token', send: (w) => revoke(w, { client_id: client }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 7009 §2.1, RFC 6749 §5.2', endpoint: 'revocation', when: 'no client_id', send: (w) => revoke(w, { token: 'x' }), status: 400, error: 'invalid_request' },
  { rfc: 'RFC 7009 §2.2.1, RFC 6749 §5.2', endpoint: 'revocation', when: 'an unknown client', send: (w) => revoke(w, { token: 'x', client_id: 'someone-else' }), status: 401, error: 'invalid_client', challenge: 'Basic' },
  { rfc: 'RFC 7009 §2.2.1, RFC 6749 §5.2', endpoint: 'revocation', when: 'client credentials in a Bearer Authorization header', send: (w) => revoke(w, { token: 'x', client_id: client }, { authorization: 'Bearer abc' }), status: 401, error: 'invalid_client', challenge: 'Bearer' },
];

/** The error an answer carries: the callback's `error` for a redirect, the JSON body's otherwise. */
async function errorOf(response: Response): Promise<string | null> {
  const location = response.headers.get('location');
  if (location) return new URL(location).searchParams.get('error');
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json') || text === '') return null;
  return ((JSON.parse(text) as { error?: string }).error ?? null);
}

describe.each(testBackends)('OAuth error answers on %s', (backend) => {
  const world = {} as World;
  beforeAll(async () => {
    world.server = await startAuthServer({ backend });
    const user = await world.server.createUser();
    world.signedIn = { browser: await signedInBrowser(world.server, user), user };
  });
  afterAll(async () => world.server?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(rows.map((row) => [`${row.endpoint}, ${row.when}: ${row.status} ${row.error ?? '(no error)'} (${row.rfc})`, row] as const))('%s', async (_name, row) => {
    const response = await row.send(world);
    expect(response.status).toBe(row.status);
    if (row.status === 303) expect(new URL(response.headers.get('location')!).origin + new URL(response.headers.get('location')!).pathname).toBe(loopback);
    else expect(response.headers.get('location')).toBeNull();
    const challenge = response.headers.get('www-authenticate');
    if (row.challenge) expect(challenge).toMatch(new RegExp(`^${row.challenge} realm="${world.server.url}"`, 'u'));
    else expect(challenge).toBeNull();
    expect(await errorOf(response)).toBe(row.error);
  });
});
