import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { testBackends } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { hostClient, startHost, type Host } from './host';

/** Rate limiting as a host in production has it (BetterAuth turns it off elsewhere unless told). */
const limiting = (storage: 'memory' | 'database') => ({ rateLimit: { enabled: true, storage } });
const waitSentence = /^Too many attempts from this address\. Try again in (\d+) seconds?\.$/u;

function tokenRequest(host: Host): Promise<Response> {
  return fetch(`${host.url}${handoff.authBasePath}/desktop/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'authorization_code', code: 'x'.repeat(43), code_verifier: 'y'.repeat(43), redirect_uri: hostClient.redirectUris[0], client_id: hostClient.clientId }),
  });
}

/**
 * Over a page's limit, a person's browser shows the plugin's page saying how long to wait, not
 * BetterAuth's JSON "Too many requests": in Chromium, because what a person sees of a JSON answer
 * is the browser's own rendering of it.
 */
describe('a page over its rate limit', () => {
  let chromium: Chromium;
  let host: Host;
  beforeAll(async () => {
    const once = { window: 60, max: 1 };
    [chromium, host] = await Promise.all([
      launchChromium(),
      startHost({ auth: limiting('memory'), handoff: { rateLimit: { authorize: once, signIn: once, token: once } } }),
    ]);
  });
  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('is the plugin’s page saying how long to wait, for a page opened and a form sent', async () => {
    const page = await chromium.context.newPage();
    const address = host.authorizeUrl();
    expect((await page.goto(address))!.status()).toBe(200);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill('nobody@example.test');
    await form.getByLabel('Password', { exact: true }).fill('not the password at all');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();

    // The second sign-in from this address within the minute, on the form the page showed again.
    await form.getByLabel('Password', { exact: true }).fill('not the password either');
    const refused = page.waitForResponse((response) => response.url().endsWith('/desktop/sign-in'));
    await form.getByRole('button', { name: 'Sign in' }).click();
    const answer = await refused;
    expect([answer.status(), answer.headers()['content-type']]).toEqual([429, 'text/html; charset=utf-8']);
    await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
    const sentence = (await page.locator('main p').first().innerText()).trim();
    const seconds = Number(waitSentence.exec(sentence)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(answer.headers()['retry-after']).toBe(String(seconds));
    expect(await page.getByRole('img', { name: 'Latchkey' }).isVisible()).toBe(true);

    // The authorize page, opened a second time in the minute.
    const third = await page.goto(address);
    expect([third!.status(), third!.headers()['content-type']]).toEqual([429, 'text/html; charset=utf-8']);
    await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
    expect(Number(third!.headers()['retry-after'])).toBeGreaterThan(0);
    await page.close();
  });

  it('leaves a JSON client’s limit JSON', async () => {
    expect((await tokenRequest(host)).status).toBe(400);
    const limited = await tokenRequest(host);
    expect([limited.status, limited.headers.get('content-type')]).toEqual([429, 'application/json']);
    expect(await limited.json()).toMatchObject({ message: expect.stringContaining('Too many requests') });
  });
});

describe.each(testBackends)('a page’s limit across two instances over one database, on %s', (backend) => {
  let a: Host;
  let b: Host;
  beforeAll(async () => {
    const options = { backend, auth: limiting('database'), handoff: { rateLimit: { authorize: { window: 60, max: 3 } } } };
    a = await startHost(options);
    b = await startHost({ ...options, sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts views at either instance in one budget', async () => {
    const view = async (host: Host) => {
      const answer = await fetch(host.authorizeUrl());
      return `${answer.status} ${answer.headers.get('content-type')}`;
    };
    const page = 'text/html; charset=utf-8';
    expect([await view(a), await view(b), await view(a)]).toEqual([`200 ${page}`, `200 ${page}`, `200 ${page}`]);
    expect([await view(b), await view(a)]).toEqual([`429 ${page}`, `429 ${page}`]);
  });
});

describe('a host’s own rule for a page’s path', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ auth: { rateLimit: { enabled: true, storage: 'memory', customRules: { '/desktop/authorize': { window: 60, max: 1 } } } } });
  });
  afterAll(async () => host?.close());

  it('is the limit the page is counted against, and still answered with a page', async () => {
    expect((await fetch(host.authorizeUrl())).status).toBe(200);
    const limited = await fetch(host.authorizeUrl());
    expect([limited.status, limited.headers.get('content-type')]).toEqual([429, 'text/html; charset=utf-8']);
  });
});
