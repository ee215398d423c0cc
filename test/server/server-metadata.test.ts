import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { approveOverHttp, handedBack, signedInBrowser, type HttpBrowser } from './http-flow';

describe.each(testBackends)('the standard face of the handoff on %s', (backend) => {
  let server: TestAuthServer;
  let signedIn: { browser: HttpBrowser; user: TestUser };
  beforeAll(async () => {
    server = await startAuthServer({ backend });
    const user = await server.createUser();
    signedIn = { browser: await signedInBrowser(server, user), user };
  });
  afterAll(async () => server?.close());

  it('publishes authorization server metadata at the origin (RFC 8414)', async () => {
    const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
    expect(await response.json()).toEqual({
      issuer: server.url,
      authorization_endpoint: `${server.url}/desktop/authorize`,
      token_endpoint: `${server.url}/api/auth/desktop/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      revocation_endpoint: `${server.url}/api/auth/desktop/revoke`,
      revocation_endpoint_auth_methods_supported: ['none'],
      authorization_response_iss_parameter_supported: true,
      prompt_values_supported: ['none', 'login', 'consent', 'select_account', 'create'],
      desktop_session_endpoint: `${server.url}/api/auth/get-session`,
      desktop_sign_out_endpoint: `${server.url}/api/auth/sign-out`,
      device_authorization_endpoint: `${server.url}/api/auth/device/code`,
      desktop_device_token_endpoint: `${server.url}/api/auth/device/token`,
      desktop_device_verification_uri: `${server.url}/device`,
    });
  });

  it('names itself with iss on a code handed back (RFC 9207)', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(approval.callback.searchParams.get('iss')).toBe(server.url);
  });

  it('names itself with iss on an error handed back', async () => {
    const response = await fetch(server.authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    const callback = new URL(await handedBack(response));
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('iss')).toBe(server.url);
  });

  it('answers expires_in in seconds beside expires_at', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    const before = Date.now();
    const { status, body } = await server.exchange({
      grant_type: 'authorization_code',
      code: approval.code,
      code_verifier: approval.verifier,
      redirect_uri: approval.redirectUri,
      client_id: handoff.defaultClientId,
    });
    expect(status).toBe(200);
    const untilExpiry = (Date.parse(body.expires_at as string) - before) / 1000;
    expect(body.expires_in).toSatisfy((seconds: unknown) => Number.isInteger(seconds) && Math.abs((seconds as number) - untilExpiry) <= 2);
  });
});
