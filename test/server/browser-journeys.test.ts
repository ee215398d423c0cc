import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, schemeRedirect, startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { signInWithBrowser } from '../harness/system-browser';

/** Stands in for the app's loopback listener: records what the browser requested. */
async function loopbackListener(): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    received.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${request.url}`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Latchkey</title><h1>You can close this tab</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

// The browser's side of the flow does not depend on the database: code storage, single use and the
// exchange run on both backends in token-exchange, consent-decisions and host-rules.
describe.each(['sqlite'] as const)('signing in through the browser on %s', (backend) => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let user: TestUser;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer({ backend }), launchChromium({ colorScheme: 'dark' })]);
    user = await server.createUser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  const exchange = (code: string, verifier: string, redirectUri: string) =>
    server.exchange({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: handoff.defaultClientId });

  it('signs up, approves, and hands the code and state back to the custom scheme', async () => {
    const { verifier, challenge } = pkcePair();
    const authorizeUrl = server.authorizeUrl({ code_challenge: challenge, state: 'journey-state' });
    const context = chromium.context;
    await context.clearCookies();
    const email = `new-${Date.now()}@example.test`;
    const result = await signInWithBrowser(context, { authorizeUrl, account: { mode: 'sign-up', email, password: 'a long enough password', name: 'New Person' } });
    expect(result.via).toBe('scheme');
    expect(result.wasSignedIn).toBe(false);
    const callback = new URL(result.callbackUrl);
    expect(`${callback.protocol}${callback.pathname}`).toBe(schemeRedirect);
    expect(callback.searchParams.get('state')).toBe('journey-state');
    const code = callback.searchParams.get('code')!;
    // The page says what happened, offers the way back, and shows the code for pasting.
    await expect(result.page.getByRole('heading', { name: 'You are signed in to Latchkey' }).isVisible()).resolves.toBe(true);
    expect(await result.page.getByLabel('Sign-in code').textContent()).toBe(code);
    expect(await result.page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe(`0;url=${result.callbackUrl}`);
    const token = await exchange(code, verifier, schemeRedirect);
    expect(token.status).toBe(200);
    expect(token.body.user).toMatchObject({ email, name: 'New Person' });
    await result.page.close();
  });

  it('after creating an account, keeps the email and waits in the password field for the password manager', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    await page.goto(`${server.authorizeUrl({ code_challenge: pkcePair().challenge })}&prompt=create`);
    const email = `kept-${Date.now()}@example.test`;
    const create = page.getByRole('form', { name: 'Create an account' });
    await create.getByLabel('Email').fill(email);
    await create.getByLabel('Password').fill('a long enough password');
    await create.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('If that email had no account, it has one now. Sign in with it here to continue.');
    const signIn = page.getByRole('form', { name: 'Sign in' });
    expect(await signIn.getByLabel('Email').inputValue()).toBe(email);
    const password = signIn.getByLabel('Password');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');
    expect(await password.evaluate((field) => field === document.activeElement)).toBe(true);
    await page.close();
  });

  it('follows a loopback redirect for real', async () => {
    const listener = await loopbackListener();
    try {
      const { verifier, challenge } = pkcePair();
      const redirectUri = `http://127.0.0.1:${listener.port}${handoff.callbackPath}`;
      await chromium.context.clearCookies();
      const result = await signInWithBrowser(chromium.context, {
        authorizeUrl: server.authorizeUrl({ code_challenge: challenge, redirect_uri: redirectUri, state: 'loop-state' }),
        account: { email: user.email, password: user.password },
      });
      expect(result.via).toBe('loopback');
      await result.page.getByRole('heading', { name: 'You can close this tab' }).waitFor();
      // Chromium also asks the listener for a favicon; only one callback arrives.
      expect(listener.received.filter((url) => url.includes(handoff.callbackPath))).toEqual([result.callbackUrl]);
      const callback = new URL(result.callbackUrl);
      expect(callback.searchParams.get('state')).toBe('loop-state');
      expect((await exchange(callback.searchParams.get('code')!, verifier, redirectUri)).status).toBe(200);
      await result.page.close();
    } finally {
      listener.server.close();
    }
  });

  it('asks again when the browser is already signed in, and hands back a cancel', async () => {
    await chromium.context.clearCookies();
    const first = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    await first.page.close();
    const again = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({ state: 'second' }), decision: 'deny' });
    expect(again.wasSignedIn).toBe(true);
    const callback = new URL(again.callbackUrl);
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', state: 'second', iss: server.url });
    await expect(again.page.getByRole('heading', { name: 'Sign-in cancelled' }).isVisible()).resolves.toBe(true);
    await again.page.close();
  });

  it('“Use another account” signs the browser out and back to the sign-in view, and the other account continues', async () => {
    await chromium.context.clearCookies();
    const first = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    await first.page.close();
    const other = await server.createUser();
    const page = await chromium.context.newPage();
    await page.goto(server.authorizeUrl({ state: 'switch-state' }));
    const signedIn = async () => (await chromium.context.cookies()).some((cookie) => cookie.name.endsWith('session_token'));
    expect(await signedIn()).toBe(true);
    await page.getByRole('button', { name: 'Use another account' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();
    expect(await signedIn()).toBe(false);
    await form.getByLabel('Email').fill(other.email);
    await form.getByLabel('Password', { exact: true }).fill(other.password);
    await form.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('button', { name: `Continue to Latchkey as ${other.email}` }).waitFor();
    await page.close();
  });

  it('works with the keyboard alone and breaks no content security rule', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/iu.test(message.text())) violations.push(message.text());
    });
    await page.goto(server.authorizeUrl({}));
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    // Past the show-password toggle, to the Sign in button.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Show password');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const approve = page.getByRole('button', { name: `Continue to Latchkey as ${user.email}` });
    await approve.waitFor();
    await page.keyboard.press('Tab');
    await expect(approve.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Return to Latchkey' }).waitFor();
    // The stylesheet loaded from our origin: the card has its dark background.
    const background = await page.locator('main').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(44, 44, 46)');
    expect(violations).toEqual([]);
    await page.close();
  });
});
