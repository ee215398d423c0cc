import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecondaryStorage } from 'better-auth';
import { pkcePair } from '../harness/auth-server';
import { handedBack, hiddenField, HttpBrowser } from './http-flow';
import { hostClient, startHost, type Host } from './host';

/** A host's Redis, as BetterAuth uses it: values with a lifetime, and counters for rate limits. */
function memoryRedis(): SecondaryStorage & { keys(): string[] } {
  const values = new Map<string, { value: string; until: number }>();
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.until <= Date.now()) values.delete(key);
    return values.get(key);
  };
  return {
    get: async (key) => live(key)?.value ?? null,
    set: async (key, value, ttl) => void values.set(key, { value, until: ttl ? Date.now() + ttl * 1000 : Infinity }),
    delete: async (key) => void values.delete(key),
    getAndDelete: async (key) => {
      const value = live(key)?.value ?? null;
      values.delete(key);
      return value;
    },
    increment: async (key, ttl) => {
      const count = Number(live(key)?.value ?? 0) + 1;
      values.set(key, { value: String(count), until: live(key)?.until ?? Date.now() + ttl * 1000 });
      return count;
    },
    keys: () => [...values.keys()],
  };
}

/**
 * A host that gives BetterAuth a secondary storage: BetterAuth then keeps verification values and
 * rate-limit counters there, and has no verification table, so the plugin's codes and page
 * counters live there too.
 */
describe('a host with a secondary storage', () => {
  const redis = memoryRedis();
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ auth: { secondaryStorage: redis, rateLimit: { enabled: true }, session: { storeSessionInDatabase: true } }, handoff: { rateLimit: { authorize: { window: 60, max: 4 } } } });
    await host.auth.api.signUpEmail({ body: { email: 'redis@example.test', password: 'correct horse battery', name: 'Redis' } });
  });
  afterAll(async () => host?.close());

  it('issues codes into the secondary storage and redeems each once', async () => {
    const browser = new HttpBrowser(host.url);
    const { verifier, challenge } = pkcePair();
    const authorize = new URL(host.authorizeUrl({ code_challenge: challenge }));
    const signIn = await browser.request('/api/auth/desktop/sign-in', { method: 'POST', form: { authorize_query: authorize.searchParams.toString(), email: 'redis@example.test', password: 'correct horse battery' } });
    expect(signIn.status).toBe(303);
    const consent = await (await browser.request(authorize.pathname + authorize.search)).text();
    const decide = await browser.request('/api/auth/desktop/decide', { method: 'POST', form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' } });
    const code = new URL(await handedBack(decide)).searchParams.get('code')!;
    const codes = () => redis.keys().filter((key) => key.startsWith('verification:desktop-handoff:'));
    expect(codes()).toHaveLength(1);

    const exchange = () =>
      fetch(`${host.url}/api/auth/desktop/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: hostClient.redirectUris[0], client_id: hostClient.clientId }),
      });
    const first = await exchange();
    expect(first.status).toBe(200);
    expect((await exchange()).status).toBe(400);
    expect(codes()).toEqual([]);
  });

  it('counts the pages in the secondary storage, and answers a page past the limit', async () => {
    // The first test opened the authorize page once: three more views are left of four.
    const statuses = [];
    for (let view = 0; view < 4; view += 1) statuses.push((await fetch(host.authorizeUrl())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(redis.keys().some((key) => key.endsWith('|desktop-handoff:page:/desktop/authorize'))).toBe(true);
  });
});
