import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, schemeRedirect, startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { bundleHostSignIn } from './fixtures/bundle';
import { hostClient, startHost, type Host } from './host';
import { totpCode, wrongCode } from './totp';
import { enrolTotp, type TotpEnrolment } from './two-factor-user';
import { APIError, createAuthMiddleware } from 'better-auth/api';

/**
 * Hosts configured the way real ones are, in real Chromium: a second factor, a host hook, sign-up
 * turned off, the host's own sign-in page, and sign-up of a known email. One browser and one
 * server of each kind serve the whole file.
 */
const refuseBlockedDomain = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== '/sign-in/email' && ctx.path !== '/sign-up/email') return;
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (typeof email === 'string' && email.endsWith('@blocked.example')) throw new APIError('FORBIDDEN', { message: 'Accounts at blocked.example cannot sign in here.' });
});

const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host sign-in</title></head><body><main>
<h1>Sign in to Host</h1><p role="alert"></p>
<form><label>Email <input name="email" type="email"></label><label>Password <input name="password" type="password"></label><button>Sign in</button></form>
<script type="module" src="/sign-in.js"></script></main></body></html>`;

let chromium: Chromium;
let server: TestAuthServer;
let strict: Host;
let own: Host;
let user: TestUser;
let enrolment: TotpEnrolment;
const ownPerson = { email: 'owner@host.example', password: 'correct horse battery', name: 'Owner' };

beforeAll(async () => {
  const script = await bundleHostSignIn();
  [chromium, server, strict, own] = await Promise.all([
    launchChromium(),
    startAuthServer(),
    startHost({ auth: { emailAndPassword: { enabled: true, disableSignUp: true }, hooks: { before: refuseBlockedDomain } } }),
    startHost({
      handoff: { signInPage: '/sign-in' },
      routes: {
        '/sign-in': (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage),
        '/sign-in.js': (_request, response) => response.writeHead(200, { 'content-type': 'text/javascript' }).end(script),
      },
    }),
  ]);
  user = await server.createUser();
  enrolment = await enrolTotp(server.server.auth.api, user);
  await own.auth.api.signUpEmail({ body: ownPerson });
});
afterAll(async () => {
  await chromium?.close();
  await Promise.all([server?.close(), strict?.close(), own?.close()]);
});

async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByLabel('Password').press('Enter');
  await page.waitForLoadState('domcontentloaded');
}

/** Approves on the consent screen and answers the callback URL the hand-back page offers. */
async function approve(page: Page, clientName: string): Promise<URL> {
  await page.getByRole('button', { name: new RegExp(`^Continue to ${clientName} as `, 'u') }).click();
  const back = page.getByRole('link', { name: `Return to ${clientName}` });
  await back.waitFor();
  return new URL((await back.getAttribute('href'))!);
}

async function exchange(origin: string, code: string, verifier: string, redirectUri: string, clientId: string) {
  const response = await fetch(`${origin}${handoff.tokenPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: clientId }),
  });
  return { status: response.status, body: (await response.json()) as { user?: { email: string } } };
}

describe('a host with twoFactor', () => {
  it('asks for the code after the password, refuses a wrong one, and signs the app in with the right one', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const { verifier, challenge } = pkcePair();
    await page.goto(server.authorizeUrl({ code_challenge: challenge }));
    await signInOnPage(page, user.email, user.password);
    await page.getByRole('heading', { name: 'Enter your code to continue to Latchkey' }).waitFor();
    expect(await page.getByRole('button', { name: /^Continue to Latchkey as / }).count()).toBe(0);
    const code = page.getByLabel('Code from your authenticator app');
    await code.fill(wrongCode(enrolment.totpURI));
    await code.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('That code is not right. Nothing was signed in; try again.');
    await page.getByLabel('Code from your authenticator app').fill(totpCode(enrolment.totpURI));
    await page.getByLabel('Code from your authenticator app').press('Enter');
    const callback = await approve(page, 'Latchkey');
    const token = await exchange(server.url, callback.searchParams.get('code')!, verifier, schemeRedirect, handoff.defaultClientId);
    expect(token.status).toBe(200);
    expect(token.body.user?.email).toBe(user.email);
    await page.close();
  });

  it('takes a backup code instead, once', async () => {
    const useBackup = async () => {
      await chromium.context.clearCookies();
      const page = await chromium.context.newPage();
      await page.goto(server.authorizeUrl({}));
      await signInOnPage(page, user.email, user.password);
      await page.getByLabel('Backup code', { exact: true }).fill(enrolment.backupCodes[1]!);
      await page.getByLabel('Backup code', { exact: true }).press('Enter');
      await page.waitForLoadState('domcontentloaded');
      return page;
    };
    const first = await useBackup();
    await first.getByRole('button', { name: `Continue to Latchkey as ${user.email}` }).waitFor();
    await first.close();
    const second = await useBackup();
    await expect(second.getByRole('alert').textContent()).resolves.toBe('That backup code is not right, or was already used. Nothing was signed in; try again.');
    expect(await second.getByRole('button', { name: /^Continue to Latchkey as / }).count()).toBe(0);
    await second.close();
  });
});

describe('a host with its own rules', () => {
  it('refuses the domain its before hook refuses, through the desktop pages too', async () => {
    const context = await strict.auth.$context;
    const password = 'correct horse battery';
    const blocked = await context.internalAdapter.createUser({ email: 'ada@blocked.example', name: 'Ada', emailVerified: true }, { method: 'email-password' });
    await context.internalAdapter.linkAccount({ userId: blocked.id, providerId: 'credential', accountId: blocked.id, password: await context.password.hash(password) });
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    await page.goto(strict.authorizeUrl());
    await signInOnPage(page, 'ada@blocked.example', password);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Accounts at blocked.example cannot sign in here.');
    expect(await page.getByRole('button', { name: /^Continue to Host App as / }).count()).toBe(0);
    await page.close();
  });

  it('shows no sign-up form when sign-up is off, and a hand-made sign-up post creates no user', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const authorize = strict.authorizeUrl();
    await page.goto(authorize);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('form', { name: 'Create an account' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    // Asking for the create-account view by its address gives the sign-in view all the same.
    await page.goto(`${authorize}&prompt=create`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('form', { name: 'Create an account' }).count()).toBe(0);
    const before = await strict.userCount();
    const forged = await page.request.post(`${strict.url}${handoff.authBasePath}/desktop/sign-up`, {
      headers: { origin: strict.url },
      form: { authorize_query: new URL(authorize).searchParams.toString(), name: 'Forger', email: 'forger@example.test', password: 'a long enough password' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Creating accounts is turned off on this server.');
    expect(await strict.userCount()).toBe(before);
    await page.close();
  });
});

describe('a host with its own sign-in page', () => {
  it('sends the browser there, and the handoff completes after the host’s own sign-in', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const { verifier, challenge } = pkcePair();
    const authorize = own.authorizeUrl({ code_challenge: challenge });
    await page.goto(authorize);
    const at = new URL(page.url());
    expect(at.pathname).toBe('/sign-in');
    expect(at.searchParams.get('callbackURL')).toBe(new URL(authorize).pathname + new URL(authorize).search);
    await page.getByLabel('Email').fill(ownPerson.email);
    await page.getByLabel('Password').fill(ownPerson.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const callback = await approve(page, 'Host App');
    const token = await exchange(own.url, callback.searchParams.get('code')!, verifier, hostClient.redirectUris[0]!, hostClient.clientId);
    expect(token.status).toBe(200);
    expect(token.body.user?.email).toBe(ownPerson.email);
    await page.close();
  });
});

describe('sign-up of an email that already has an account', () => {
  it('looks exactly like sign-up of a new one, in status and text', async () => {
    const signUp = async (email: string) => {
      await chromium.context.clearCookies();
      const page = await chromium.context.newPage();
      await page.goto(server.authorizeUrl({ state: 'same-state', code_challenge: 'A'.repeat(43) }));
      await page.getByRole('link', { name: 'Create an account' }).click();
      const form = page.getByRole('form', { name: 'Create an account' });
      await form.getByLabel('Name').fill('Someone');
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Password').fill('a long enough password');
      const answer = page.waitForResponse((response) => response.url().endsWith('/desktop/sign-up'));
      await form.getByLabel('Password').press('Enter');
      const status = (await answer).status();
      await page.getByRole('status').waitFor();
      const text = (await page.locator('main').innerText()).replaceAll(email, '<email>');
      const emailField = await page.getByRole('form', { name: 'Sign in' }).getByLabel('Email').inputValue();
      await page.close();
      return { status, text, emailField: emailField === email };
    };
    const fresh = await signUp(`fresh-${Date.now()}@example.test`);
    const known = await signUp(user.email);
    expect(known).toEqual(fresh);
    expect(fresh.status).toBe(200);
  });
});
