import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, postgresUrl, schemeRedirect } from '../harness/auth-server';
import { postgresSchema, sharedSecret, startServerProcess, type ServerProcess } from '../harness/server-process';
import { handedBack, hiddenField, HttpBrowser } from './http-flow';

/** The one public origin both instances sit behind, as behind a load balancer. */
const publicOrigin = 'http://localhost:8080';

/** A client address of its own per scenario: the instances trust the test as their proxy. */
function clientAddress(): string {
  return `198.51.100.${1 + randomBytes(1)[0]! % 250}`;
}

describe.skipIf(!postgresUrl)('two server processes on one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const schema = await postgresSchema(postgresUrl!, 'latchkey_two');
    dropSchema = schema.drop;
    const env = {
      DATABASE_URL: schema.databaseUrl,
      BETTER_AUTH_SECRET: sharedSecret(),
      BETTER_AUTH_URL: publicOrigin,
      TRUSTED_PROXIES: '127.0.0.1,::1',
      LOG_FORMAT: 'json',
    };
    // Both at once, on an empty schema: the migrations must not race each other.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(running.map((server) => server.dispose()));
      throw failed.reason;
    }
    [a, b] = running as [ServerProcess, ServerProcess];
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await dropSchema?.();
  });

  /** A browser signed up and in at A, behind the public origin. */
  async function browserAtA(): Promise<{ browser: HttpBrowser; email: string; forwardedFor: string }> {
    const browser = new HttpBrowser(publicOrigin);
    browser.address = a.address;
    const forwardedFor = clientAddress();
    const email = `two-${randomBytes(4).toString('hex')}@example.test`;
    const signUp = await browser.request(`${handoff.authBasePath}/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicOrigin, 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email, password: 'correct horse battery', name: 'Two Instances' }),
    });
    expect(signUp.status).toBe(200);
    return { browser, email, forwardedFor };
  }

  async function sessionEmail(address: string, headers: Record<string, string>): Promise<string | null> {
    const response = await fetch(`${address}${handoff.sessionPath}`, { headers });
    const body = (await response.json()) as { user?: { email: string } } | null;
    return body?.user?.email ?? null;
  }

  it('redeems at B a code issued by A, and refuses its replay at A', async () => {
    const { browser, email } = await browserAtA();
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({ response_type: 'code', client_id: handoff.defaultClientId, redirect_uri: schemeRedirect, state: 'two-instances-state', code_challenge: challenge, code_challenge_method: 'S256' });
    const consent = await (await browser.request(`${handoff.authorizePath}?${query}`)).text();
    const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
      method: 'POST',
      form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
    });
    const code = new URL(await handedBack(decide)).searchParams.get('code')!;
    const fields = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: schemeRedirect, client_id: handoff.defaultClientId };
    const exchange = (address: string) =>
      fetch(`${address}${handoff.tokenPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });

    const atB = await exchange(b.address);
    const token = ((await atB.json()) as { access_token: string }).access_token;
    expect(atB.status).toBe(200);
    expect(await sessionEmail(a.address, { authorization: `Bearer ${token}` })).toBe(email);
    const replay = await exchange(a.address);
    expect([replay.status, await replay.json()]).toEqual([400, { error: 'invalid_grant' }]);
    // Neither access log holds the code or the token.
    expect([...a.lines, ...b.lines].join('\n')).not.toMatch(new RegExp(`${code}|${token}`, 'u'));
  });

  it('shares sessions: made at A, used at B, signed out at B, ended at A', async () => {
    const { browser, email } = await browserAtA();
    const cookie = async () => {
      const probe = await browser.request(handoff.sessionPath);
      return ((await probe.json()) as { user?: { email: string } } | null)?.user?.email ?? null;
    };
    expect(await cookie()).toBe(email);
    browser.address = b.address;
    expect(await cookie()).toBe(email);
    const signOut = await browser.request(handoff.signOutPath, { method: 'POST', headers: { 'content-type': 'application/json', origin: publicOrigin }, body: '{}' });
    expect(signOut.status).toBe(200);
    browser.address = a.address;
    expect(await cookie()).toBeNull();
  });

  it('counts every lookup of a device code in one budget across both instances', async () => {
    // The reference server's defaults: 30 lookups a minute per address, whichever instance answers.
    const forwardedFor = clientAddress();
    const lookUp = async (server: ServerProcess) => (await fetch(`${server.address}${handoff.devicePagePath}?user_code=CDFHJKMN`, { headers: { 'x-forwarded-for': forwardedFor } })).status;
    const statuses: number[] = [];
    for (let index = 0; index < 30; index += 1) statuses.push(await lookUp(index % 2 === 0 ? a : b));
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect([await lookUp(a), await lookUp(b)]).toEqual([429, 429]);
  });

  it('counts a rate limit across both instances', async () => {
    // BetterAuth's own rule for /sign-in: 3 attempts per 10 seconds per client address.
    const forwardedFor = clientAddress();
    const attempt = async (server: ServerProcess) =>
      (
        await fetch(`${server.address}${handoff.authBasePath}/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: publicOrigin, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ email: 'nobody@example.test', password: 'not the password' }),
        })
      ).status;
    const statuses = [await attempt(a), await attempt(b), await attempt(a), await attempt(b)];
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client behind the same proxy keeps its own budget.
    const other = await fetch(`${b.address}${handoff.authBasePath}/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicOrigin, 'x-forwarded-for': clientAddress() },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'not the password' }),
    });
    expect(other.status).toBe(401);
  });
});
