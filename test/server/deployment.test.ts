import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { deploymentFromEnv } from '../../src/server/deployment-env';
import { startAuthServer, testBackends, type TestAuthServer } from '../harness/auth-server';

describe('deployment settings from the environment', () => {
  it('defaults to loopback, the socket’s peer and no request log', () => {
    expect(deploymentFromEnv({})).toEqual({ host: '127.0.0.1', publicUrl: null, trustedProxies: [], clientIpHeader: null, trustedOrigins: [], logFormat: 'off' });
  });

  it('takes a real deployment’s values', () => {
    expect(
      deploymentFromEnv({
        HOST: '0.0.0.0',
        BETTER_AUTH_URL: 'https://auth.example.com/',
        TRUSTED_PROXIES: '10.0.0.2, 10.1.0.0/16',
        CLIENT_IP_HEADER: 'X-Real-IP',
        TRUSTED_ORIGINS: 'https://app.example.com,https://*.example.org',
        LOG_FORMAT: 'json',
      }),
    ).toEqual({
      host: '0.0.0.0',
      publicUrl: 'https://auth.example.com',
      trustedProxies: ['10.0.0.2', '10.1.0.0/16'],
      clientIpHeader: 'x-real-ip',
      trustedOrigins: ['https://app.example.com', 'https://*.example.org'],
      logFormat: 'json',
    });
  });

  it.each([
    [{ HOST: 'my host' }, 'HOST must be an IP address'],
    [{ BETTER_AUTH_URL: 'auth.example.com' }, 'BETTER_AUTH_URL must be the public origin'],
    [{ BETTER_AUTH_URL: 'https://auth.example.com/api/auth' }, 'BETTER_AUTH_URL must be an origin only'],
    [{ BETTER_AUTH_URL: 'http://auth.example.com' }, 'BETTER_AUTH_URL must use https'],
    [{ TRUSTED_PROXIES: '10.0.0.1,10.0.0.0/99' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas; "10.0.0.0/99"'],
    [{ CLIENT_IP_HEADER: 'x-real-ip' }, 'CLIENT_IP_HEADER needs TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.1', CLIENT_IP_HEADER: 'x real ip' }, 'CLIENT_IP_HEADER must be a header name'],
    [{ TRUSTED_ORIGINS: 'https://app.example.com/path' }, 'TRUSTED_ORIGINS must list origins'],
    [{ LOG_FORMAT: 'yaml' }, 'LOG_FORMAT must be json, text or off'],
  ])('refuses %o with a sentence naming the setting', (env, sentence) => {
    expect(() => deploymentFromEnv(env)).toThrow(sentence);
  });
});

describe.each(testBackends)('a deployed server (%s)', (backend) => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ backend, publicUrl: 'https://auth.example.test', handoff: { rateLimit: { authorize: { window: 60, max: 2 } } } });
  });
  afterAll(async () => server?.close());

  it('marks cookies Secure under an https public origin', async () => {
    const listening = `http://127.0.0.1:${server.server.port}`;
    const body = JSON.stringify({ email: `secure-${backend}@example.test`, password: 'correct horse battery', name: 'Secure' });
    const signUp = (origin: string) => fetch(`${listening}${handoff.authBasePath}/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body });
    const accepted = await signUp('https://auth.example.test');
    expect(accepted.status).toBe(200);
    const cookie = accepted.headers.getSetCookie().find((line) => line.includes('session_token'));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=.*; Secure/iu);
  });

  it('writes the public origin into every URL it publishes', async () => {
    const metadata = (await (await fetch(`http://127.0.0.1:${server.server.port}${handoff.metadataPath}`)).json()) as Record<string, string>;
    expect(metadata.issuer).toBe('https://auth.example.test');
    expect(metadata.authorization_endpoint).toBe('https://auth.example.test/desktop/authorize');
    expect(metadata.token_endpoint).toBe('https://auth.example.test/api/auth/desktop/token');
  });

  it('keys rate limits on the socket’s peer, whatever x-forwarded-for a client claims', async () => {
    const listening = `http://127.0.0.1:${server.server.port}`;
    const authorize = new URL(server.authorizeUrl({}));
    const statuses = [];
    for (const claimed of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push((await fetch(`${listening}${authorize.pathname}${authorize.search}`, { headers: { 'x-forwarded-for': claimed } })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});
