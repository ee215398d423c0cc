import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { genericOAuth } from 'better-auth/plugins';
import Provider from 'oidc-provider';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { hostClient, startHost, type Host } from './host';

/**
 * Social sign-in on the desktop pages, in real Chromium, where the page's CSP is enforced
 * (`form-action` applies to the redirect a form's answer makes). One real OpenID provider,
 * `oidc-provider` on loopback, serves the whole file through BetterAuth's `genericOAuth`; the
 * GitHub and Google buttons reach stand-ins routed inside the browser (no network).
 */

/** `oidc-provider` with its own login and consent pages (devInteractions), any login accepted. */
async function startOpenIdProvider(): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'desktop-host',
        client_secret: 'desktop-host-secret',
        // A native client's loopback redirect matches on any port (RFC 8252 §7.3), so the host's ephemeral port needs no registration.
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/api/auth/callback/corp'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@corp.example`, email_verified: true, name: `Person ${id}` }),
    }),
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

/** Content-security complaints Chromium logs for pages of an origin. */
function cspViolations(page: Page, origin: string): string[] {
  const found: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy/iu.test(message.text()) && message.location().url.startsWith(origin)) found.push(message.text());
  });
  return found;
}

let chromium: Chromium;
let openId: { issuer: string; server: Server };
let corpHost: Host;
let socialHost: Host;

beforeAll(async () => {
  [chromium, openId] = await Promise.all([launchChromium(), startOpenIdProvider()]);
  [corpHost, socialHost] = await Promise.all([
    startHost({
      auth: {
        plugins: [
          genericOAuth({
            config: [
              {
                providerId: 'corp',
                name: 'Corp ID',
                discoveryUrl: `${openId.issuer}/.well-known/openid-configuration`,
                clientId: 'desktop-host',
                clientSecret: 'desktop-host-secret',
                scopes: ['openid', 'email', 'profile'],
              },
            ],
          }),
        ],
      },
    }),
    startHost({
      auth: {
        socialProviders: {
          github: { clientId: 'github-client', clientSecret: 'github-secret' },
          google: { clientId: 'google-client', clientSecret: 'google-secret' },
        },
      },
    }),
  ]);
});
afterAll(async () => {
  await chromium?.close();
  await Promise.all([corpHost?.close(), socialHost?.close()]);
  openId?.server.close();
  openId?.server.closeAllConnections();
});

describe('social sign-in through a real OpenID provider', () => {
  it('goes from the desktop page through the provider’s own login and consent, back to our consent, to a code the app exchanges', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const violations = cspViolations(page, corpHost.url);
    const { verifier, challenge } = pkcePair();
    await page.goto(corpHost.authorizeUrl({ code_challenge: challenge }));
    await page.getByRole('button', { name: 'Continue with Corp ID' }).click();

    // The provider's own pages: its login form, then its consent.
    await page.waitForURL((url) => url.origin === openId.issuer);
    await page.locator('input[name="login"]').fill('ada');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back on the host, signed in as the provider's person: our consent, then the hand-back.
    await page.getByRole('button', { name: 'Continue to Host App as ada@corp.example' }).click();
    const back = page.getByRole('link', { name: 'Return to Host App' });
    await back.waitFor();
    const callback = new URL((await back.getAttribute('href'))!);
    const token = await fetch(`${corpHost.url}${handoff.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: callback.searchParams.get('code'), code_verifier: verifier, redirect_uri: hostClient.redirectUris[0], client_id: hostClient.clientId }),
    });
    expect(token.status).toBe(200);
    expect(((await token.json()) as { user: { email: string; name: string } }).user).toMatchObject({ email: 'ada@corp.example', name: 'Person ada' });
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('the GitHub and Google buttons', () => {
  it.each([
    ['GitHub', 'https://github.com', 'github'],
    ['Google', 'https://accounts.google.com', 'google'],
  ])('Continue with %s reaches %s with the host’s client and callback', async (label, origin, id) => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const violations = cspViolations(page, socialHost.url);
    // The provider's sign-in page, as a stand-in inside the browser: Chromium navigated there for real.
    await page.route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>${label}</title><h1>${label} sign-in</h1>` }));
    await page.goto(socialHost.authorizeUrl());
    await page.getByRole('button', { name: `Continue with ${label}` }).click();
    await page.getByRole('heading', { name: `${label} sign-in` }).waitFor();
    const at = new URL(page.url());
    expect(at.origin).toBe(origin);
    expect(at.searchParams.get('client_id')).toBe(`${id}-client`);
    expect(at.searchParams.get('redirect_uri')).toBe(`${socialHost.url}/api/auth/callback/${id}`);
    expect(at.searchParams.get('state')).toBeTruthy();
    expect(violations).toEqual([]);
    await page.close();
  });
});
