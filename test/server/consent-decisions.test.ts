import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { approveOverHttp, handedBack, hiddenField, HttpBrowser, signedInBrowser } from './http-flow';

const decidePath = `${handoff.authBasePath}/desktop/decide`;

/** A browser signed in to the server, looking at the consent screen for a fresh request. */
async function atConsent(server: TestAuthServer, browser: HttpBrowser) {
  const authorize = new URL(server.authorizeUrl({ code_challenge: pkcePair().challenge }));
  const html = await (await browser.request(authorize.pathname + authorize.search)).text();
  return { browser, authorize, html, query: hiddenField(html, 'authorize_query'), csrf: hiddenField(html, 'csrf') };
}

describe.each(testBackends)('the consent screen on %s', (backend) => {
  let server: TestAuthServer;
  let user: TestUser;
  let browser: HttpBrowser;
  let clock = Date.now();
  beforeAll(async () => {
    server = await startAuthServer({ backend, handoff: { now: () => new Date(clock) } });
    user = await server.createUser();
    browser = await signedInBrowser(server, user);
  });
  afterAll(async () => server?.close());

  it('asks a signed-in user, naming the account, instead of approving on its own', async () => {
    const { html } = await atConsent(server, browser);
    expect(html).toContain(`Continue to Latchkey as ${user.email}`);
    expect(html).toContain('Use another account');
    expect(html).not.toMatch(/http-equiv="refresh"/u);
  });

  it('hands back access_denied and the state when the user cancels', async () => {
    const { authorize, query, csrf } = await atConsent(server, browser);
    const response = await browser.request(decidePath, { method: 'POST', form: { authorize_query: query, csrf, decision: 'deny' } });
    const callback = new URL(await handedBack(response));
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', state: authorize.searchParams.get('state'), iss: server.url });
  });

  it.each([
    ['from another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, null],
    ['with the browser saying cross-site only', { 'sec-fetch-site': 'cross-site' }, null],
    ['without the form token', {}, ''],
    ['with a token for another session', {}, 'A'.repeat(43)],
  ])('ignores an approval posted %s', async (_label, headers, csrfOverride) => {
    const { query, csrf } = await atConsent(server, browser);
    const response = await browser.request(decidePath, {
      method: 'POST',
      headers,
      form: { authorize_query: query, csrf: csrfOverride ?? csrf, decision: 'approve' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).not.toContain('code=');
  });

  it('refuses an approval from a browser that is not signed in', async () => {
    const { query, csrf } = await atConsent(server, browser);
    const stranger = new HttpBrowser(server.url);
    const response = await stranger.request(decidePath, { method: 'POST', form: { authorize_query: query, csrf, decision: 'approve' } });
    expect(response.status).toBe(403);
  });

  it('signs the browser out and back to the sign-in page on "Use another account"', async () => {
    const leaving = await signedInBrowser(server, user);
    const { authorize, query, csrf } = await atConsent(server, leaving);
    const response = await leaving.request(`${handoff.authBasePath}/desktop/switch-account`, { method: 'POST', form: { authorize_query: query, csrf } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${handoff.authorizePath}?${query}`);
    const html = await (await leaving.request(authorize.pathname + authorize.search)).text();
    expect(html).toContain('Sign in to continue to Latchkey');
  });

  it('keeps the sign-in page with a sentence for a wrong password', async () => {
    const authorize = new URL(server.authorizeUrl({}));
    const response = await new HttpBrowser(server.url).request(`${handoff.authBasePath}/desktop/sign-in`, {
      method: 'POST',
      form: { authorize_query: authorize.searchParams.toString(), email: user.email, password: 'not the password' },
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('That email and password do not match an account.');
  });

  it('refuses a code after its two minutes, and accepts it just before', async () => {
    const fresh = await approveOverHttp(server, { as: { browser, user } });
    const expired = await approveOverHttp(server, { as: { browser, user } });
    const exchange = (approval: typeof fresh) =>
      server.exchange({
        grant_type: 'authorization_code',
        code: approval.code,
        code_verifier: approval.verifier,
        redirect_uri: approval.redirectUri,
        client_id: handoff.defaultClientId,
      });
    clock += 119_000;
    expect((await exchange(fresh)).status).toBe(200);
    clock += 2_000;
    expect(await exchange(expired)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('signing in from another site', () => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(async () => server?.close());

  it('is ignored, so no site can sign the browser in to an account of its choosing', async () => {
    const user = await server.createUser();
    const authorize = new URL(server.authorizeUrl({}));
    const browser = new HttpBrowser(server.url);
    const response = await browser.request(`${handoff.authBasePath}/desktop/sign-in`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      form: { authorize_query: authorize.searchParams.toString(), email: user.email, password: user.password },
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
