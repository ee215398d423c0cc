import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { wcagViolations } from '../harness/axe';
import { pkcePair, schemeRedirect, startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { signInWithBrowser } from '../harness/system-browser';

/** What the page under test broke of its content security policy, as Chromium reported it. */
function policyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/iu.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The code on the hand-back page's "Return to Latchkey" link. */
async function handedBackCode(page: Page): Promise<string> {
  const link = page.getByRole('link', { name: 'Return to Latchkey' });
  await link.waitFor();
  return new URL((await link.getAttribute('href'))!).searchParams.get('code')!;
}

async function isFocused(page: Page, name: string): Promise<boolean> {
  return page.getByRole('button', { name, exact: true }).evaluate((element) => element === document.activeElement);
}

// What the pages ask does not depend on the database; the rules run on both in sign-in-prompts.
describe.each(['sqlite'] as const)('an app asking the browser for a particular sign-in, on %s', (backend) => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let alice: TestUser;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer({ backend }), launchChromium()]);
    alice = await server.createUser({ name: 'Alice Example' });
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  const exchange = async (code: string, verifier: string) =>
    server.exchange({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: schemeRedirect, client_id: handoff.defaultClientId });
  const sessionCookie = async () => (await chromium.context.cookies()).find((cookie) => cookie.name.endsWith('session_token')) ?? null;
  const signInAsAlice = async () => {
    await chromium.context.clearCookies();
    const first = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: alice.email, password: alice.password } });
    await first.page.close();
  };

  it('prompt=login asks for the password again over a live session, and the code is the fresh sign-in’s', async () => {
    await signInAsAlice();
    const before = await sessionCookie();
    expect(before).not.toBeNull();
    const page = await chromium.context.newPage();
    const violations = policyViolations(page);
    const { verifier, challenge } = pkcePair();
    await page.goto(server.authorizeUrl({ prompt: 'login', code_challenge: challenge }));
    await page.getByRole('heading', { name: 'Sign in to continue to Latchkey' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Latchkey asks you to sign in again.');
    expect(await wcagViolations(page)).toEqual([]);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(alice.email);
    await form.getByLabel('Password', { exact: true }).fill(alice.password);
    await form.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('button', { name: `Continue to Latchkey as ${alice.email}` }).click();
    const token = await exchange(await handedBackCode(page), verifier);
    expect(token.body.user).toMatchObject({ email: alice.email });
    // The fresh sign-in replaced the browser's session, and the one it replaced no longer works.
    const after = await sessionCookie();
    expect(after?.value).not.toBe(before!.value);
    expect(await server.server.auth.api.getSession({ headers: new Headers({ cookie: `${before!.name}=${before!.value}` }) })).toBeNull();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('prompt=select_account offers the account, and by keyboard alone “Use another account” lets a second person sign in fresh', async () => {
    await signInAsAlice();
    const bob = await server.createUser({ name: 'Bob Example' });
    const page = await chromium.context.newPage();
    const violations = policyViolations(page);
    const { verifier, challenge } = pkcePair();
    await page.goto(server.authorizeUrl({ prompt: 'select_account', code_challenge: challenge }));
    await page.getByRole('heading', { name: 'Choose an account to continue to Latchkey' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    const continueAs = `Continue as Alice Example (${alice.email})`;
    await page.keyboard.press('Tab');
    expect(await isFocused(page, continueAs)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(page, 'Use another account')).toBe(true);
    await page.keyboard.press('Enter');

    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await sessionCookie()).toBeNull();
    await page.keyboard.press('Tab');
    await page.keyboard.type(bob.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(bob.password);
    await page.keyboard.press('Enter');
    // Signed in during this request: the choice is made, so the consent screen follows, not the chooser.
    const approve = `Continue to Latchkey as ${bob.email}`;
    await page.getByRole('button', { name: approve }).waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(page, approve)).toBe(true);
    await page.keyboard.press('Enter');
    const token = await exchange(await handedBackCode(page), verifier);
    expect(token.body.user).toMatchObject({ email: bob.email, name: 'Bob Example' });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('login_hint fills in the email, and the cursor waits in the password field', async () => {
    await chromium.context.clearCookies();
    const page = await chromium.context.newPage();
    const { verifier, challenge } = pkcePair();
    await page.goto(server.authorizeUrl({ login_hint: alice.email, code_challenge: challenge }));
    const form = page.getByRole('form', { name: 'Sign in' });
    expect(await form.getByLabel('Email').inputValue()).toBe(alice.email);
    expect(await form.getByLabel('Password', { exact: true }).evaluate((field) => field === document.activeElement)).toBe(true);
    await page.keyboard.type(alice.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Continue to Latchkey as ${alice.email}` }).click();
    expect((await exchange(await handedBackCode(page), verifier)).body.user).toMatchObject({ email: alice.email });
    await page.close();
  });

  it('a login_hint naming someone else than the signed-in account says so, and does not continue as them silently', async () => {
    await signInAsAlice();
    const page = await chromium.context.newPage();
    await page.goto(server.authorizeUrl({ login_hint: 'bob@example.test' }));
    await page.getByRole('heading', { name: 'Choose an account to continue to Latchkey' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(`Latchkey asked for bob@example.test, and this browser is signed in as ${alice.email}.`);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use another account' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    expect(await form.getByLabel('Email').inputValue()).toBe('bob@example.test');
    await page.close();
  });
});
