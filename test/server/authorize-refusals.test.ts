import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, schemeRedirect, startAuthServer, testBackends, type TestAuthServer } from '../harness/auth-server';
import { handedBack } from './http-flow';

const loopback = 'http://127.0.0.1:51000/auth/callback';

async function get(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

describe.each(testBackends)('the authorize page on %s', (backend) => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ backend });
  });
  afterAll(async () => server?.close());

  it.each([
    ['an unknown client', { client_id: 'someone-else' }, 'an app this server does not know'],
    ['no client', { client_id: null }, 'does not say which app'],
    ['an unregistered redirect', { redirect_uri: 'https://evil.example/auth/callback' }, 'never registered'],
    ['a scheme it never registered', { redirect_uri: 'evil.app:/auth/callback' }, 'never registered'],
    ['loopback on another path', { redirect_uri: 'http://127.0.0.1:51000/elsewhere' }, 'never registered'],
    ['loopback by name instead of address', { redirect_uri: 'http://localhost:51000/auth/callback' }, 'never registered'],
    ['loopback without a port', { redirect_uri: 'http://127.0.0.1/auth/callback' }, 'never registered'],
    ['a redirect with a query', { redirect_uri: `${loopback}?next=1` }, 'never registered'],
    ['a 10 kB query', { state: 'x'.repeat(10_000) }, 'too long'],
  ])('shows an error page, never a redirect, for %s', async (_label, params, sentence) => {
    const response = await get(server.authorizeUrl(params));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain(sentence);
    expect(html).not.toMatch(/http-equiv="refresh"/u);
  });

  it.each([
    ['a plain challenge', { code_challenge_method: 'plain' }, 'code_challenge_method must be S256'],
    ['no challenge method', { code_challenge_method: null }, 'code_challenge_method must be S256'],
    ['no challenge', { code_challenge: null }, 'code_challenge must be a S256 challenge'],
    ['a challenge that is not a SHA-256', { code_challenge: 'abc' }, 'code_challenge must be a S256 challenge'],
  ])('redirects a loopback request with %s back with invalid_request and the state', async (_label, params, description) => {
    const response = await get(server.authorizeUrl({ redirect_uri: loopback, state: 'state-123', ...params }));
    expect(response.status).toBe(303);
    const callback = new URL(response.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(loopback);
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'invalid_request', error_description: description, state: 'state-123', iss: server.url });
  });

  it('hands a custom-scheme refusal back through the page, with the state', async () => {
    const response = await get(server.authorizeUrl({ code_challenge_method: 'plain', state: 'state-456' }));
    expect(response.status).toBe(200);
    const callback = new URL(await handedBack(response));
    expect(`${callback.protocol}${callback.pathname}`).toBe(schemeRedirect);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('state')).toBe('state-456');
  });

  it('refuses a missing state, and an oversized one without echoing it', async () => {
    const missing = new URL((await get(server.authorizeUrl({ redirect_uri: loopback, state: null }))).headers.get('location')!);
    expect(Object.fromEntries(missing.searchParams)).toEqual({ error: 'invalid_request', error_description: 'state is required', iss: server.url });
    const oversized = await get(server.authorizeUrl({ redirect_uri: loopback, state: 's'.repeat(600) }));
    const callback = new URL(oversized.headers.get('location')!);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.has('state')).toBe(false);
    expect(oversized.headers.get('location')!.length).toBeLessThan(200);
  });

  it('offers sign-in and sign-up, with a strict content security policy, when nobody is signed in', async () => {
    const response = await get(server.authorizeUrl({ code_challenge: pkcePair().challenge }));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    // One script, the plugin's own file, allowed by this answer's nonce alone; no inline script or style.
    const nonce = /script-src 'nonce-([^']+)'/u.exec(csp)?.[1];
    expect([...html.matchAll(/<script[^>]*>/gu)].map((match) => match[0])).toEqual([`<script src="${handoff.authBasePath}/desktop/page-script" nonce="${nonce}" defer>`]);
    expect(html).not.toMatch(/<script[^>]*>[^<]|style=/u);
    expect(html).toContain('Sign in to continue to Latchkey');
    expect(html).toContain('>Create an account</a>');
    expect(html).not.toContain('Continue with GitHub');
  });

  it('serves the health check once migrations are done', async () => {
    const health = await fetch(`${server.url}${handoff.healthPath}`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
  });
});

describe('social sign-in on the page', () => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ social: { github: { clientId: 'github-client', clientSecret: 'github-secret' } } });
  });
  afterAll(async () => server?.close());

  it('shows a button only for the providers that are configured, and its answer moves on to the provider', async () => {
    const authorize = new URL(server.authorizeUrl({}));
    const html = await (await get(authorize.href)).text();
    expect(html).toContain('Continue with GitHub');
    expect(html).not.toContain('Continue with Google');
    const response = await fetch(`${server.url}${handoff.authBasePath}/desktop/social`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ authorize_query: authorize.searchParams.toString(), provider: 'github' }).toString(),
    });
    // A page on our origin that moves on (the form's CSP stays form-action 'self'): see social-sign-in.test.ts in Chromium.
    expect(response.status).toBe(200);
    const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/u.exec(await response.text())?.[1];
    const location = new URL(refresh!.replaceAll('&#38;', '&'));
    expect(location.origin).toBe('https://github.com');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self';");
    expect(location.searchParams.get('client_id')).toBe('github-client');
    expect(response.headers.getSetCookie().length).toBeGreaterThan(0);
  });
});
