import { describe, expect, it } from 'vitest';
import { knownPathEndpoints, parseServerMetadata } from '../../../src/core/auth/server-metadata';
import { knownPaths, ServerDiscovery } from '../../../src/core/auth/server-discovery';
import { ServerDirectory } from '../../../src/core/auth/server-directory';
import type { Http } from '../../../src/core/ports';
import { RecordingLogger } from './fakes';

const origin = 'https://auth.example.com';
const metadata = {
  issuer: origin,
  authorization_endpoint: `${origin}/sso/desktop/authorize`,
  token_endpoint: `${origin}/identity/desktop/token`,
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code'],
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['none'],
  authorization_response_iss_parameter_supported: true,
  desktop_session_endpoint: `${origin}/identity/get-session`,
  desktop_sign_out_endpoint: `${origin}/identity/sign-out`,
};

describe('the metadata parser', () => {
  it('takes every endpoint from the metadata, and the promise of iss', () => {
    expect(parseServerMetadata(metadata, `${origin}/`)).toEqual({
      ok: true,
      endpoints: {
        issuer: origin,
        authorization: `${origin}/sso/desktop/authorize`,
        token: `${origin}/identity/desktop/token`,
        session: `${origin}/identity/get-session`,
        signOut: `${origin}/identity/sign-out`,
        revocation: null,
        issRequired: true,
        deviceAuthorization: null,
        deviceToken: null,
        source: 'metadata',
      },
    });
  });

  it('finds device sign-in (RFC 8628 §4) only where the server advertises it, and only on its origin', () => {
    const device = {
      ...metadata,
      device_authorization_endpoint: `${origin}/identity/device/code`,
      desktop_device_token_endpoint: `${origin}/identity/device/token`,
    };
    expect(parseServerMetadata(device, origin)).toMatchObject({
      ok: true,
      endpoints: { deviceAuthorization: `${origin}/identity/device/code`, deviceToken: `${origin}/identity/device/token` },
    });
    const standard = { ...metadata, device_authorization_endpoint: `${origin}/device_authorization`, grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'] };
    expect(parseServerMetadata(standard, origin)).toMatchObject({ ok: true, endpoints: { deviceToken: `${origin}/identity/desktop/token` } });
    expect(parseServerMetadata({ ...device, desktop_device_token_endpoint: 'https://evil.example.com/token' }, origin)).toEqual({ ok: false, reason: 'a device endpoint off the server' });
    expect(parseServerMetadata({ ...device, device_authorization_endpoint: 'https://evil.example.com/code' }, origin)).toEqual({ ok: false, reason: 'a device endpoint off the server' });
  });

  it('signs out through RFC 7009 revocation only when a public client may call it, and only on the server', () => {
    const revocation = { ...metadata, revocation_endpoint: `${origin}/identity/desktop/revoke`, revocation_endpoint_auth_methods_supported: ['none'] };
    expect(parseServerMetadata(revocation, origin)).toMatchObject({ ok: true, endpoints: { revocation: `${origin}/identity/desktop/revoke` } });
    // RFC 8414 §2: without the list, the default is client_secret_basic, which needs a secret.
    const { revocation_endpoint_auth_methods_supported: _m, ...secretOnly } = revocation;
    expect(parseServerMetadata(secretOnly, origin)).toMatchObject({ ok: true, endpoints: { revocation: null } });
    expect(parseServerMetadata({ ...revocation, revocation_endpoint: 'https://evil.example.com/revoke' }, origin)).toEqual({ ok: false, reason: 'a revocation endpoint off the server' });
  });

  it('keeps BetterAuth’s known session paths for a standard server without our extension', () => {
    const { desktop_session_endpoint: _s, desktop_sign_out_endpoint: _o, authorization_response_iss_parameter_supported: _i, ...plain } = metadata;
    expect(parseServerMetadata(plain, origin)).toMatchObject({ ok: true, endpoints: { session: `${origin}/api/auth/get-session`, issRequired: false } });
  });

  it.each([
    ['not an object', [], 'not a JSON object'],
    ['another issuer (RFC 8414 §3.3)', { ...metadata, issuer: 'https://evil.example.com' }, 'an issuer other than the server'],
    ['the issuer with a path', { ...metadata, issuer: `${origin}/tenant` }, 'an issuer other than the server'],
    ['no code flow', { ...metadata, response_types_supported: ['token'] }, 'no code response type'],
    ['no S256', { ...metadata, code_challenge_methods_supported: ['plain'] }, 'no S256 PKCE'],
    ['no PKCE at all', { ...metadata, code_challenge_methods_supported: undefined }, 'no S256 PKCE'],
    ['secret-only token requests', { ...metadata, token_endpoint_auth_methods_supported: ['client_secret_basic'] }, 'no public-client token requests'],
    ['an authorization endpoint elsewhere', { ...metadata, authorization_endpoint: 'https://evil.example.com/authorize' }, 'an authorization endpoint off the server'],
    ['a token endpoint elsewhere', { ...metadata, token_endpoint: 'https://evil.example.com/token' }, 'a token endpoint off the server'],
    ['a token endpoint over http', { ...metadata, token_endpoint: 'http://auth.example.com/token' }, 'a token endpoint off the server'],
    ['a session endpoint elsewhere', { ...metadata, desktop_session_endpoint: 'https://evil.example.com/s' }, 'a session endpoint off the server'],
  ])('refuses %s', (_label, body, reason) => {
    expect(parseServerMetadata(body, origin)).toEqual({ ok: false, reason });
  });
});

/** A server whose metadata answer the test chooses, counting the requests for it. */
function fakeServer(answers: (() => Response | Promise<Response>)[]): { http: Http; requests: string[] } {
  const requests: string[] = [];
  const http: Http = async (input) => {
    requests.push(String(input));
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  };
  return { http, requests };
}
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('discovery', () => {
  it('reads the metadata at the origin once, and keeps it', async () => {
    const { http, requests } = fakeServer([json(metadata)]);
    const discovery = new ServerDiscovery({ http, serverOrigin: origin, logger: new RecordingLogger() });
    const [first, second] = await Promise.all([discovery.endpoints(), discovery.endpoints()]);
    expect(first.token).toBe(`${origin}/identity/desktop/token`);
    expect(second).toBe(first);
    expect(await discovery.endpoints()).toBe(first);
    expect(requests).toEqual([`${origin}/.well-known/oauth-authorization-server`]);
  });

  it('reads it again after an endpoint answered 404', async () => {
    const moved = { ...metadata, token_endpoint: `${origin}/v2/desktop/token` };
    const { http, requests } = fakeServer([json(metadata), json(moved)]);
    const discovery = new ServerDiscovery({ http, serverOrigin: origin, logger: new RecordingLogger() });
    await discovery.endpoints();
    discovery.forget();
    expect((await discovery.endpoints()).token).toBe(`${origin}/v2/desktop/token`);
    expect(requests).toHaveLength(2);
  });

  it('uses the known paths for an old server without metadata, and remembers that', async () => {
    const { http, requests } = fakeServer([() => new Response('Not found', { status: 404 })]);
    const discovery = new ServerDiscovery({ http, serverOrigin: origin, logger: new RecordingLogger() });
    expect(await discovery.endpoints()).toEqual(knownPathEndpoints(origin));
    expect(await discovery.endpoints()).toEqual(knownPathEndpoints(origin));
    expect(requests).toHaveLength(1);
  });

  it('tries the known paths while the server cannot be reached, and asks again next time', async () => {
    const logger = new RecordingLogger();
    const { http, requests } = fakeServer([() => Promise.reject(new TypeError('fetch failed')), json(metadata)]);
    const discovery = new ServerDiscovery({ http, serverOrigin: origin, logger });
    expect((await discovery.endpoints()).source).toBe('known paths');
    expect(discovery.cached()).toBeNull();
    expect((await discovery.endpoints()).source).toBe('metadata');
    expect(requests).toHaveLength(2);
  });

  it('refuses metadata for another issuer, says why, and does not keep the refusal', async () => {
    const logger = new RecordingLogger();
    const { http } = fakeServer([json({ ...metadata, issuer: 'https://evil.example.com' })]);
    const discovery = new ServerDiscovery({ http, serverOrigin: origin, logger });
    expect(await discovery.endpoints()).toEqual(knownPathEndpoints(origin));
    expect(discovery.cached()).toBeNull();
    expect(logger.lines).toContainEqual({ level: 'warn', message: 'Server metadata refused; using the known paths', fields: { status: 200, reason: 'an issuer other than the server' } });
  });
});

describe('a typed server, checked before its first sign-in', () => {
  it('keeps the checked endpoints, so a metadata read that fails later does not drop its iss promise', async () => {
    const checked = parseServerMetadata(metadata, origin);
    if (!checked.ok) throw new Error(checked.reason);
    const asked: string[] = [];
    const remembered: string[] = [];
    const failing: Http = async (input) => {
      asked.push(String(input));
      throw new TypeError('fetch failed');
    };
    const issuers = { promisedIss: (o: string) => remembered.includes(o), rememberIss: (o: string) => void remembered.push(o) };
    const directory = new ServerDirectory('https://home.example', knownPaths('https://home.example'), (o) => new ServerDiscovery({ http: failing, serverOrigin: o, logger: new RecordingLogger(), issuers }));
    directory.learn(origin, checked.endpoints);
    expect(await directory.discovery(origin).endpoints()).toMatchObject({ issRequired: true, source: 'metadata' });
    expect(asked, 'no second read').toEqual([]);
    expect(remembered).toEqual([origin]);
    expect(directory.knows(origin)).toBe(true);
  });
});
