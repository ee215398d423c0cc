import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { signInWithBrowser } from '../harness/system-browser';
import { startHost, type Host } from './host';

/** The value the app would receive: the code in the hand-back URL. */
const codeIn = (callbackUrl: string) => new URL(callbackUrl).searchParams.get('code')!;

describe('the server pages’ controls, in real Chromium', () => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let user: TestUser;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer(), launchChromium()]);
    user = await server.createUser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('the page script runs only under the answer’s own nonce, never as unsafe-inline', async () => {
    const page = await chromium.context.newPage();
    const answer = await page.goto(server.authorizeUrl({}));
    const policy = answer!.headers()['content-security-policy']!;
    // Browsers hide a nonce from the DOM once parsed (HTML "nonce attributes"), so it is read from the answer.
    const nonce = /<script [^>]*nonce="([^"]+)"/u.exec(await answer!.text())![1];
    expect(policy).toContain(`script-src 'nonce-${nonce}'`);
    expect(policy).not.toContain('unsafe-inline');
    // The script ran: it shows the toggle it drives.
    await page.getByRole('button', { name: 'Show password' }).waitFor();
    await page.close();
  });

  it('shows the password while pressed, and sends the form from a password field again', async () => {
    const page = await chromium.context.newPage();
    await page.goto(server.authorizeUrl({}));
    const form = page.getByRole('form', { name: 'Sign in' });
    const field = form.getByLabel('Password', { exact: true });
    const toggle = form.getByRole('button', { name: 'Show password' });
    expect(await field.getAttribute('autocomplete')).toBe('current-password');
    expect(await form.getByLabel('Email').getAttribute('autocomplete')).toBe('username');
    expect(await toggle.getAttribute('aria-controls')).toBe(await field.getAttribute('id'));
    await field.fill(user.password);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await field.getAttribute('type')).toBe('text');
    await toggle.click();
    expect(await field.getAttribute('type')).toBe('password');
    await toggle.click();
    // What a password manager sees when the form is sent: the type at submit time.
    await page.evaluate(() => {
      document.querySelector('form[aria-label="Sign in"]')!.addEventListener('submit', (event) => {
        (window as unknown as { typeAtSubmit: string }).typeAtSubmit = ((event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement).type;
        event.preventDefault();
      });
    });
    await form.getByLabel('Email').fill(user.email);
    await field.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { typeAtSubmit: string }).typeAtSubmit)).toBe('password');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });

  it('copies the code the app accepts, and says Copied in a live region', async () => {
    await chromium.context.clearCookies();
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const result = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    const status = result.page.getByRole('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await result.page.getByRole('button', { name: 'Copy code' }).click();
    await status.getByText('Copied').waitFor();
    expect(await result.page.evaluate(() => navigator.clipboard.readText())).toBe(codeIn(result.callbackUrl));
    await result.page.close();
    await chromium.context.clearPermissions();
  });

  it('selects the code and says which keys copy it when the Clipboard API is missing', async () => {
    await chromium.context.clearCookies();
    const context = chromium.context;
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    const result = await signInWithBrowser(context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    await result.page.getByRole('button', { name: 'Copy code' }).click();
    await result.page.getByRole('status').getByText('Press Ctrl+C').waitFor();
    // Shown in groups, but the selected text is the code itself.
    expect(await result.page.evaluate(() => window.getSelection()!.toString())).toBe(codeIn(result.callbackUrl));
    await result.page.close();
  });
});

describe('the server pages with script turned off', () => {
  let server: TestAuthServer;
  let user: TestUser;
  beforeAll(async () => {
    server = await startAuthServer();
    user = await server.createUser();
  });
  afterAll(async () => server?.close());

  it('sign in and hand back the code as before, without the buttons the script would drive', async () => {
    const chromium = await launchChromium();
    const context = await chromium.context.browser()!.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.authorizeUrl({}));
      expect(await page.getByRole('button', { name: 'Show password' }).count()).toBe(0);
      const result = await signInWithBrowser(context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
      expect(await result.page.getByRole('button', { name: 'Copy code' }).count()).toBe(0);
      expect(await result.page.getByLabel('Sign-in code').textContent()).toBe(codeIn(result.callbackUrl));
    } finally {
      await context.close();
      await chromium.close();
    }
  });
});

describe('a host’s password policy on the create-account view', () => {
  let host: Host;
  let chromium: Chromium;
  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost({ auth: { appName: 'Acme ID', emailAndPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 64 } } }), launchChromium()]);
  });
  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  async function createView(page: Page, authorize: string): Promise<void> {
    await page.goto(authorize);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('form', { name: 'Create an account' }).waitFor();
  }

  it('shows the host’s own numbers before anything is sent, and the field holds to them', async () => {
    const page = await chromium.context.newPage();
    await createView(page, host.authorizeUrl());
    const field = page.getByLabel('Password', { exact: true });
    // The host's name beside the mark.
    expect(await page.getByRole('img', { name: 'Acme ID', exact: true }).isVisible()).toBe(true);
    expect(await field.getAttribute('autocomplete')).toBe('new-password');
    expect(await page.getByLabel('Email').getAttribute('autocomplete')).toBe('email');
    expect(await field.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!)!.textContent)).toContain('at least 12 characters (at most 64)');
    expect([await field.getAttribute('minlength'), await field.getAttribute('maxlength')]).toEqual(['12', '64']);
    // A link back to the sign-in view, and no second form on this one.
    expect(await page.getByRole('form', { name: 'Sign in' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('a refusal keeps the name and email, never the password, and says what to do', async () => {
    const page = await chromium.context.newPage();
    const authorize = host.authorizeUrl();
    await createView(page, authorize);
    // A browser that does not check minlength (or a person who got past it): the server's rule decides.
    const answer = await page.request.post(`${host.url}/api/auth/desktop/sign-up`, {
      headers: { origin: host.url },
      form: { authorize_query: new URL(authorize).searchParams.toString(), name: 'Ada Lovelace', email: 'ada@example.test', password: 'too-short' },
    });
    expect(answer.status()).toBe(400);
    await page.setContent(await answer.text());
    expect(await page.getByRole('alert').textContent()).toBe('That password is too short. Choose one of at least 12 characters.');
    expect(await page.getByLabel('Name').inputValue()).toBe('Ada Lovelace');
    expect(await page.getByLabel('Email').inputValue()).toBe('ada@example.test');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await host.userCount()).toBe(0);
    await page.close();
  });
});

