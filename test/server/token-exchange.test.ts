import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { loopbackRedirectBase } from '../../src/contract/handoff';
import { pkcePair, startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { hostClient, startHost, type Host } from './host';
import { approveOverHttp, handedBack, hiddenField, HttpBrowser, postPageForm, signedInBrowser, type Approval } from './http-flow';

function fields(approval: Approval, overrides: Record<string, string | null> = {}): Record<string, string> {
  const base: Record<string, string | null> = {
    grant_type: 'authorization_code',
    code: approval.code,
    code_verifier: approval.verifier,
    redirect_uri: approval.redirectUri,
    client_id: handoff.defaultClientId,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== null));
}

describe.each(testBackends)('the code exchange on %s', (backend) => {
  let server: TestAuthServer;
  let signedIn: { browser: HttpBrowser; user: TestUser };
  beforeAll(async () => {
    server = await startAuthServer({ backend });
    const user = await server.createUser();
    signedIn = { browser: await signedInBrowser(server, user), user };
  });
  afterAll(async () => server?.close());

  it('trades a code and its verifier for a session of its own, usable as a Bearer token', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(approval.callback.searchParams.get('state')).toBe(approval.state);
    expect(approval.code, "letters and digits only, so a dash a person adds is never part of it").toMatch(/^[A-Za-z0-9]{43}$/u);
    const first = await server.exchange(fields(approval));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', user: { id: approval.user.id, email: approval.user.email, name: approval.user.name, image: null } });
    expect(Date.parse(first.body.expires_at as string)).toBeGreaterThan(Date.now());

    const bearer = { authorization: `Bearer ${first.body.access_token as string}` };
    const session = await fetch(`${server.url}${handoff.sessionPath}`, { headers: bearer });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(approval.user.email);

    // A second sign-in gets a second session; signing one out leaves the other.
    const second = await server.exchange(fields(await approveOverHttp(server, { as: signedIn })));
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    const signOut = await fetch(`${server.url}${handoff.signOutPath}`, { method: 'POST', headers: bearer });
    expect(signOut.status).toBe(200);
    expect(await (await fetch(`${server.url}${handoff.sessionPath}`, { headers: bearer })).json()).toBeNull();
    const other = await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${second.body.access_token as string}` } });
    expect(await other.json()).not.toBeNull();
  });

  it('revokes a session by its token with only the Bearer header', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    const { body } = await server.exchange(fields(approval));
    const token = body.access_token as string;
    const revoke = await fetch(`${server.url}${handoff.revokeSessionPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(revoke.status).toBe(200);
    expect(await (await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${token}` } })).json()).toBeNull();
  });

  it('accepts a form-encoded exchange too', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    const response = await fetch(`${server.url}${handoff.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields(approval)).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a replayed code', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect((await server.exchange(fields(approval))).status).toBe(200);
    expect(await server.exchange(fields(approval))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'x'.repeat(43) }, 400, 'invalid_grant'],
    ['a different redirect_uri', { redirect_uri: 'dev.latchkey.app.dev:/auth/callback' }, 400, 'invalid_grant'],
    ['an unknown client_id', { client_id: 'another-app' }, 401, 'invalid_client'],
  ])('refuses %s, and the code is spent by that attempt', async (_label, override, status, error) => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(await server.exchange(fields(approval, override))).toMatchObject({ status, body: { error } });
    expect(await server.exchange(fields(approval))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses an unknown code with invalid_grant', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(await server.exchange(fields(approval, { code: 'A'.repeat(43) }))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it.each([
    ['no verifier', { code_verifier: null }],
    ['a verifier too short for RFC 7636', { code_verifier: 'short' }],
    ['no redirect_uri', { redirect_uri: null }],
    ['no client_id', { client_id: null }],
    ['no grant_type', { grant_type: null }],
  ])('answers invalid_request for %s, and the code it carried is spent', async (_label, override) => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(await server.exchange(fields(approval, override))).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await server.exchange(fields(approval))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('answers invalid_request when the code is missing, and touches no other code', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(await server.exchange(fields(approval, { code: null }))).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect((await server.exchange(fields(approval))).status).toBe(200);
  });

  it('answers unsupported_grant_type for another grant', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    expect(await server.exchange(fields(approval, { grant_type: 'password' }))).toEqual({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('answers invalid_request for a body that is not JSON or a form', async () => {
    const malformed = await fetch(`${server.url}${handoff.tokenPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":' });
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: 'invalid_request' }]);
    const oversized = await fetch(`${server.url}${handoff.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x'.repeat(20_000) }),
    });
    expect([oversized.status, await oversized.json()]).toEqual([400, { error: 'invalid_request' }]);
  });

  it('binds a loopback code to the port it was issued for', async () => {
    const approval = await approveOverHttp(server, { as: signedIn, redirectUri: loopbackRedirectBase.replace('127.0.0.1', '127.0.0.1:45123') });
    expect(approval.callback.origin).toBe('http://127.0.0.1:45123');
    expect(await server.exchange(fields(approval, { redirect_uri: 'http://127.0.0.1:45124/auth/callback' }))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('keeps codes and tokens out of every log line', async () => {
    const approval = await approveOverHttp(server, { as: signedIn });
    const { body } = await server.exchange(fields(approval));
    await server.exchange(fields(approval));
    const logged = JSON.stringify(server.logs);
    expect(logged).not.toContain(approval.code);
    expect(logged).not.toContain(approval.verifier);
    expect(logged).not.toContain(body.access_token as string);
  });
});

describe.each(testBackends)('one code, exchanged by many requests released at once, on %s', (backend) => {
  const racers = 20;
  let host: Host;
  let arrived = 0;
  let release: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  beforeAll(async () => {
    // A barrier at the door: no exchange reaches BetterAuth until all of them have arrived, so
    // a consume that read the code and deleted it in two steps would let several through.
    host = await startHost({
      backend,
      gate: async (request) => {
        if (request.url !== handoff.tokenPath) return;
        arrived += 1;
        if (arrived === racers) release();
        await allArrived;
      },
    });
  });
  afterAll(async () => host?.close());

  it('lets exactly one of them win', async () => {
    const person = { name: 'Racer', email: 'racer@example.test', password: 'correct horse battery' };
    await host.auth.api.signUpEmail({ body: person });
    const { verifier, challenge } = pkcePair();
    const authorize = host.authorizeUrl({ code_challenge: challenge });
    const browser = new HttpBrowser(host.url);
    const signIn = await postPageForm(browser, 'sign-in', authorize, { email: person.email, password: person.password });
    const consent = await (await browser.request(signIn.headers.get('location')!)).text();
    const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
      method: 'POST',
      form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
    });
    const code = new URL(await handedBack(decide)).searchParams.get('code')!;
    const body = JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: hostClient.redirectUris[0], client_id: hostClient.clientId });
    const statuses = await Promise.all(
      Array.from({ length: racers }, () => fetch(`${host.url}${handoff.tokenPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((response) => response.status)),
    );
    expect(arrived).toBe(racers);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(racers - 1);
  });
});
