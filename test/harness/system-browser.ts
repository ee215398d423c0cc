import type { BrowserContext, Page } from 'playwright-core';

/** Who signs in on the page, and whether they first create the account. */
export interface BrowserAccount {
  email: string;
  password: string;
  /** `sign-up` fills "Create an account"; `sign-in` the sign-in form. @default 'sign-in' */
  mode?: 'sign-in' | 'sign-up';
  name?: string;
}

export interface BrowserSignIn {
  /** The authorize URL the app opened. */
  authorizeUrl: string;
  /** Needed unless the browser is already signed in to the server. */
  account?: BrowserAccount;
  /** What the user presses on the consent screen. @default 'approve' */
  decision?: 'approve' | 'deny';
}

export interface BrowserResult {
  /** Exactly the callback URL the browser was sent to (with code and state, or error). */
  callbackUrl: string;
  /** `scheme`: the hand-back page sent Chromium there (it cannot open it); `loopback`: requested for real. */
  via: 'scheme' | 'loopback';
  /** The consent screen was shown without a sign-in first (a session already existed). */
  wasSignedIn: boolean;
  /** The page the user is left on: the hand-back page, or whatever the loopback listener answered. */
  page: Page;
}

const loopbackPrefix = 'http://127.0.0.1:';

/**
 * "The system browser": drives the server's pages in real Chromium the way a user would, by
 * label and role, with the keyboard's Enter where a user would press it. The callback is the URL
 * Chromium was really sent to: for a custom scheme the hand-back page's refresh makes Chromium try
 * it (and fail, as nothing handles the scheme here; the page stays, with its "Return to …" link);
 * for loopback Chromium requests it, so a listener on that port (the app's) receives it.
 */
export async function signInWithBrowser(context: BrowserContext, flow: BrowserSignIn): Promise<BrowserResult> {
  const redirectUri = new URL(flow.authorizeUrl).searchParams.get('redirect_uri') ?? '';
  const page = await context.newPage();
  const callbackRequest = new Promise<string>((resolve) => {
    page.on('request', (request) => {
      if (request.url().startsWith(`${redirectUri}?`)) resolve(request.url());
    });
  });
  await page.goto(flow.authorizeUrl);
  // The consent screen, or the account chooser's "Continue as" (prompt=select_account), which
  // approves in one press for the account this browser is signed in as.
  const consent = page.getByRole('button', { name: /^Continue (to .+ )?as / });
  if (flow.account && !(await offersAccount(page, flow.account.email))) {
    // The chooser offers someone else: the person picks "Use another account" and signs in fresh.
    await page.getByRole('button', { name: 'Use another account' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
  }
  const wasSignedIn = await consent.isVisible();
  if (!wasSignedIn) {
    if (!flow.account) throw new Error('The browser is not signed in and no account was given.');
    await fillAccount(page, flow.account);
    const visible = await consent.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (!visible) {
      const alert = await page.getByRole('alert').textContent().catch(() => null);
      throw new Error(`Signing in on the page failed: ${alert ?? (await page.title())}`);
    }
  }
  if ((flow.decision ?? 'approve') === 'approve') await consent.click();
  else await page.getByRole('button', { name: 'Cancel' }).click();

  const callbackUrl = await Promise.race([
    callbackRequest,
    page.waitForTimeout(10_000).then(() => {
      throw new Error(`The browser was never sent to ${redirectUri}; it shows "${page.url()}".`);
    }),
  ]);
  if (redirectUri.startsWith(loopbackPrefix)) return { callbackUrl, via: 'loopback', wasSignedIn, page };
  // The page stays: it must offer the same URL as a link, for when the app did not open.
  const back = page.getByRole('link', { name: /^Return to / });
  await back.waitFor({ timeout: 10_000 });
  if ((await back.getAttribute('href')) !== callbackUrl) throw new Error('The hand-back link differs from where the browser was sent.');
  return { callbackUrl, via: 'scheme', wasSignedIn, page };
}

/** False only when the account chooser is shown and offers someone other than `email`. */
async function offersAccount(page: Page, email: string): Promise<boolean> {
  const chooser = page.getByRole('button', { name: /^Continue as / });
  if (!(await chooser.isVisible())) return true;
  const offered = (await chooser.textContent())?.trim() ?? '';
  return offered === `Continue as ${email}` || offered.endsWith(`(${email})`);
}

async function fillAccount(page: Page, account: BrowserAccount): Promise<void> {
  if (account.mode === 'sign-up') {
    await page.getByRole('link', { name: 'Create an account' }).click();
    const form = page.getByRole('form', { name: 'Create an account' });
    if (account.name) await form.getByLabel('Name').fill(account.name);
    await form.getByLabel('Email').fill(account.email);
    await form.getByLabel('Password').fill(account.password);
    await form.getByLabel('Password').press('Enter');
    // The page never signs in on sign-up (that would tell a known email from a new one): it says
    // the account is ready, and the person signs in with it.
    await page.getByRole('status').waitFor();
    // The second step is as light as it can be: the email is kept and the cursor waits in the
    // password field, so the person (or their password manager) only gives the password.
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await page.waitForLoadState('domcontentloaded');
    return;
  }
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByLabel('Password').press('Enter');
  await page.waitForLoadState('domcontentloaded');
}
